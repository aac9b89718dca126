/**
 * fastai's `valley` suggestion for the LR range test (fastai.callback.schedule.valley, the
 * default of `lr_find` since fastai 2.4): find the longest valley of the smoothed loss, the
 * longest strictly decreasing subsequence (its points need not be neighbours), and take the
 * lr about two thirds of the way down it, where the loss still falls but is far from the
 * blow-up. Read on the same points as the other suggestions (see suggestionRange).
 */
import { suggestionRange } from './lr-finder-math';
import type { SuggestionWindow } from './lr-finder-math';

/**
 * The index into `losses` that fastai's valley rule picks, written as fastai writes it:
 * lds[i] is the length of the longest decreasing subsequence ending at i (O(n^2), n is at
 * most a few hundred), the valley ends at the first i with the largest lds and starts lds
 * points before it, and the pick is start + int(len/3) + int(len/6) with len = end - start.
 * fastai's start is one before the subsequence's first point; kept, since that is the rule.
 * Where that lands before 0 (a valley of two points at the very start), fastai's Python
 * would index from the end; the first point is taken instead. -1 for no points.
 */
export function valleyIndex(losses: ArrayLike<number>): number {
  const n = losses.length;
  if (n === 0) return -1;
  const lds = new Array<number>(n).fill(1);
  let maxStart = 0;
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
    }
    if (lds[maxEnd] < lds[i]) {
      maxEnd = i;
      maxStart = maxEnd - lds[maxEnd];
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const index = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
  return Math.min(n - 1, Math.max(0, index));
}

/** The lr fastai's valley rule suggests on the suggestion window; NaN without finite points. */
export function valleyLr(
  lr: ArrayLike<number>,
  smoothedLoss: ArrayLike<number>,
  window: SuggestionWindow = {},
): number {
  const [from, to] = suggestionRange(lr, smoothedLoss, window);
  if (to - from === 0) return NaN;
  const losses = Array.from({ length: to - from }, (_, i) => smoothedLoss[from + i]);
  return lr[from + valleyIndex(losses)];
}
