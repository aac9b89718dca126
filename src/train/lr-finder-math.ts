/**
 * The arithmetic of the LR range test, free of TF.js so it can be checked by hand and reused
 * by a page: the lr ramp, the debiased loss average, the stop rule and the suggestions.
 */
import type { LrFinderSuggestion } from '../protocol/api';

export type LrRampMode = 'exp' | 'linear';

/**
 * The lr of each step. 'exp' spaces them evenly in log(lr) (Smith 2015 / fastai):
 * lr_i = start * (end/start)^(i/(steps-1)); 'linear' spaces them evenly in lr.
 * Both hit start and end exactly at the first and last step.
 */
export function lrRamp(startLr: number, endLr: number, steps: number, mode: LrRampMode): number[] {
  if (steps === 1) return [startLr];
  return Array.from({ length: steps }, (_, i) => {
    if (i === steps - 1) return endLr; // exact, not start * ratio^1 with rounding
    const t = i / (steps - 1);
    return mode === 'exp' ? startLr * (endLr / startLr) ** t : startLr + (endLr - startLr) * t;
  });
}

/**
 * Exponential moving average with Adam-style bias correction:
 * avg_i = beta * avg_{i-1} + (1 - beta) * loss_i (avg_{-1} = 0), smoothed_i = avg_i / (1 - beta^(i+1)).
 * Without the correction the first values would be pulled towards 0 (fastai's smooth_loss).
 */
export class DebiasedEma {
  private average = 0;
  private count = 0;

  constructor(private readonly beta: number) {}

  /** Adds one loss and returns the smoothed value after it. */
  add(loss: number): number {
    this.count++;
    this.average = this.beta * this.average + (1 - this.beta) * loss;
    return this.average / (1 - this.beta ** this.count);
  }
}

/** Tracks the best smoothed loss and says when the range test should stop (fastai's rule). */
export class DivergenceWatch {
  private best = Infinity;

  constructor(private readonly factor: number) {}

  /** True once a loss is non-finite or the smoothed loss exceeds factor x the best so far. */
  shouldStop(loss: number, smoothed: number): boolean {
    if (!Number.isFinite(loss) || !Number.isFinite(smoothed)) return true;
    // The first point only sets the best: there is nothing to compare it with yet.
    const stop = this.best !== Infinity && smoothed > this.factor * this.best;
    this.best = Math.min(this.best, smoothed);
    return stop;
  }
}

export interface SuggestionWindow {
  /** Points ignored at the start, where the debiased average is still mostly noise. */
  skipStart?: number;
  /** Points ignored at the end, the blow-up itself. */
  skipEnd?: number;
}

/**
 * The points [from, to) the suggestions read: the leading run of finite points (after a NaN
 * the curve means nothing), less the window's ends unless fewer than two points would remain.
 */
export function suggestionRange(
  lr: ArrayLike<number>,
  smoothedLoss: ArrayLike<number>,
  window: SuggestionWindow = {},
): [from: number, to: number] {
  let finite = 0;
  while (finite < Math.min(lr.length, smoothedLoss.length) && Number.isFinite(smoothedLoss[finite]))
    finite++;
  const from = window.skipStart ?? 0;
  const to = finite - (window.skipEnd ?? 0);
  return to - from < 2 ? [0, finite] : [from, to];
}

/**
 * Where to look on the curve: the lr of the most negative slope of smoothed loss against
 * log10(lr) (slopes by central differences, one-sided at the ends, as numpy.gradient with
 * non-uniform spacing computes them), and the lr of the lowest smoothed loss divided by 10.
 * Only the leading run of finite points counts: after a NaN the curve means nothing. Like
 * fastai, the window can drop points at both ends; if fewer than two would remain, it is not
 * applied.
 */
export function suggestLr(
  lr: ArrayLike<number>,
  smoothedLoss: ArrayLike<number>,
  window: SuggestionWindow = {},
): LrFinderSuggestion {
  const [from, to] = suggestionRange(lr, smoothedLoss, window);
  if (to - from === 0) return { steepest: NaN, minimumDiv10: NaN };
  let minimum = from;
  for (let i = from + 1; i < to; i++) if (smoothedLoss[i] < smoothedLoss[minimum]) minimum = i;
  const minimumDiv10 = lr[minimum] / 10;
  if (to - from === 1) return { steepest: lr[from], minimumDiv10 };
  const x = Array.from({ length: to - from }, (_, i) => Math.log10(lr[from + i]));
  const y = Array.from({ length: to - from }, (_, i) => smoothedLoss[from + i]);
  const slopes = logSlopes(x, y);
  let steepest = 0;
  for (let i = 1; i < slopes.length; i++) if (slopes[i] < slopes[steepest]) steepest = i;
  return { steepest: lr[from + steepest], minimumDiv10 };
}

/** numpy.gradient(y, x) with edge_order=1 (needs at least two points). */
function logSlopes(x: readonly number[], y: readonly number[]): number[] {
  const n = x.length;
  const slopes = new Array<number>(n);
  slopes[0] = (y[1] - y[0]) / (x[1] - x[0]);
  slopes[n - 1] = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
  for (let i = 1; i < n - 1; i++) {
    // Second-order accurate on uneven spacing (linear mode is uneven in log lr).
    const left = x[i] - x[i - 1];
    const right = x[i + 1] - x[i];
    slopes[i] =
      (left * left * y[i + 1] - right * right * y[i - 1] + (right * right - left * left) * y[i]) /
      (left * right * (left + right));
  }
  return slopes;
}
