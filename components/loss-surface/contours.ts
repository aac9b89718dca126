/**
 * The filled contours of a loss surface: f sampled on a grid sized to the plot (one sample
 * per few pixels) with createSurface (TF-free, on the page), thresholds spaced evenly in
 * log(f - min) so that a landscape spanning decades (Rosenbrock's valley is 1e-3 deep where
 * its walls are 1e3 high) shows its floor, and d3-contour's polygons as SVG path data in the
 * plot's pixels. Computing costs a few milliseconds per plot size, so results are cached per
 * function, domain and size: dragging the start or playing never recomputes them.
 */
import { contours } from 'd3-contour';
import type { SurfaceChoice } from '../../src/surface/surface';
import { createSurface } from '../../src/surface/surface';

/** The region drawn: x and y ranges, and the plot's inner size in pixels. */
export interface ContourRequest {
  choice: SurfaceChoice;
  x: readonly [number, number];
  y: readonly [number, number];
  width: number;
  height: number;
}

export interface ContourBands {
  /** f at each threshold, ascending; band i is where f >= thresholds[i]. */
  thresholds: number[];
  /** One SVG path per threshold, in pixels of the inner box (y down). */
  paths: string[];
  /** Samples across and down. */
  cols: number;
  rows: number;
  /** The smallest and largest finite f sampled. */
  min: number;
  max: number;
}

/** About one sample per this many pixels: smooth enough, and ~15k samples on a wide plot. */
export const CELL_PX = 4;
export const MIN_CELLS = 16;
export const MAX_CELLS = 180;
/** How many contour levels. */
export const LEVELS = 14;
/** The lowest level sits above this quantile of the samples (the floor stays one shade). */
const FLOOR_QUANTILE = 0.01;
/** ... and at most this many decades below the highest. */
const MAX_DECADES = 6;

const cells = (pixels: number) =>
  Math.min(MAX_CELLS, Math.max(MIN_CELLS, Math.round(pixels / CELL_PX)));

/**
 * LEVELS thresholds from just above the floor to just below the top, equally spaced in
 * log(f - min): each band is the same factor higher than the one below it.
 */
export function logThresholds(samples: ArrayLike<number>, levels = LEVELS): number[] {
  const finite = Array.from(samples).filter(Number.isFinite);
  if (finite.length === 0) return [];
  const sorted = finite.sort((a, b) => a - b);
  const min = sorted[0];
  const top = sorted[sorted.length - 1] - min;
  if (!(top > 0)) return [];
  const floor = sorted[Math.floor(FLOOR_QUANTILE * (sorted.length - 1))] - min;
  const low = Math.max(floor, top * 10 ** -MAX_DECADES);
  const ratio = top / low;
  return Array.from({ length: levels }, (_, i) => min + low * ratio ** (i / levels));
}

/** The sampled values, row by row from the top (y max) down, as d3-contour expects. */
export function sampleGrid(request: ContourRequest, cols: number, rows: number): Float64Array {
  const surface = createSurface(request.choice);
  const [x0, x1] = request.x;
  const [y0, y1] = request.y;
  const dx = (x1 - x0) / cols;
  const dy = (y1 - y0) / rows;
  const values = new Float64Array(cols * rows);
  for (let j = 0; j < rows; j++) {
    const y = y1 - (j + 0.5) * dy;
    for (let i = 0; i < cols; i++) {
      const value = surface.value(x0 + (i + 0.5) * dx, y);
      // d3-contour treats NaN as below every level: where f is undefined nothing is filled.
      values[j * cols + i] = Number.isFinite(value) ? value : Number.NaN;
    }
  }
  return values;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Polygons in grid units as one SVG path in pixels. */
function pathOf(polygons: number[][][][], sx: number, sy: number): string {
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      ring.forEach(([u, v], k) => {
        d += `${k === 0 ? 'M' : 'L'}${round(u * sx)},${round(v * sy)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

export function computeContours(request: ContourRequest): ContourBands {
  const cols = cells(request.width);
  const rows = cells(request.height);
  const values = sampleGrid(request, cols, rows);
  const thresholds = logThresholds(values);
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const generator = contours().size([cols, rows]).thresholds(thresholds);
  const sx = request.width / cols;
  const sy = request.height / rows;
  const paths = generator(Array.from(values)).map((band) =>
    pathOf(band.coordinates as number[][][][], sx, sy),
  );
  return { thresholds, paths, cols, rows, min, max };
}

/** Bands per request, the last few kept (a page has few plots, each resized now and then). */
const cache = new Map<string, ContourBands>();
const CACHE_SIZE = 12;

export function contourKey(request: ContourRequest): string {
  const { choice, x, y, width, height } = request;
  return JSON.stringify([
    choice.function,
    choice.expression,
    choice.condition,
    x,
    y,
    width,
    height,
  ]);
}

export function cachedContours(request: ContourRequest): ContourBands {
  const key = contourKey(request);
  let bands = cache.get(key);
  if (bands === undefined) {
    bands = computeContours(request);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, bands);
  }
  return bands;
}
