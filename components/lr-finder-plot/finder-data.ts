/**
 * Pure helpers of <lr-finder-plot>: the numbers a reader can act on (rounded so the button
 * label and the lr it sets agree) and the sentences of the read-out and the text summary.
 */
import type { LrFinderResult } from '../../src/protocol/api';
import { formatValue } from '../plot/format';

/** Three significant digits: what the button says is exactly what it sets. */
export function roundLr(lr: number): number {
  return Number(lr.toPrecision(3));
}

/** Index of the lowest finite smoothed loss, or -1 when there is none. */
export function minimumIndex(smoothed: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < smoothed.length; i++) {
    if (Number.isFinite(smoothed[i]) && (best < 0 || smoothed[i] < smoothed[best])) best = i;
  }
  return best;
}

/**
 * The loss range drawn: from the lowest loss up to the starting smoothed loss with room
 * above, so the blow-up at the end of the ramp does not squash the interesting part into a
 * flat line (points above are clamped to the top edge).
 */
export function lossDomain(result: LrFinderResult): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of [result.smoothedLoss, result.loss]) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo <= hi)) return [0, 1];
  const start = result.smoothedLoss.find((v) => Number.isFinite(v)) ?? hi;
  const cap = start + (start - lo) * 0.5;
  if (cap > lo && cap < hi) hi = cap;
  if (lo === hi) return [lo - Math.abs(lo || 1) * 0.1, hi + Math.abs(hi || 1) * 0.1];
  return [lo, hi];
}

export function readoutText(result: LrFinderResult, index: number): string {
  const lr = formatValue(result.lr[index]);
  const loss = formatValue(result.loss[index]);
  const smoothed = formatValue(result.smoothedLoss[index]);
  return `lr ${lr}: loss ${loss} (smoothed ${smoothed})`;
}

export function summaryText(result: LrFinderResult): string {
  const n = result.lr.length;
  if (n === 0) return 'The LR range test took no steps.';
  const parts = [
    `LR range test over ${n} step${n === 1 ? '' : 's'}, lr from ${formatValue(result.lr[0])} to ${formatValue(result.lr[n - 1])}`,
  ];
  const best = minimumIndex(result.smoothedLoss);
  if (best >= 0) {
    parts.push(
      `lowest smoothed loss ${formatValue(result.smoothedLoss[best])} at lr ${formatValue(result.lr[best])}`,
    );
  }
  const { steepest, minimumDiv10, valley = NaN } = result.suggestion;
  if (Number.isFinite(steepest)) parts.push(`steepest descent at lr ${formatValue(steepest)}`);
  if (Number.isFinite(minimumDiv10)) parts.push(`minimum / 10 is lr ${formatValue(minimumDiv10)}`);
  if (Number.isFinite(valley)) parts.push(`the valley rule suggests lr ${formatValue(valley)}`);
  if (result.stoppedEarly) parts.push('stopped early when the loss blew up');
  return `${parts.join('; ')}.`;
}
