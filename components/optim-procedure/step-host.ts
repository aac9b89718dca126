/**
 * What a step's view may ask of <optim-procedure>: the recipe carried in and the current one,
 * the step's lab (an <optim-lab> whose outcome is recorded), the ranking with its adoption
 * controls, the learner's choices, and adopting a run as the new recipe.
 */
import type { TemplateResult } from 'lit';
import type { Horizon, RunConfigInput } from '../../src/protocol/experiment';
import type { SchedulerConfig } from '../../src/schedule/types';
import type { FinderStep } from './finder-step';
import type { PresetId } from './presets';
import type { Recipe } from './recipe';
import type { StepOutcome } from './outcome';
import type { ScheduleChoice } from './schedules';

/** The optimizers step 3's LR range test offers. */
export const FINDER_OPTIMIZERS = ['Adam', 'RAdam'] as const;
export type FinderOptimizer = (typeof FINDER_OPTIMIZERS)[number];

/** What the learner chose in the steps that offer a choice. */
export interface ProcedureChoices {
  /** Step 1: the published recipe. */
  preset: PresetId;
  /** Step 3: the optimizer the LR range test runs. */
  finderOptimizer: FinderOptimizer;
  /** Step 5: the schedule tried (undefined: the one the loss shape suggests). */
  schedule?: ScheduleChoice;
  /** Step 5: the schedule as edited in the scheduler editor, if it was. */
  scheduleEdit?: SchedulerConfig;
  /** Step 8: the random search's run count and seed, as typed. */
  searchRuns: string;
  searchSeed: string;
}

export interface ProcedureHost {
  /** The recipe this step starts from (the previous step's; step 1 has none). */
  readonly before: Recipe | undefined;
  /** The recipe after this step: `before`, or what was adopted here. */
  readonly current: Recipe;
  /** The training length of the recipe (steps per epoch, total steps). */
  readonly horizon: Horizon;
  readonly choices: ProcedureChoices;
  choose(patch: Partial<ProcedureChoices>): void;
  /** What the lab of step `index` (0-based) last trained to the end. */
  outcome(index: number): StepOutcome | undefined;
  /** The step's <optim-lab> training `runs` on the recipe's problem. */
  lab(runs: readonly RunConfigInput[]): TemplateResult;
  /** The ranking of the step's outcome with its "Adopt" controls (or how to get one). */
  ranking(): TemplateResult;
  /** Makes `run` the recipe from this step on; `how` says where it came from. */
  adopt(run: RunConfigInput, how: string): void;
  /** Step 3's LR range test. */
  readonly finder: FinderStep;
}

/** One step of the procedure: its words and its view. */
export interface StepDefinition {
  title: string;
  /** Two or three sentences of know-how, after the lesson. */
  knowHow: string;
  /** What to look for in the plots. */
  lookFor: string;
  render(host: ProcedureHost): TemplateResult;
}
