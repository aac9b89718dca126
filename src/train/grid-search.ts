/**
 * Small grid search, as pure functions a page can call without TF.js: `gridRuns` expands a
 * base run and option -> values lists into one run per combination (a cartesian product),
 * `rankRuns` orders finished runs by validation loss. Train the runs as one experiment so
 * they share data, initial weights and batch order, and the comparison is fair.
 */
import { parseOptimizerConfig } from '../optim/config';
import { withOption } from '../optim/options';
import type { OptimizerConfig } from '../optim/types';
import type { RunStatus } from '../protocol/progress';
import { MAX_RUNS } from '../protocol/experiment';
import type { RunConfigInput } from '../protocol/experiment';
import type { LabRunInput } from '../protocol/horizon';
import { ConfigError } from '../protocol/validation';
import type { TrainerState } from '../protocol/api';

/** The trainer's cap on runs per experiment. */
export const GRID_MAX_RUNS = MAX_RUNS;

export type GridValue = number | boolean | readonly [number, number];

/**
 * Optimizer option name (PyTorch's, camelCase) -> the values to try, e.g.
 * `{ lr: [0.01, 0.1], momentum: [0, 0.9] }`. On a Lookahead base, `k` and `alpha` vary the
 * wrapper and every other option the inner optimizer.
 */
export type GridSpec = Readonly<Record<string, readonly GridValue[]>>;

export interface RankedRun {
  runId: string;
  label: string;
  valLoss: number;
  valAccuracy: number;
  status: RunStatus;
}

/** How a value reads in a run's label: `0.1`, `true`, `(0.9, 0.99)`. */
function labelText(value: GridValue): string {
  return Array.isArray(value) ? `(${value.join(', ')})` : String(value);
}

/** What the optimizer's parser said, without its own path, so the grid path can lead. */
function detailOf(error: unknown): string {
  if (error instanceof ConfigError) return error.detail;
  return error instanceof Error ? error.message : String(error);
}

function checkGrid(base: LabRunInput, grid: GridSpec): [string, readonly GridValue[]][] {
  if (typeof grid !== 'object' || grid === null || Array.isArray(grid))
    throw new ConfigError('grid', 'must be an object like { lr: [0.01, 0.1] }');
  const axes = Object.entries(grid);
  for (const [key, values] of axes) {
    if (key === 'type') throw new ConfigError('grid.type', 'vary options, not the optimizer type');
    if (!Array.isArray(values) || values.length === 0)
      throw new ConfigError(`grid.${key}`, 'must be a non-empty array of values');
    values.forEach((value, index) => {
      try {
        parseOptimizerConfig(withOption(base.optimizer, key, value));
      } catch (error) {
        throw new ConfigError(`grid.${key}[${index}]`, detailOf(error));
      }
    });
  }
  const count = axes.reduce((product, [, values]) => product * values.length, 1);
  if (count > GRID_MAX_RUNS) {
    const sizes = axes.map(([key, values]) => `${values.length} ${key}`).join(' x ');
    throw new ConfigError(
      'grid',
      `${sizes} = ${count} runs; at most ${GRID_MAX_RUNS} runs per experiment (drop some values)`,
    );
  }
  return axes;
}

/**
 * One run per combination of the grid's values, in odometer order (the last option varies
 * fastest), labelled like "SGD lr=0.1 momentum=0.9". The base run's scheduler and
 * schedulerStepOn are kept; its id, if any, gets the combination's index appended.
 * Throws a ConfigError naming the field (`grid.momentum[1]: ...`) for a value the optimizer
 * rejects, and when the grid would make more than 16 runs.
 */
export function gridRuns(base: RunConfigInput, grid?: GridSpec): RunConfigInput[];
/** A lab's run: its scheduler's lengths left to the training stay so in every run. */
export function gridRuns(base: LabRunInput, grid?: GridSpec): LabRunInput[];
export function gridRuns(base: LabRunInput, grid: GridSpec = {}): LabRunInput[] {
  try {
    parseOptimizerConfig(base.optimizer, 'base.optimizer');
  } catch (error) {
    throw new ConfigError('base.optimizer', detailOf(error));
  }
  const axes = checkGrid(base, grid);
  let combinations: [string, GridValue][][] = [[]];
  for (const [key, values] of axes) {
    combinations = combinations.flatMap((combination) =>
      values.map((value): [string, GridValue][] => [...combination, [key, value]]),
    );
  }
  const stem =
    base.label ??
    (base.scheduler && base.scheduler.type !== 'None'
      ? `${base.optimizer.type} + ${base.scheduler.type}`
      : base.optimizer.type);
  return combinations.map((combination, index) => {
    const optimizer = combination.reduce<OptimizerConfig>(
      (config, [key, value]) => withOption(config, key, value),
      base.optimizer,
    );
    const settings = combination.map(([key, value]) => `${key}=${labelText(value)}`);
    const run: LabRunInput = { ...base, optimizer, label: [stem, ...settings].join(' ') };
    try {
      parseOptimizerConfig(optimizer);
    } catch (error) {
      // Each value was fine alone; this combination is not (e.g. nesterov with momentum 0).
      throw new ConfigError(`grid (${settings.join(' ')})`, detailOf(error));
    }
    if (base.id !== undefined) run.id = `${base.id}-${index}`;
    return run;
  });
}

/** What ranking reads of a run: the worker's RunState, or a page's snapshot of it. */
export type RankableRun = Pick<
  TrainerState['runs'][number],
  'id' | 'label' | 'status' | 'valLoss' | 'valAccuracy' | 'diverged'
>;

/** 0: usable result, 1: no finite validation loss yet, 2: diverged, 3: failed. */
function tier(run: RankableRun): number {
  if (run.status === 'error') return 3;
  if (run.status === 'diverged' || run.diverged) return 2;
  return Number.isFinite(run.valLoss) ? 0 : 1;
}

/**
 * The runs best first: lowest validation loss first, then runs not yet evaluated, then
 * diverged runs, then failed ones. Ties keep the experiment's order.
 */
export function rankRuns(state: { readonly runs: readonly RankableRun[] }): RankedRun[] {
  return state.runs
    .map((run, index) => ({ run, index, tier: tier(run) }))
    .sort(
      (a, b) =>
        a.tier - b.tier || (a.tier === 0 ? a.run.valLoss - b.run.valLoss : 0) || a.index - b.index,
    )
    .map(({ run }) => ({
      runId: run.id,
      label: run.label,
      valLoss: run.valLoss,
      valAccuracy: run.valAccuracy,
      status: run.status,
    }));
}
