import { describe, expect, it } from 'vitest';
import { extentOf, roomyEnd, scaleY, yScale } from '../../../components/plot/scales';
import { formatValue } from '../../../components/plot/format';

describe('yScale', () => {
  it('log scale spans the positive values and puts 0 on the bottom edge', () => {
    const s = yScale(extentOf([0, 1e-4, 0.1]), true, [100, 0]);
    const [lo, hi] = s.domain();
    expect(lo).toBeLessThanOrEqual(1e-4);
    expect(hi).toBeGreaterThanOrEqual(0.1);
    expect(scaleY(s, true, 0)).toBe(100);
    // One decade is the same height anywhere on a log axis.
    expect(s(1e-3) - s(1e-2)).toBeCloseTo(s(1e-2) - s(1e-1), 9);
  });

  it('linear, zero-based scale starts at 0 for a positive series', () => {
    const s = yScale(extentOf([0.05, 0.1]), false, [100, 0], { zeroBased: true });
    expect(s.domain()[0]).toBe(0);
    expect(s(0)).toBe(100);
  });

  it('gives a flat series a band instead of a zero-height domain', () => {
    const s = yScale(extentOf([0.1, 0.1]), false, [100, 0]);
    const [lo, hi] = s.domain();
    expect(lo).toBeLessThan(0.1);
    expect(hi).toBeGreaterThan(0.1);
  });
});

describe('formatValue', () => {
  it('prints three significant digits and exponents for tiny values', () => {
    expect(formatValue(0.0031415)).toBe('0.00314');
    expect(formatValue(0.1)).toBe('0.1');
    expect(formatValue(1.23456e-6)).toBe('1.23e-6');
    expect(formatValue(0)).toBe('0');
  });
});

describe('roomyEnd', () => {
  it('ends the axis at a round number at or above the data, leaving at most 25 % empty', () => {
    expect(roomyEnd(1000)).toBe(1000);
    expect(roomyEnd(1001)).toBe(1200);
    expect(roomyEnd(19_999)).toBe(20_000);
    expect(roomyEnd(3.7)).toBe(4);
    expect(roomyEnd(0)).toBe(1);
    for (let x = 0.013; x < 1e6; x *= 1.37) {
      const end = roomyEnd(x);
      expect(end).toBeGreaterThanOrEqual(x);
      expect(x / end).toBeGreaterThan(0.75);
    }
  });

  it('changes only a few times per decade as a run grows', () => {
    const ends = new Set<number>();
    for (let step = 1000; step <= 10_000; step += 10) ends.add(roomyEnd(step));
    expect(ends.size).toBeLessThanOrEqual(11);
  });
});
