/**
 * The training section of an exported script, with the engine's semantics (src/train/
 * trainer.ts stepRun / recordEvals): after each optimizer step the loss is recorded, then a
 * per-batch scheduler steps (a per-epoch one after an epoch's last batch), then, at the
 * evaluation points (every evalEvery steps, or every epoch, and after the last step), the
 * model is evaluated and ReduceLROnPlateau steps with the validation loss (the training-set
 * loss when there is no validation split).
 */
import type { TaskKind } from '../protocol/api';
import type { RunPlan } from './runs';

export interface LoopShape {
  task: TaskKind;
  hasValidation: boolean;
  plans: readonly RunPlan[];
}

function evaluateFunction({ task, hasValidation }: LoopShape): string {
  const splits = hasValidation
    ? '("val", VAL_X, VAL_Y), ("train", TRAIN_X, TRAIN_Y)'
    : '("train", TRAIN_X, TRAIN_Y),';
  const accuracy =
    task === 'binary'
      ? '\n        metrics[f"{name}_accuracy"] = ((output > 0).float() == y).float().mean().item()'
      : '';
  const what =
    task === 'binary'
      ? 'Loss (without the L2 penalty) and accuracy'
      : 'Loss (without the L2 penalty)';
  const where = hasValidation
    ? 'on the validation and training sets'
    : 'on the training set (no validation split)';
  return `@torch.no_grad()
def evaluate(model):
    """${what} ${where}."""
    metrics = {}
    for name, x, y in (${splits}):
        output = model(x).squeeze(1)
        metrics[f"{name}_loss"] = criterion(output, y).item()${accuracy}
    return metrics`;
}

function schedulerLines({ plans, hasValidation }: LoopShape): { batch: string[]; eval: string[] } {
  const uses = (stepping: RunPlan['stepping']) => plans.some((plan) => plan.stepping === stepping);
  const batch: string[] = [];
  if (uses('batch') && uses('epoch')) {
    batch.push(
      '        if scheduler_steps == "batch" or (scheduler_steps == "epoch" and epoch_done):',
      '            scheduler.step()',
    );
  } else if (uses('batch')) {
    batch.push('        if scheduler_steps == "batch":', '            scheduler.step()');
  } else if (uses('epoch')) {
    batch.push(
      '        if scheduler_steps == "epoch" and epoch_done:',
      '            scheduler.step()',
    );
  }
  const monitored = hasValidation
    ? 'scheduler.step(metrics["val_loss"])'
    : 'scheduler.step(metrics["train_loss"])  # no validation split: the training loss';
  const evalLines = uses('plateau')
    ? ['            if scheduler_steps == "plateau":', `                ${monitored}`]
    : [];
  return { batch, eval: evalLines };
}

export function trainingSection(shape: LoopShape): string {
  const scheduler = schedulerLines(shape);
  return `${evaluateFunction(shape)}


def train_run(label, build, scheduler_steps, verbose=False):
    """Trains one run from INITIAL_WEIGHTS; returns its training loss at every step."""
    model = make_model()
    optimizer, scheduler = build(model.parameters())
    losses, metrics = [], {}
    for step in range(1, TOTAL_STEPS + 1):
        epoch, batch = divmod(step - 1, STEPS_PER_EPOCH)
        if batch == 0:
            order = torch.tensor(epoch_order(epoch))
        indices = order[batch * BATCH_SIZE : (batch + 1) * BATCH_SIZE]
        loss = training_loss(model, TRAIN_X[indices], TRAIN_Y[indices])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        epoch_done = step % STEPS_PER_EPOCH == 0
${[...scheduler.batch, '        if step % EVAL_EVERY == 0 or step == TOTAL_STEPS:', '            metrics = evaluate(model)', ...scheduler.eval].join('\n')}
        if verbose and (epoch_done or step == TOTAL_STEPS):
            summary = "  ".join(f"{name} {value:.4f}" for name, value in metrics.items())
            print(f"{label}  epoch {epoch + 1}/{EPOCHS}  loss {losses[-1]:.4f}  {summary}")
    return losses


def train(verbose=False):
    """Trains every run; returns {run id: [mini-batch training loss of each step, ...]}."""
    return {run_id: train_run(*run, verbose=verbose) for run_id, run in RUNS.items()}


if __name__ == "__main__":
    train(verbose=True)`;
}
