/**
 * Drawing of a model's predictions over the input plane with the data on top. Kept apart
 * from the element so the pixel maths (which grid cell lands where, which colour a
 * probability gets) can be read and tested on its own.
 */
import type { DatasetView, GridPrediction } from '../../src/protocol/api';

export type Rgb = readonly [number, number, number];

export interface DataViewColors {
  /** Class 0 (and low regression values). */
  negative: Rgb;
  /** Class 1 (and high regression values). */
  positive: Rgb;
  /** The colour halfway: p = 0.5, the decision boundary. */
  middle: Rgb;
  /** Outline of the data points. */
  outline: string;
  /** Prediction curve for 1-D regression. */
  curve: string;
}

/**
 * The picture's colours, from the theme (components/shared/theme.ts) as the element's
 * styles map them: class 0 and 1 are two series colours, the boundary is the surface and
 * the points' outline and the regression curve are the ink.
 */
export function readColors(
  style: CSSStyleDeclaration,
  ctx: CanvasRenderingContext2D,
): DataViewColors {
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    negative: toRgb(ctx, token('--_negative')),
    positive: toRgb(ctx, token('--_positive')),
    middle: toRgb(ctx, token('--_surface')),
    outline: token('--_ink'),
    curve: token('--_ink'),
  };
}

/** Any CSS colour as [r, g, b]: the 2-D context normalises what it is given to #rrggbb. */
function toRgb(ctx: CanvasRenderingContext2D, color: string): Rgb {
  ctx.fillStyle = '#000000';
  ctx.fillStyle = color;
  const hex = String(ctx.fillStyle);
  if (hex.startsWith('#'))
    return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
  const [r, g, b] = (hex.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number);
  return [r, g, b];
}

/** Mixes from `negative` (t = 0) through `middle` (t = 0.5) to `positive` (t = 1). */
export function divergingColor(t: number, colors: DataViewColors): Rgb {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  const [from, to, k] =
    u < 0.5
      ? [colors.negative, colors.middle, u * 2]
      : [colors.middle, colors.positive, (u - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * k)) as unknown as Rgb;
}

/** Maps a regression value into [0, 1] over the range of the targets. */
function normaliser(dataset: DatasetView | undefined, grid: GridPrediction): (v: number) => number {
  if (!dataset || dataset.task === 'binary') return (v) => v;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...dataset.train.y, ...grid.values]) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi - lo || 1;
  return (v) => (v - lo) / span;
}

/**
 * Paints the prediction grid into an n x n RGBA buffer, row 0 at the top (largest y):
 * grid rows are stored with y increasing, a canvas counts rows downwards.
 */
export function gridPixels(
  grid: GridPrediction,
  colors: DataViewColors,
  dataset?: DatasetView,
): Uint8ClampedArray<ArrayBuffer> {
  const { n } = grid;
  const toUnit = normaliser(dataset, grid);
  const pixels = new Uint8ClampedArray(n * n * 4);
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      const value = grid.values[iy * n + ix];
      const [r, g, b] = divergingColor(toUnit(value), colors);
      const offset = ((n - 1 - iy) * n + ix) * 4;
      pixels[offset] = r;
      pixels[offset + 1] = g;
      pixels[offset + 2] = b;
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}

export interface Frame {
  width: number;
  height: number;
  xRange: readonly [number, number];
  yRange: readonly [number, number];
}

export function toCanvas(frame: Frame, x: number, y: number): [number, number] {
  const [x0, x1] = frame.xRange;
  const [y0, y1] = frame.yRange;
  return [((x - x0) / (x1 - x0)) * frame.width, (1 - (y - y0) / (y1 - y0)) * frame.height];
}

let cellCache: OffscreenCanvas | undefined;
/** One small canvas reused for the grid cells: creating one per redraw is not free. */
function cellCanvas(n: number): OffscreenCanvas {
  if (!cellCache || cellCache.width !== n) cellCache = new OffscreenCanvas(n, n);
  return cellCache;
}

/**
 * Draws a model's predictions: the heatmap (2-D inputs) over the part of the frame the grid
 * covers, or the predicted curve (1-D inputs). `dataset` scales a regression heatmap.
 */
export function drawPrediction(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  grid: GridPrediction,
  colors: DataViewColors,
  oneD: boolean,
  dataset?: DatasetView,
): void {
  if (oneD) {
    ctx.beginPath();
    for (let i = 0; i < grid.values.length; i++) {
      const x =
        grid.xRange[0] +
        (i / Math.max(1, grid.values.length - 1)) * (grid.xRange[1] - grid.xRange[0]);
      const [px, py] = toCanvas(frame, x, grid.values[i]);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.strokeStyle = colors.curve;
    ctx.lineWidth = 2;
    ctx.stroke();
    return;
  }
  if (grid.values.length !== grid.n * grid.n) return;
  const cells = cellCanvas(grid.n);
  const cellCtx = cells.getContext('2d');
  if (!cellCtx) return;
  cellCtx.putImageData(new ImageData(gridPixels(grid, colors, dataset), grid.n, grid.n), 0, 0);
  // The grid's own plane, placed in the frame (the same box unless an editor's frame differs).
  const [left, top] = toCanvas(frame, grid.xRange[0], grid.yRange[1]);
  const [right, bottom] = toCanvas(frame, grid.xRange[1], grid.yRange[0]);
  ctx.imageSmoothingEnabled = true;
  ctx.globalAlpha = 0.55;
  ctx.drawImage(cells, left, top, right - left, bottom - top);
  ctx.globalAlpha = 1;
}

/** Draws everything: heatmap (2-D) or prediction curve (1-D), then the points. */
export function drawDataView(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  dataset: DatasetView | undefined,
  grid: GridPrediction | undefined,
  colors: DataViewColors,
): void {
  ctx.clearRect(0, 0, frame.width, frame.height);
  const oneD = dataset?.inputDims === 1;
  // The curve goes over the points (drawn below); the heatmap under them.
  if (grid && !oneD) drawPrediction(ctx, frame, grid, colors, false, dataset);
  if (!dataset) return;
  const radius = Math.max(1.5, frame.width / 90);
  if (oneD) {
    const points = (split: DatasetView['train'], filled: boolean) => {
      for (let i = 0; i < split.y.length; i++) {
        const [px, py] = toCanvas(frame, split.x[i], split.y[i]);
        ctx.beginPath();
        ctx.arc(px, py, radius, 0, Math.PI * 2);
        ctx.fillStyle = `rgb(${colors.positive.join(',')})`;
        if (filled) ctx.fill();
        else {
          ctx.strokeStyle = `rgb(${colors.positive.join(',')})`;
          ctx.stroke();
        }
      }
    };
    points(dataset.train, true);
    points(dataset.validation, false);
    if (grid) drawPrediction(ctx, frame, grid, colors, true);
    return;
  }
  const toUnit =
    dataset.task === 'binary'
      ? (v: number) => v
      : grid
        ? normaliser(dataset, grid)
        : (v: number) => v;
  const draw = (split: DatasetView['train'], filled: boolean) => {
    ctx.lineWidth = 1;
    for (let i = 0; i < split.y.length; i++) {
      const [px, py] = toCanvas(frame, split.x[2 * i], split.x[2 * i + 1]);
      const color = `rgb(${divergingColor(toUnit(split.y[i]), colors).join(',')})`;
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, Math.PI * 2);
      if (filled) {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.strokeStyle = colors.outline;
        ctx.stroke();
      } else {
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
    }
  };
  draw(dataset.train, true);
  draw(dataset.validation, false);
}
