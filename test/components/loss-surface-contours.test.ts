// The contour layer: samples are f at the cell centres (createSurface), levels are evenly
// spaced in log(f - min) so Rosenbrock's valley gets levels of its own, and every vertex of
// a band's outline lies on its level set (checked against f itself, for a bowl whose level
// sets are circles), in the plot's pixels. Results are cached per request.
import { describe, expect, it } from 'vitest';
import {
  LEVELS,
  cachedContours,
  computeContours,
  logThresholds,
  sampleGrid,
} from '../../components/loss-surface/contours';
import type { ContourRequest } from '../../components/loss-surface/contours';
import { plotDomain } from '../../components/loss-surface/domain';
import { createSurface } from '../../src/surface/index';

const bowl: ContourRequest = {
  choice: { function: 'quadratic', condition: 1 },
  x: [-2, 2],
  y: [-2, 2],
  width: 400,
  height: 400,
};

describe('contour levels', () => {
  it('are evenly spaced in log(f - min), from near the floor to below the top', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => 3 + i ** 2);
    const levels = logThresholds(values);
    expect(levels).toHaveLength(LEVELS);
    const above = levels.map((level) => level - 3);
    const ratios = above.slice(1).map((v, i) => v / above[i]);
    for (const ratio of ratios) expect(ratio).toBeCloseTo(ratios[0], 9);
    expect(above[0]).toBeGreaterThan(0);
    expect(levels[LEVELS - 1]).toBeLessThan(3 + 999 ** 2);
  });

  it("give Rosenbrock's valley floor levels of its own: they span more than four decades", () => {
    const bands = computeContours({
      choice: { function: 'rosenbrock' },
      x: [-2, 2],
      y: [-1, 3],
      width: 400,
      height: 400,
    });
    const above = bands.thresholds.map((t) => t - bands.min);
    expect(above[0]).toBeLessThan(1);
    expect(above[above.length - 1]).toBeGreaterThan(1e3);
    expect(bands.paths).toHaveLength(bands.thresholds.length);
  });

  it('a flat or undefined surface has none', () => {
    expect(logThresholds([2, 2, 2])).toEqual([]);
    expect(logThresholds([NaN, Infinity])).toEqual([]);
  });
});

describe('contour geometry', () => {
  it('samples f at the centre of each cell, row 0 at the top', () => {
    const values = sampleGrid(bowl, 4, 2);
    const f = createSurface(bowl.choice);
    // Cells are 1 wide and 2 high: centres x = -1.5 ... 1.5, y = 1 (top row) and -1.
    expect(values[0]).toBe(f.value(-1.5, 1));
    expect(values[3]).toBe(f.value(1.5, 1));
    expect(values[4]).toBe(f.value(-1.5, -1));
  });

  it("every outline vertex lies on its level's circle: 0.5 (x² + y²) = level", () => {
    const bands = computeContours(bowl);
    const domain = plotDomain({ x: [-2, 2], y: [-2, 2] }, bowl.width, bowl.height);
    const cell = (bowl.x[1] - bowl.x[0]) / bands.cols;
    let checked = 0;
    bands.paths.forEach((d, i) => {
      const level = bands.thresholds[i];
      const radius = Math.sqrt(2 * level);
      for (const [, px, py] of d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)) {
        const x = domain.sx.invert(Number(px));
        const y = domain.sy.invert(Number(py));
        // Vertices on the plot's edge close the band where the circle leaves the box.
        if (Math.max(Math.abs(x), Math.abs(y)) > 2 - cell) continue;
        // Linear interpolation between samples: within a small part of one cell.
        expect(Math.abs(Math.hypot(x, y) - radius), `level ${level} at (${x}, ${y})`).toBeLessThan(
          0.25 * cell,
        );
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(500);
  });

  it('is sized to the plot (a sample every few pixels) and cached per request', () => {
    const small = computeContours({ ...bowl, width: 120, height: 80 });
    expect([small.cols, small.rows]).toEqual([30, 20]);
    const first = cachedContours(bowl);
    expect(cachedContours({ ...bowl })).toBe(first);
    expect(cachedContours({ ...bowl, width: 401 })).not.toBe(first);
  });
});
