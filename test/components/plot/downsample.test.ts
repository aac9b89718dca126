import { describe, expect, it } from 'vitest';
import { ColumnBuckets, downsampleToColumns } from '../../../components/plot/downsample';

/** A deterministic noisy series with a known spike and dip. */
function series(n: number): number[] {
  const ys: number[] = [];
  for (let i = 0; i < n; i++) ys.push(Math.sin(i / 37) + 0.3 * Math.sin(i * 1.7));
  ys[1234] = 50; // spike
  ys[7777] = -50; // dip
  return ys;
}

describe('downsampleToColumns', () => {
  it('keeps every point when there are no more points than columns', () => {
    const ys = [3, 1, 4, 1, 5];
    const out = downsampleToColumns(
      ys.length,
      (i) => i,
      (i) => ys[i],
      10,
    );
    expect(out).toEqual(ys.map((y, x) => ({ x, y })));
  });

  it('bounds the output by 4 points per pixel column', () => {
    const ys = series(20_000);
    for (const columns of [1, 7, 300, 1000]) {
      const out = downsampleToColumns(
        ys.length,
        (i) => i,
        (i) => ys[i],
        columns,
      );
      expect(out.length).toBeLessThanOrEqual(4 * columns);
      expect(out.length).toBeGreaterThan(0);
    }
  });

  it('keeps the extremes, the first and the last point', () => {
    const ys = series(20_000);
    const out = downsampleToColumns(
      ys.length,
      (i) => i,
      (i) => ys[i],
      300,
    );
    expect(out).toContainEqual({ x: 1234, y: 50 });
    expect(out).toContainEqual({ x: 7777, y: -50 });
    expect(out[0]).toEqual({ x: 0, y: ys[0] });
    expect(out[out.length - 1]).toEqual({ x: 19_999, y: ys[19_999] });
  });

  it('keeps every column min and max: the drawn envelope equals the data envelope', () => {
    const ys = series(5000);
    const columns = 50;
    const out = downsampleToColumns(
      ys.length,
      (i) => i,
      (i) => ys[i],
      columns,
    );
    const buckets = new ColumnBuckets(columns, 0, ys.length - 1);
    for (let c = 0; c < columns; c++) {
      const inColumn = ys.filter((_, i) => buckets.columnOf(i) === c);
      const kept = out.filter((p) => buckets.columnOf(p.x) === c).map((p) => p.y);
      expect(Math.max(...kept)).toBe(Math.max(...inColumn));
      expect(Math.min(...kept)).toBe(Math.min(...inColumn));
    }
  });

  it('returns points in x order', () => {
    const ys = series(10_000);
    const out = downsampleToColumns(
      ys.length,
      (i) => i,
      (i) => ys[i],
      123,
    );
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
  });
});

describe('ColumnBuckets', () => {
  it('adding in chunks gives the same points as adding all at once', () => {
    const ys = series(9000);
    const once = new ColumnBuckets(200, 0, 9000);
    ys.forEach((y, i) => once.add(i, y));
    const chunked = new ColumnBuckets(200, 0, 9000);
    for (let start = 0; start < ys.length; start += 997) {
      for (let i = start; i < Math.min(ys.length, start + 997); i++) chunked.add(i, ys[i]);
    }
    expect(chunked.points()).toEqual(once.points());
  });

  it('returns only the points of the columns from a given one on', () => {
    // 100 columns over x in [0, 1000): column c holds x in [10c, 10c + 10).
    const b = new ColumnBuckets(100, 0, 1000);
    series(1000).forEach((y, i) => b.add(i, y));
    const all = b.points();
    expect(b.points(37)).toEqual(all.filter((p) => p.x >= 370));
    expect(b.points(0)).toEqual(all);
    expect(b.points(-5)).toEqual(all);
    expect(b.points(100)).toEqual([]);
  });

  it('skips non-finite values instead of poisoning a column', () => {
    const b = new ColumnBuckets(2, 0, 4);
    [1, NaN, Infinity, 2].forEach((y, i) => b.add(i, y));
    const ys = b.points().map((p) => p.y);
    expect(ys.every(Number.isFinite)).toBe(true);
    expect(ys).toContain(1);
    expect(ys).toContain(2);
  });
});
