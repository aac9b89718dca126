import { describe, expect, it } from 'vitest';
import { DebiasedEma, debiasedEma } from '../../../components/plot/ema';

describe('TensorBoard debiased EMA', () => {
  it('matches a hand computation', () => {
    // w = 0.5, values 1, 2, 3:
    //   last = 0.5,   debias = 1 - 0.5   = 0.5   -> 1
    //   last = 1.25,  debias = 1 - 0.25  = 0.75  -> 5/3
    //   last = 2.125, debias = 1 - 0.125 = 0.875 -> 17/7
    const out = debiasedEma([1, 2, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(5 / 3, 12);
    expect(out[2]).toBeCloseTo(17 / 7, 12);
  });

  it('starts at the first value (that is what the debiasing is for)', () => {
    expect(debiasedEma([4.2, 0, 0], 0.99)[0]).toBeCloseTo(4.2, 12);
  });

  it('is the identity at weight 0', () => {
    expect(Array.from(debiasedEma([3, -1, 7], 0))).toEqual([3, -1, 7]);
  });

  it('passes non-finite values through without breaking the rest', () => {
    const out = debiasedEma([1, NaN, 3], 0.5);
    expect(out[1]).toBeNaN();
    // The NaN does not advance the average: the third value is the second accumulated one.
    //   last = 0.5 -> 1; then last = 0.25 + 1.5 = 1.75, debias 0.75 -> 7/3
    expect(out[2]).toBeCloseTo(7 / 3, 12);
  });

  it('incremental and batch forms agree', () => {
    const values = Array.from({ length: 500 }, (_, i) => Math.exp(-i / 100) + 0.1 * Math.sin(i));
    const batch = debiasedEma(values, 0.9);
    const ema = new DebiasedEma(0.9);
    values.forEach((v, i) => expect(ema.next(v)).toBe(batch[i]));
  });
});
