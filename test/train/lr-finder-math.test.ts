/**
 * The LR range test's arithmetic, against values derived by hand in the comments: the ramp,
 * the debiased moving average, the stop rule and the suggestions on a curve whose steepest
 * point and minimum are known in closed form.
 */
import { describe, expect, test } from 'vitest';
import { DebiasedEma, DivergenceWatch, lrRamp, suggestLr } from '../../src/train/lr-finder-math';

describe('lrRamp', () => {
  test('exp: evenly spaced in log10(lr)', () => {
    // 1e-3 * (10 / 1e-3)^(i/4) = 1e-3 * 10^(4i/4) = 1e-3, 1e-2, 1e-1, 1, 10.
    const ramp = lrRamp(1e-3, 10, 5, 'exp');
    [1e-3, 1e-2, 1e-1, 1, 10].forEach((expected, i) => expect(ramp[i]).toBeCloseTo(expected, 12));
    expect(ramp[4]).toBe(10);
  });

  test('exp with the defaults: lr_i = 1e-7 * 10^(8i/99), exact at both ends', () => {
    const ramp = lrRamp(1e-7, 10, 100, 'exp');
    expect(ramp).toHaveLength(100);
    expect(ramp[0]).toBe(1e-7);
    expect(ramp[99]).toBe(10);
    // i = 33: 10^(-7 + 264/99) = 10^(-7 + 8/3).
    expect(ramp[33] / 10 ** (-7 + 8 / 3)).toBeCloseTo(1, 12);
    // Constant ratio between neighbours: 10^(8/99).
    for (let i = 1; i < 100; i++) expect(ramp[i] / ramp[i - 1]).toBeCloseTo(10 ** (8 / 99), 10);
  });

  test('linear: evenly spaced in lr', () => {
    // 1 + (3 - 1) * i/4 = 1, 1.5, 2, 2.5, 3.
    expect(lrRamp(1, 3, 5, 'linear')).toEqual([1, 1.5, 2, 2.5, 3]);
  });
});

describe('DebiasedEma', () => {
  test('beta 0.5 on losses 4, 2, 1 gives 4, 8/3, 12/7', () => {
    // avg: 0.5*4 = 2, 0.5*2 + 0.5*2 = 2, 0.5*2 + 0.5*1 = 1.5;
    // debiased: 2/(1-0.5) = 4, 2/(1-0.25) = 8/3, 1.5/(1-0.125) = 12/7.
    const ema = new DebiasedEma(0.5);
    expect(ema.add(4)).toBeCloseTo(4, 14);
    expect(ema.add(2)).toBeCloseTo(8 / 3, 14);
    expect(ema.add(1)).toBeCloseTo(12 / 7, 14);
  });

  test('a constant loss stays constant from the first step (the bias correction works)', () => {
    const ema = new DebiasedEma(0.98);
    for (let i = 0; i < 50; i++) expect(ema.add(0.7)).toBeCloseTo(0.7, 12);
  });

  test('beta 0 is no smoothing', () => {
    const ema = new DebiasedEma(0);
    expect([3, 1, 2].map((loss) => ema.add(loss))).toEqual([3, 1, 2]);
  });
});

describe('DivergenceWatch', () => {
  test('stops once the smoothed loss exceeds factor x the best so far', () => {
    const watch = new DivergenceWatch(4);
    expect(watch.shouldStop(1, 1)).toBe(false);
    expect(watch.shouldStop(0.5, 0.5)).toBe(false); // new best 0.5
    expect(watch.shouldStop(2, 2)).toBe(false); // 2 = 4 x 0.5: not above
    expect(watch.shouldStop(2.1, 2.1)).toBe(true);
  });

  test('stops on a non-finite loss whatever the factor', () => {
    expect(new DivergenceWatch(Infinity).shouldStop(NaN, NaN)).toBe(true);
    const watch = new DivergenceWatch(Infinity);
    expect(watch.shouldStop(1, 1)).toBe(false);
    expect(watch.shouldStop(1e30, 1e30)).toBe(false);
    expect(watch.shouldStop(Infinity, Infinity)).toBe(true);
  });
});

describe('suggestLr', () => {
  // s(x) = 2 - tanh(2(x + 3)) + 5 max(0, x + 1)^2 over x = log10(lr) in [-7, 1], step 0.05.
  // ds/dx = -2 sech^2(2(x + 3)) + 10 max(0, x + 1): most negative at x = -3 (lr 1e-3).
  // For x > -1 the slope is 10(x+1) - 2 sech^2(...) > 0 once x + 1 > 2.7e-4, so the grid's
  // minimum is at x = -1 (lr 0.1) and minimumDiv10 = 0.01.
  const xs = Array.from({ length: 161 }, (_, i) => -7 + i * 0.05);
  const curve = xs.map((x) => 2 - Math.tanh(2 * (x + 3)) + 5 * Math.max(0, x + 1) ** 2);
  const lrs = xs.map((x) => 10 ** x);

  test('finds the steepest descent and the minimum of a known curve', () => {
    const { steepest, minimumDiv10 } = suggestLr(lrs, curve);
    expect(Math.log10(steepest)).toBeCloseTo(-3, 9);
    expect(Math.log10(minimumDiv10)).toBeCloseTo(-2, 9);
  });

  test('measures slope against log10(lr), also when the lrs are spaced linearly', () => {
    // lr linear in [0.001, 1]: s = -tanh(3 (log10 lr + 1)) is steepest at lr = 0.1; the grid
    // is dense there (spacing 0.001), so the pick lies within one spacing of 0.1.
    const linear = Array.from({ length: 1000 }, (_, i) => 0.001 + (i * 0.999) / 999);
    const s = linear.map((lr) => -Math.tanh(3 * (Math.log10(lr) + 1)));
    const { steepest } = suggestLr(linear, s);
    expect(Math.abs(steepest - 0.1)).toBeLessThanOrEqual(0.001);
    // Against lr itself the pick would move: dS/dlr = dS/dx / (lr ln 10) is most negative
    // where -6 tanh(3(x + 1)) = ln 10, i.e. x = -1.135, lr = 0.073, far outside that tolerance.
  });

  test('ignores everything from the first non-finite point on', () => {
    const { steepest, minimumDiv10 } = suggestLr([1, 10, 100, 1000, 1e4], [3, 2, 1.5, NaN, 0]);
    // Finite prefix [3, 2, 1.5] at x = 0, 1, 2: slopes -1, -0.75, -0.5; minimum at lr 100.
    expect(steepest).toBe(1);
    expect(minimumDiv10).toBe(10);
  });

  test('a window drops noisy points at the start and the blow-up at the end', () => {
    // x = 0..7; a noisy first drop (one-sided slope -5 at x = 0, the steepest) and a last
    // point below everything (-1, the minimum).
    const lr = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
    const s = [9, 4, 3.9, 3, 2, 1.9, 1.8, -1];
    expect(suggestLr(lr, s)).toEqual({ steepest: 1, minimumDiv10: 1e6 });
    // Without points 0 and 7: [4, 3.9, 3, 2, 1.9, 1.8] at x = 1..6, central slopes
    // -0.5 (x=2), -0.95 (x=3), -0.55 (x=4), -0.15 (x=5): steepest at x = 3; minimum at x = 6.
    expect(suggestLr(lr, s, { skipStart: 1, skipEnd: 1 })).toEqual({
      steepest: 1e3,
      minimumDiv10: 1e5,
    });
    // A window that would leave fewer than two points is not applied.
    expect(suggestLr(lr.slice(0, 3), s.slice(0, 3), { skipStart: 2, skipEnd: 1 })).toEqual({
      steepest: 1,
      minimumDiv10: 10,
    });
  });

  test('NaN suggestions when nothing finite was seen', () => {
    const { steepest, minimumDiv10 } = suggestLr([1, 2], [NaN, NaN]);
    expect(steepest).toBeNaN();
    expect(minimumDiv10).toBeNaN();
  });
});
