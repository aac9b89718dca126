/**
 * Is an LR range test's curve too noisy to read a suggestion from? Measured on the descent
 * the suggestions are read from: from the end of the skipped first tenth of the ramp (as
 * fastai skips it) to the lowest smoothed loss.
 *
 * - jitter: the median |loss[i] - loss[i-1]| of the raw mini-batch loss there, the typical
 *   jump from one step to the next. Differences, not the distance to the smoothed curve:
 *   the moving average lags a falling loss, and that lag is not noise.
 * - descent: how far the smoothed loss falls there (its value at the start minus its lowest).
 *
 * The curve is noisy when the jitter is more than NOISE_RATIO of the descent: then a step's
 * noise is a sizeable part of everything the curve says, and a wiggle of the smoothed loss can
 * move the steepest point or the valley by a decade. A curve that does not fall at all has
 * nothing to read ('flat').
 */
import { formatValue } from '../plot/format';
import { minimumIndex } from './finder-data';

/** Noisy: a step-to-step jump of more than a quarter of the whole fall. */
export const NOISE_RATIO = 0.25;

export interface CurveNoise {
  kind: 'clean' | 'noisy' | 'flat';
  /** Median absolute step-to-step change of the raw loss over the descent (NaN: no points). */
  jitter: number;
  /** Smoothed loss at the start of the descent minus the lowest smoothed loss (>= 0). */
  descent: number;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The raw and smoothed losses of a range test (any numeric arrays, e.g. a result's). */
export interface FinderCurve {
  loss: ArrayLike<number>;
  smoothedLoss: ArrayLike<number>;
}

export function curveNoise(result: FinderCurve): CurveNoise {
  const n = result.smoothedLoss.length;
  const lowest = minimumIndex(result.smoothedLoss);
  const from = Math.min(Math.floor(n / 10), Math.max(0, lowest));
  if (lowest < 0 || !Number.isFinite(result.smoothedLoss[from])) {
    return { kind: 'flat', jitter: NaN, descent: 0 };
  }
  const jumps: number[] = [];
  for (let i = from + 1; i <= lowest; i++) {
    const jump = Math.abs(result.loss[i] - result.loss[i - 1]);
    if (Number.isFinite(jump)) jumps.push(jump);
  }
  const jitter = median(jumps);
  const descent = result.smoothedLoss[from] - result.smoothedLoss[lowest];
  if (!(descent > 0)) return { kind: 'flat', jitter, descent: 0 };
  return { kind: jitter > NOISE_RATIO * descent ? 'noisy' : 'clean', jitter, descent };
}

/** What the plot says about its curve when it should not be read at face value; '' when clean. */
export function noiseText(noise: CurveNoise): string {
  if (noise.kind === 'flat') {
    return 'The smoothed loss never falls on this curve, so there is no descent to read a learning rate from: start the ramp lower or check the model.';
  }
  if (noise.kind === 'clean') return '';
  return (
    `This curve is noisy: the loss jumps by ${formatValue(noise.jitter)} from one step to the next ` +
    `(median), more than a quarter of the ${formatValue(noise.descent)} it falls in all. ` +
    'Take the suggestions as rough; a larger batch, or another run of the test, gives a steadier curve.'
  );
}
