/**
 * Step 8's taste of hyperparameter search: a seeded random search over the recipe's lr and
 * weight decay, both log-uniform (Bergstra & Bengio 2012: random points cover the axis that
 * matters better than a grid does). Bounded: at most MAX_RUNS runs, one experiment, so every
 * run sees the same data, initial weights and batch order.
 */
import { createRandom } from '../../src/data/random';
import { withOption } from '../../src/optim/options';
import { MAX_RUNS } from '../../src/protocol/experiment';
import type { RunConfigInput } from '../../src/protocol/experiment';
import { roundLr } from '../lr-finder-plot/finder-data';
import { formatValue } from '../plot/format';
import { runLr, withLr } from './recipe';

/** The lr is drawn from [lr / LR_SPAN, lr * LR_SPAN]: two decades around the recipe's. */
export const LR_SPAN = 10;
/** Weight decay is drawn from this range (the Adam family's and SGD's usual values). */
export const WEIGHT_DECAY_RANGE = [1e-5, 1e-1] as const;
export const DEFAULT_SEARCH_RUNS = 8;

export interface SearchSettings {
  /** Runs to draw, 1 ... MAX_RUNS. */
  runs: number;
  seed: number;
}

/** Why `settings` cannot be searched, in the words of its fields; undefined when fine. */
export function searchProblem(settings: SearchSettings): string | undefined {
  const { runs, seed } = settings;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
    return `Runs: must be a whole number from 1 to ${MAX_RUNS}`;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return 'Seed: must be a whole number from 0 to 4294967295';
  return undefined;
}

/** exp(uniform(log lo, log hi)), to three significant digits (what the label says). */
function logUniform(random: () => number, lo: number, hi: number): number {
  return roundLr(Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo))));
}

/**
 * `settings.runs` variations of `run` (ids search-0 ...), each with its own lr and weight
 * decay; the same seed draws the same runs. Throws for settings searchProblem refuses.
 */
export function randomSearchRuns(run: RunConfigInput, settings: SearchSettings): RunConfigInput[] {
  const problem = searchProblem(settings);
  if (problem) throw new RangeError(problem);
  const random = createRandom(settings.seed).next;
  const center = runLr(run);
  return Array.from({ length: settings.runs }, (_, index) => {
    const lr = logUniform(random, center / LR_SPAN, center * LR_SPAN);
    const weightDecay = logUniform(random, ...WEIGHT_DECAY_RANGE);
    const varied = withLr(
      { ...run, optimizer: withOption(run.optimizer, 'weightDecay', weightDecay) },
      lr,
    );
    return {
      ...varied,
      id: `search-${index}`,
      label: `${run.optimizer.type} lr=${formatValue(lr)} weightDecay=${formatValue(weightDecay)}`,
    };
  });
}
