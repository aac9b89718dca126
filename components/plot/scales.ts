import { scaleLinear, scaleLog } from 'd3-scale';
import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale';

export type YScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

/** Running extent of the finite values seen, with the smallest positive value for log axes. */
export class Extent {
  min = Infinity;
  max = -Infinity;
  minPositive = Infinity;

  add(v: number): void {
    if (!Number.isFinite(v)) return;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (v > 0 && v < this.minPositive) this.minPositive = v;
  }

  get empty(): boolean {
    return this.min > this.max;
  }
}

export function extentOf(values: Iterable<number>): Extent {
  const e = new Extent();
  for (const v of values) e.add(v);
  return e;
}

/**
 * A y scale over the extent: linear (starting at zero when all values are positive, so a
 * learning rate is read against 0) or log (over the positive values only, since lr and loss
 * can be exactly 0). A flat series gets a band around its value so it is not drawn on an edge.
 */
export function yScale(
  extent: Extent,
  log: boolean,
  range: [number, number],
  { zeroBased = false }: { zeroBased?: boolean } = {},
): YScale {
  if (log) {
    let lo = extent.minPositive;
    let hi = extent.max;
    if (!Number.isFinite(lo) || !(hi > 0)) {
      lo = 1e-3;
      hi = 1;
    }
    if (lo === hi) {
      lo /= 2;
      hi *= 2;
    }
    return scaleLog().domain([lo, hi]).range(range).clamp(true).nice();
  }
  let lo = extent.empty ? 0 : extent.min;
  let hi = extent.empty ? 1 : extent.max;
  if (zeroBased && lo > 0) lo = 0;
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  return scaleLinear().domain([lo, hi]).range(range).nice();
}

/**
 * Map y for drawing: on a log axis, non-positive values (an lr of exactly 0) sit on the
 * bottom edge instead of vanishing as NaN.
 */
export function scaleY(scale: YScale, log: boolean, v: number): number {
  if (log && !(v > 0)) return scale.range()[0];
  return scale(v);
}

export function xScale(
  x0: number,
  x1: number,
  range: [number, number],
): ScaleLinear<number, number> {
  return scaleLinear()
    .domain([x0, x1 > x0 ? x1 : x0 + 1])
    .range(range);
}

/** Round numbers an x axis may end at (times a power of ten): at most 25 % stays empty. */
const AXIS_ENDS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The x domain end for data up to maxX. It moves in coarse jumps, not with every point:
 * a streaming plot's column buckets depend on it, so a stable end lets them grow instead
 * of being rebuilt each frame while runs stream in.
 */
export function roomyEnd(maxX: number): number {
  if (!(maxX > 0)) return 1;
  const decade = 10 ** Math.floor(Math.log10(maxX));
  const end = AXIS_ENDS.find((m) => m * decade >= maxX * (1 - 1e-12)) ?? 10;
  return end * decade;
}
