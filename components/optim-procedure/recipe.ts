/**
 * The recipe a procedure carries from step to step: one problem (dataset, model, batch size,
 * epochs, seed) and one run (optimizer, lr, scheduler), as an ExperimentConfigInput with one
 * run, so it trains, validates and exports (toPyTorch) as any experiment does. Pure: no DOM.
 */
import { withOption } from '../../src/optim/options';
import type { OptimizerConfig } from '../../src/optim/types';
import { experimentHorizon } from '../../src/protocol/experiment';
import type { ExperimentConfigInput, Horizon, RunConfigInput } from '../../src/protocol/experiment';
import { describeRun, optimizerLr } from '../optim-lab/run-labels';

/** An experiment with exactly one run: the current recipe. */
export type Recipe = ExperimentConfigInput & { runs: [RunConfigInput] };

/** The problem part of a recipe: everything but the run. */
export type ProblemSettings = Omit<ExperimentConfigInput, 'runs'>;

/** The run's id in every recipe (toPyTorch's script names its losses by it). */
export const RECIPE_RUN_ID = 'recipe';

/** A run with the recipe's id and a label that says what it is. */
export function recipeRunOf(run: RunConfigInput): RunConfigInput {
  const scheduler = run.scheduler ?? { type: 'None' };
  const clean: RunConfigInput = {
    id: RECIPE_RUN_ID,
    label: describeRun(run.optimizer, scheduler),
    optimizer: structuredClone(run.optimizer),
    scheduler: structuredClone(scheduler),
  };
  if (run.schedulerStepOn) clean.schedulerStepOn = run.schedulerStepOn;
  return clean;
}

export function makeRecipe(settings: ProblemSettings, run: RunConfigInput): Recipe {
  return { ...structuredClone(settings), runs: [recipeRunOf(run)] };
}

/** The problem settings of a recipe (a copy). */
export function settingsOf(recipe: Recipe): ProblemSettings {
  const { runs: _runs, ...settings } = structuredClone(recipe);
  return settings;
}

export function runOf(recipe: Recipe): RunConfigInput {
  return recipe.runs[0];
}

export function horizonOf(settings: ProblemSettings): Horizon {
  return experimentHorizon(settings);
}

export { scheduleSpan } from '../../src/protocol/horizon';

/** The lr a run trains at: its optimizer's, which OneCycleLR's peak follows (see withLr). */
export function runLr(run: RunConfigInput): number {
  return optimizerLr(run.optimizer);
}

/**
 * The run at another lr. OneCycleLR ignores the optimizer's lr and climbs to its own maxLr,
 * so a recipe keeps the two equal: the lr a step adopts is the lr the run peaks at.
 */
export function withLr(run: RunConfigInput, lr: number): RunConfigInput {
  return syncPeak({ ...run, optimizer: withOption(run.optimizer, 'lr', lr) });
}

/** OneCycleLR's maxLr set to the optimizer's lr (anything else is left as it is). */
export function syncPeak(run: RunConfigInput): RunConfigInput {
  const scheduler = run.scheduler;
  if (scheduler?.type !== 'OneCycleLR') return run;
  return { ...run, scheduler: { ...scheduler, maxLr: runLr(run) } };
}

/** A run of `optimizer` with the recipe run's schedule (its peak following the new lr). */
export function withOptimizer(run: RunConfigInput, optimizer: OptimizerConfig): RunConfigInput {
  return syncPeak({ ...run, optimizer });
}

/** Whether two runs train the same way (labels and ids aside). */
export function sameRun(a: RunConfigInput, b: RunConfigInput): boolean {
  const key = (run: RunConfigInput) =>
    JSON.stringify([
      run.optimizer,
      run.scheduler ?? { type: 'None' },
      run.schedulerStepOn ?? 'batch',
    ]);
  return key(a) === key(b);
}
