/**
 * The lab's runs as the reader edits them: a run's label follows its optimizer and schedule
 * ("Adam, lr 0.01 + OneCycleLR") until someone names it. Pure: no DOM, no Lit.
 */
import type { OptimizerConfig } from '../../src/optim/types';
import type { SchedulerStepOn, SwaConfigInput } from '../../src/protocol/experiment';
import type { LabRunInput, SchedulerConfigInput } from '../../src/protocol/horizon';
import { describeRun } from './run-labels';

export interface LabRun {
  id: string;
  optimizer: OptimizerConfig;
  /** As given: a length it leaves out follows the training (src/protocol/horizon.ts). */
  scheduler: SchedulerConfigInput;
  schedulerStepOn?: SchedulerStepOn;
  /** Stochastic Weight Averaging, when the run averages. */
  swa?: SwaConfigInput;
  /** Set when the author or reader named the run; otherwise the label follows the config. */
  customLabel?: string;
}

export function runLabel(run: LabRun): string {
  return run.customLabel ?? describeRun(run.optimizer, run.scheduler, run.swa);
}

/** The run as an experiment holds it (its label resolved, its lengths as given). */
export function runInput(run: LabRun): LabRunInput & { id: string } {
  const input: LabRunInput & { id: string } = {
    id: run.id,
    label: runLabel(run),
    optimizer: run.optimizer,
    scheduler: run.scheduler,
  };
  if (run.schedulerStepOn) input.schedulerStepOn = run.schedulerStepOn;
  if (run.swa) input.swa = run.swa;
  return input;
}

/** A run from an experiment's input; `id` is used when the input has none. */
export function labRun(input: LabRunInput, id: string): LabRun {
  const run: LabRun = {
    id: input.id ?? id,
    optimizer: input.optimizer,
    scheduler: input.scheduler ?? { type: 'None' },
  };
  if (input.schedulerStepOn) run.schedulerStepOn = input.schedulerStepOn;
  if (input.swa) run.swa = input.swa;
  if (input.label !== undefined) run.customLabel = input.label;
  return run;
}

/** `run-N` for the first N from `from` that no run has yet. */
export function freshRunId(runs: readonly LabRun[], from: number): { id: string; next: number } {
  let n = from;
  while (runs.some((run) => run.id === `run-${n}`)) n += 1;
  return { id: `run-${n}`, next: n + 1 };
}

/** Id and label of each run, in order: what the tracker, the legend and the menus show. */
export function runSpecs(runs: readonly LabRun[]): { id: string; label: string }[] {
  return runs.map((run) => ({ id: run.id, label: runLabel(run) }));
}
