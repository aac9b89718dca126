/**
 * Step 2's small grid around the recipe, built with the lab's own grid search (gridRuns):
 * the lr at a third, once and three times the recipe's, crossed with the momentum the
 * optimizer has (SGD's and RMSprop's `momentum`, the Adam family's beta1), 3 x 3 = 9 runs.
 * Where the schedule sets the momentum itself (OneCycleLR cycles it), varying it would change
 * nothing, so the weight decay is varied instead.
 */
import type { RunConfigInput } from '../../src/protocol/experiment';
import { gridRuns } from '../../src/train/grid-search';
import type { GridSpec } from '../../src/train/grid-search';
import { roundLr } from '../lr-finder-plot/finder-data';
import { runLr, syncPeak } from './recipe';

/** The lr's grid: a third of it, it, three times it (a decade in all). */
export const LR_FACTORS = [1 / 3, 1, 3] as const;

function momentumAxis(run: RunConfigInput): GridSpec {
  const scheduler = run.scheduler;
  const cycled = scheduler?.type === 'OneCycleLR' && scheduler.cycleMomentum !== false;
  const inner = run.optimizer.type === 'Lookahead' ? run.optimizer.optimizer : run.optimizer;
  if (cycled || inner.type === 'Adagrad' || inner.type === 'Adadelta') {
    return { weightDecay: [0, 1e-3, 1e-2] };
  }
  switch (inner.type) {
    case 'SGD':
      return { momentum: [0.8, 0.9, 0.95] };
    case 'RMSprop':
      return { momentum: [0, 0.5, 0.9] };
    default:
      return { 'betas.0': [0.8, 0.9, 0.95] };
  }
}

/** The option -> values the grid tries around `run`. */
export function gridAround(run: RunConfigInput): GridSpec {
  const lr = runLr(run);
  return { lr: LR_FACTORS.map((f) => roundLr(lr * f)), ...momentumAxis(run) };
}

/** One run per combination (ids grid-0 ...), OneCycleLR's peak following each run's lr. */
export function gridRunsAround(run: RunConfigInput): RunConfigInput[] {
  const { label: _label, id: _id, ...base } = run;
  return gridRuns({ ...base, id: 'grid' }, gridAround(run)).map(syncPeak);
}
