/**
 * fastai's valley rule (fastai.callback.schedule.valley) against curves worked through by
 * hand in the comments, following fastai's code line by line: lds[i] = the length of the
 * longest strictly decreasing subsequence ending at i; the valley ends at the first i with
 * the largest lds and "starts" lds points before it; the pick is start + int(len/3) +
 * int(len/6), len = end - start.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { valleyIndex, valleyLr } from '../../src/train/lr-valley';
import { Trainer } from '../../src/train/trainer';

describe('valleyIndex', () => {
  test('a steady fall, then the blow-up', () => {
    // i:      0  1    2    3    4    5    6    7    8    9   10
    const L = [1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.5, 2];
    // lds: 1, 1 (1 < 1 is false), 2, 3, 4, 5, 6, 7, 8, then 0.5 < L[0..5] -> lds[5] + 1 = 6,
    // then 1. Largest lds 8 first at i = 8: end 8, start 8 - 8 = 0; len 8, 8/3 = 2.67 -> 2,
    // 2.67/2 = 1.33 -> 1: index 0 + 2 + 1 = 3.
    expect(valleyIndex(L)).toBe(3);
  });

  test('the subsequence skips bumps, and the pick need not lie on it', () => {
    // i:     0  1  2  3  4  5  6  7
    const L = [5, 4, 6, 3, 2, 7, 1, 8];
    // lds: i0 1; i1 4 < 5 -> 2; i2 6 -> 1; i3 3 < 5, 4, 6 -> max(1, 2, 1) + 1 = 3;
    // i4 2 < 5, 4, 6, 3 -> lds[3] + 1 = 4; i5 7 -> 1; i6 1 < all -> lds[4] + 1 = 5; i7 8 -> 1.
    // End 6, start 6 - 5 = 1; len 5: 5/3 = 1.67 -> 1, 0.83 -> 0: index 1 + 1 + 0 = 2,
    // the bump at 6 (fastai reads the lr there all the same).
    expect(valleyIndex(L)).toBe(2);
  });

  test('the first of two equally long valleys wins', () => {
    // Two falls of 4 points: [4, 3, 2, 1] at 0..3 and [9, 8, 7, 6] at 4..7 (not below 1).
    // lds: 1, 2, 3, 4, 1, 2, 3, 4; the first 4 is at i = 3: end 3, start -1; len 4:
    // 4/3 = 1.33 -> 1, 0.67 -> 0: index -1 + 1 + 0 = 0.
    expect(valleyIndex([4, 3, 2, 1, 9, 8, 7, 6])).toBe(0);
  });

  test('a valley of two points at the very start takes the first point, not the last', () => {
    // lds 1, 2: end 1, start 1 - 2 = -1; len 2: 0.67 -> 0, 0.33 -> 0: index -1, where
    // fastai's Python would read lrs[-1], the last lr. Clamped to 0.
    expect(valleyIndex([2, 1])).toBe(0);
    // A curve that never falls: every lds is 1, nothing updates: index 0.
    expect(valleyIndex([1, 2, 3])).toBe(0);
    expect(valleyIndex([7])).toBe(0);
    expect(valleyIndex([])).toBe(-1);
  });
});

describe('valleyLr', () => {
  const lrs = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4];
  const L = [1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.5, 2];

  test('reads the lr at the valley index', () => {
    expect(valleyLr(lrs, L)).toBe(1e-3); // index 3, as above
  });

  test('on the same window as the other suggestions', () => {
    // Without the first 2 points: [0.9 ... 0.3, 0.5, 2] at 2..10; lds 1..7 up to point 8 (7
    // points falling), end 6 (window index), start -1; len 7: 2.33 -> 2, 1.17 -> 1:
    // window index 2, i.e. point 4 (lr 1e-2).
    expect(valleyLr(lrs, L, { skipStart: 2 })).toBe(1e-2);
    // Everything from the first non-finite point on is ignored, like the other suggestions:
    // [1, 1, 0.9, 0.8] -> lds 1, 1, 2, 3: end 3, start 0; len 3: 1 + 0 -> index 1 (lr 1e-5).
    expect(valleyLr(lrs, [1, 1, 0.9, 0.8, NaN, 0.1])).toBe(1e-5);
    expect(valleyLr([1, 2], [NaN, NaN])).toBeNaN();
  });
});

test('findLr reports the valley of its own smoothed curve', async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  const trainer = new Trainer();
  try {
    await trainer.configure({
      dataset: { type: 'circle', samples: 200 },
      model: { hidden: [8] },
      runs: [{ optimizer: { type: 'Adam' } }],
    });
    const result = await trainer.findLr({ steps: 60 });
    const n = result.lr.length;
    // The same window findLr gives the other suggestions: skip 60/10 = 6, and 5 at a blow-up.
    const window = { skipStart: 6, skipEnd: result.stoppedEarly ? 5 : 0 };
    const expected = valleyLr(result.lr, result.smoothedLoss, window);
    // findLr picks on its float64 ramp, the result carries float32 copies of it.
    expect(Math.fround(result.suggestion.valley ?? NaN)).toBe(expected);
    expect(result.suggestion.valley).toBeGreaterThanOrEqual(result.lr[6]);
    expect(result.suggestion.valley).toBeLessThanOrEqual(result.lr[n - 1]);
  } finally {
    await trainer.dispose();
  }
  expect(tf.memory().numTensors).toBe(0);
});
