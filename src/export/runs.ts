/**
 * The runs section of an exported script: per run, a function that builds its optimizer and
 * scheduler on the model's parameters, and the RUNS table the training loop walks.
 *
 * Everything a run adds to the loop is decided here, in `RunPlan` (today: when its
 * scheduler steps); a run option that changes the loop (SWA, say) belongs beside it.
 */
import type { RunConfig } from '../protocol/experiment';
import { optimizerCaveat, optimizerExpression } from './optimizer';
import { indent, oneLine, pyString } from './python';
import { schedulerExpression } from './scheduler';

/** When the loop calls scheduler.step(): never, per mini-batch, per epoch, or at evaluations. */
export type SchedulerStepping = 'None' | 'batch' | 'epoch' | 'plateau';

export interface RunPlan {
  id: string;
  label: string;
  /** The Python function that builds the run's optimizer and scheduler. */
  builder: string;
  stepping: SchedulerStepping;
}

export function planRun(run: RunConfig, index: number): RunPlan {
  const { type } = run.scheduler;
  const stepping: SchedulerStepping =
    type === 'None' ? 'None' : type === 'ReduceLROnPlateau' ? 'plateau' : run.schedulerStepOn;
  return { id: run.id, label: run.label, builder: `run_${index}`, stepping };
}

/** A multi-line expression assigned inside a function body. */
function assignment(name: string, expression: string): string {
  return `    ${name} = ${indent(expression).trimStart()}`;
}

function builderFunction(run: RunConfig, plan: RunPlan): string {
  const lines = [`# ${oneLine(`${plan.id}: ${plan.label}`)}`, `def ${plan.builder}(params):`];
  const caveat = optimizerCaveat(run.optimizer);
  if (caveat) lines.push(`    # ${caveat}`);
  lines.push(
    assignment('optimizer', optimizerExpression(run.optimizer, 'params', '    optimizer = ')),
  );
  lines.push(
    run.scheduler.type === 'None'
      ? '    scheduler = None'
      : assignment(
          'scheduler',
          schedulerExpression(run.scheduler, 'optimizer', '    scheduler = '),
        ),
  );
  lines.push('    return optimizer, scheduler');
  return lines.join('\n');
}

function steppingValue(stepping: SchedulerStepping): string {
  return stepping === 'None' ? 'None' : pyString(stepping);
}

export function runsSection(runs: readonly RunConfig[], plans: readonly RunPlan[]): string {
  const builders = runs.map((run, i) => builderFunction(run, plans[i]));
  const table = plans.map(
    (plan) =>
      `    ${pyString(plan.id)}: (${pyString(plan.label)}, ${plan.builder}, ${steppingValue(plan.stepping)}),`,
  );
  return `${builders.join('\n\n\n')}


# run id: (label, builds its optimizer and scheduler, when the scheduler steps: None for no
# scheduler, "batch" after every mini-batch, "epoch" after every epoch, "plateau" at each
# evaluation with the loss ReduceLROnPlateau watches)
RUNS = {
${table.join('\n')}
}`;
}
