/**
 * The training section of an exported script, with the engine's semantics (src/train/
 * trainer.ts stepRun / recordEvals): after each optimizer step the loss is recorded, then a
 * per-batch scheduler steps (a per-epoch one after an epoch's last batch), then, at the
 * evaluation points (every evalEvery steps, or every epoch, and after the last step), the
 * model is evaluated and ReduceLROnPlateau steps with the validation loss (the training-set
 * loss when there is no validation split).
 *
 * With Stochastic Weight Averaging in any run, the loop is torch's SWA recipe: from the run's
 * `start` epoch on, its own scheduler rests, and each epoch's end updates an AveragedModel
 * and steps SWALR (built then, so it anneals from the lr it finds); the average is evaluated
 * beside the model. Without SWA the loop is exactly what it was.
 */
import type { TaskKind } from '../protocol/api';
import { anySwa } from './runs';
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
  // With SWA, the run's own scheduler rests from its start epoch on.
  const resting = anySwa(plans) ? ' and not averaging' : '';
  const batch: string[] = [];
  if (uses('batch') && uses('epoch')) {
    const when = 'scheduler_steps == "batch" or (scheduler_steps == "epoch" and epoch_done)';
    // Wrapped as black wraps a condition too long for its line.
    batch.push(
      resting
        ? `        if not averaging and (\n            ${when}\n        ):`
        : `        if ${when}:`,
    );
    batch.push('            scheduler.step()');
  } else if (uses('batch')) {
    batch.push(`        if scheduler_steps == "batch"${resting}:`, '            scheduler.step()');
  } else if (uses('epoch')) {
    batch.push(
      `        if scheduler_steps == "epoch" and epoch_done${resting}:`,
      '            scheduler.step()',
    );
  }
  const monitored = hasValidation
    ? 'scheduler.step(metrics["val_loss"])'
    : 'scheduler.step(metrics["train_loss"])  # no validation split: the training loss';
  const evalLines = uses('plateau')
    ? [`            if scheduler_steps == "plateau"${resting}:`, `                ${monitored}`]
    : [];
  return { batch, eval: evalLines };
}

const PLAIN_RUN = {
  parameters: 'label, build, scheduler_steps, verbose=False',
  doc: 'Trains one run from INITIAL_WEIGHTS; returns its training loss at every step.',
  setUp: [] as string[],
  averaging: [] as string[],
  update: [] as string[],
  evaluate: [] as string[],
};

const SWA_RUN: typeof PLAIN_RUN = {
  parameters: 'label, build, scheduler_steps, swa, verbose=False, swa_history=None',
  doc: `Trains one run from INITIAL_WEIGHTS; returns its training loss at every step.

    With swa (Stochastic Weight Averaging, torch.optim.swa_utils), from epoch swa["start"]
    (0-based) on: the run's scheduler rests, and the end of every epoch folds the weights
    into swa_model (an equal running average) and steps SWALR. swa_history, a list, receives
    (step, metrics of swa_model) at each evaluation once the average holds a model.
    `,
  setUp: [
    '    swa_model = AveragedModel(model) if swa else None',
    '    swa_scheduler = None  # SWALR, built when the averaging starts',
  ],
  averaging: ['        averaging = swa is not None and epoch >= swa["start"]'],
  update: [
    '        if averaging and epoch_done:',
    '            swa_model.update_parameters(model)',
    '            if swa_scheduler is None:  # it takes over the lr from here',
    '                swa_scheduler = SWALR(',
    '                    optimizer,',
    '                    swa_lr=swa["swa_lr"],',
    '                    anneal_epochs=swa["anneal_epochs"],',
    '                    anneal_strategy=swa["anneal_strategy"],',
    '                )',
    '            swa_scheduler.step()',
  ],
  evaluate: [
    '            if swa_model is not None and swa_model.n_averaged > 0:',
    '                swa_metrics = evaluate(swa_model)',
    '                metrics.update({f"swa_{name}": value for name, value in swa_metrics.items()})',
    '                if swa_history is not None:',
    '                    swa_history.append((step, swa_metrics))',
  ],
};

const PLAIN_TRAIN = `def train(verbose=False):
    """Trains every run; returns {run id: [mini-batch training loss of each step, ...]}."""
    return {run_id: train_run(*run, verbose=verbose) for run_id, run in RUNS.items()}`;

const SWA_TRAIN = `def train(verbose=False, swa_history=None):
    """Trains every run; returns {run id: [mini-batch training loss of each step, ...]}.

    Give a dict as swa_history to collect, per run with SWA, [(step, metrics), ...] of its
    averaged model at every evaluation from the first average on.
    """
    losses = {}
    for run_id, run in RUNS.items():
        history = None
        if swa_history is not None and run[3] is not None:
            history = swa_history.setdefault(run_id, [])
        losses[run_id] = train_run(*run, verbose=verbose, swa_history=history)
    return losses`;

export function trainingSection(shape: LoopShape): string {
  const scheduler = schedulerLines(shape);
  const withSwa = anySwa(shape.plans);
  const run = withSwa ? SWA_RUN : PLAIN_RUN;
  const setUp = run.setUp.map((line) => `${line}\n`).join('');
  const body = [
    ...run.averaging,
    ...scheduler.batch,
    ...run.update,
    '        if step % EVAL_EVERY == 0 or step == TOTAL_STEPS:',
    '            metrics = evaluate(model)',
    ...scheduler.eval,
    ...run.evaluate,
  ];
  return `${evaluateFunction(shape)}


def train_run(${run.parameters}):
    """${run.doc}"""
    model = make_model()
    optimizer, scheduler = build(model.parameters())
${setUp}    losses, metrics = [], {}
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
${body.join('\n')}
        if verbose and (epoch_done or step == TOTAL_STEPS):
            summary = "  ".join(f"{name} {value:.4f}" for name, value in metrics.items())
            print(f"{label}  epoch {epoch + 1}/{EPOCHS}  loss {losses[-1]:.4f}  {summary}")
    return losses


${withSwa ? SWA_TRAIN : PLAIN_TRAIN}


if __name__ == "__main__":
    train(verbose=True)`;
}
