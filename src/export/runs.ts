/**
 * The runs section of an exported script: per run, a function that builds its optimizer and
 * scheduler on the model's parameters, and the RUNS table the training loop walks.
 *
 * Everything a run adds to the loop is decided here, in `RunPlan`: when its scheduler steps,
 * and its Stochastic Weight Averaging (torch.optim.swa_utils), if any.
 */
import type { RunConfig, SwaConfig } from '../protocol/experiment';
import { optimizerCaveat, optimizerExpression } from './optimizer';
import { indent, oneLine, pyCall, pyNumber, pyString } from './python';
import { schedulerExpression } from './scheduler';

/** When the loop calls scheduler.step(): never, per mini-batch, per epoch, or at evaluations. */
export type SchedulerStepping = 'None' | 'batch' | 'epoch' | 'plateau';

export interface RunPlan {
  id: string;
  label: string;
  /** The Python function that builds the run's optimizer and scheduler. */
  builder: string;
  stepping: SchedulerStepping;
  /** The run's SWA: AveragedModel from epoch `start` on, SWALR taking over the lr. */
  swa: SwaConfig | null;
}

export function planRun(run: RunConfig, index: number): RunPlan {
  const { type } = run.scheduler;
  const stepping: SchedulerStepping =
    type === 'None' ? 'None' : type === 'ReduceLROnPlateau' ? 'plateau' : run.schedulerStepOn;
  return { id: run.id, label: run.label, builder: `run_${index}`, stepping, swa: run.swa ?? null };
}

/** Whether any run averages: the loop and the table then carry SWA (else they stay as they were). */
export function anySwa(plans: readonly RunPlan[]): boolean {
  return plans.some((plan) => plan.swa !== null);
}

/** A run's SWA as the dict the loop reads: start, then SWALR's arguments by their torch names. */
function swaValue(swa: SwaConfig | null): string {
  if (!swa) return 'None';
  const entries = [
    ['start', pyNumber(swa.start)],
    ['swa_lr', pyNumber(swa.swaLr)],
    ['anneal_epochs', pyNumber(swa.annealEpochs)],
    ['anneal_strategy', pyString(swa.annealStrategy)],
  ];
  return `{${entries.map(([key, value]) => `${pyString(key)}: ${value}`).join(', ')}}`;
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

const TABLE_LEGEND = `# run id: (label, builds its optimizer and scheduler, when the scheduler steps: None for no
# scheduler, "batch" after every mini-batch, "epoch" after every epoch, "plateau" at each
# evaluation with the loss ReduceLROnPlateau watches`;

const SWA_LEGEND = `,
# Stochastic Weight Averaging or None: from epoch "start" (0-based) on, the end of every
# epoch folds the weights into an AveragedModel and steps SWALR(swa_lr, anneal_epochs,
# anneal_strategy), which takes over the lr from the run's scheduler`;

export function runsSection(runs: readonly RunConfig[], plans: readonly RunPlan[]): string {
  const builders = runs.map((run, i) => builderFunction(run, plans[i]));
  const withSwa = anySwa(plans);
  const table = plans.map((plan) => {
    const key = `${pyString(plan.id)}: `;
    const fields = [pyString(plan.label), plan.builder, steppingValue(plan.stepping)];
    if (!withSwa) return `    ${key}(${fields.join(', ')}),`;
    // The SWA dict makes rows long: laid out as black lays out a tuple that does not fit.
    fields.push(swaValue(plan.swa));
    return indent(`${key}${pyCall('', fields, `    ${key}`)},`);
  });
  return `${builders.join('\n\n\n')}


${TABLE_LEGEND}${withSwa ? SWA_LEGEND : ''})
RUNS = {
${table.join('\n')}
}`;
}
