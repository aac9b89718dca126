import type { ScaleLinear } from 'd3-scale';
import type { Point } from '../plot/downsample';
import { scaleY } from '../plot/scales';
import type { YScale } from '../plot/scales';
import type { EvalLine, RunSeries, XAxis } from './run-series';

export interface DrawFrame {
  ctx: CanvasRenderingContext2D;
  /** CSS pixels of the whole canvas and the plot box inside it. */
  width: number;
  height: number;
  left: number;
  top: number;
  innerWidth: number;
  innerHeight: number;
  dpr: number;
  x: ScaleLinear<number, number>;
  y: YScale;
  log: boolean;
  axis: XAxis;
  smoothing: number;
}

/** Opacity of the raw curve when a smoothed one is drawn over it (TensorBoard's look). */
const RAW_ALPHA_UNDER_SMOOTHING = 0.3;
/** Validation markers only while they stay this many pixels apart on average. */
const MIN_MARKER_SPACING_PX = 6;

function strokePoints(frame: DrawFrame, points: readonly Point[]): void {
  const { ctx, x, y, log } = frame;
  if (!points.length) return;
  ctx.beginPath();
  for (let i = 0; i < points.length; i++) {
    const px = x(points[i].x);
    const py = scaleY(y, log, points[i].y);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  // A single point would draw nothing; give it a dot-sized segment.
  if (points.length === 1) ctx.lineTo(x(points[0].x) + 0.5, scaleY(y, log, points[0].y));
  ctx.stroke();
}

/** How an evaluation line looks: its dash, width and marker. */
export interface EvalStyle {
  dash: readonly number[];
  lineWidth: number;
  marker: 'circle' | 'square';
}

/** The run's validation loss: dashed, round markers. */
export const VALIDATION_STYLE: EvalStyle = { dash: [5, 4], lineWidth: 1.5, marker: 'circle' };
/** Its SWA average's validation loss: dotted and heavier, square markers, so the two differ
 * by more than colour (they share the run's). */
export const SWA_STYLE: EvalStyle = { dash: [1.5, 3], lineWidth: 2.5, marker: 'square' };

function drawEvalLine(frame: DrawFrame, line: EvalLine, color: string, style: EvalStyle): void {
  const { ctx, x, y, log, axis, innerWidth } = frame;
  const xs = line.xs(axis).data;
  const n = line.length;
  const points: Point[] = [];
  // At most one vertex per pixel column (and always the newest): a fast engine evaluates
  // thousands of times, and a full redraw must not cost more than the plot has columns.
  let column = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = line.loss.data[i];
    if (!Number.isFinite(v) || !Number.isFinite(xs[i])) continue;
    const at = Math.floor(x(xs[i]));
    if (at === column && i < n - 1) continue;
    column = at;
    points.push({ x: xs[i], y: v });
  }
  if (!points.length) return;
  ctx.globalAlpha = 1;
  ctx.lineWidth = style.lineWidth;
  ctx.setLineDash([...style.dash]);
  strokePoints(frame, points);
  ctx.setLineDash([]);
  if (points.length * MIN_MARKER_SPACING_PX > innerWidth) return;
  ctx.fillStyle = color;
  for (const p of points) {
    const px = x(p.x);
    const py = scaleY(y, log, p.y);
    ctx.beginPath();
    if (style.marker === 'square') ctx.rect(px - 3, py - 3, 6, 6);
    else ctx.arc(px, py, 3, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/**
 * A partial redraw starts this many columns left of the first changed one: the segment into
 * the changed column starts a column earlier, and a 2 px round-joined stroke reaches 1 px
 * beyond its ends.
 */
const SEAM_COLUMNS = 2;
/** Points are stroked from this many columns further left, so every segment that reaches
 * into the redrawn region is stroked again whole (its pixels there come out as before). */
const LEAD_IN_COLUMNS = 3;

/**
 * Draw every run: raw loss (faint when smoothed), the smoothed curve, validation dashed, the
 * SWA average's validation dotted.
 *
 * Streaming appends only change the newest columns (x only grows and the x domain moves in
 * coarse jumps), so unless `full` is asked for, only the region from the first changed
 * column to the right edge is cleared and redrawn, with every run in order, which paints
 * the same pixels a full redraw would at a fraction of the cost. Returns whether anything
 * was drawn (false when no run has new points).
 */
export function drawRuns(
  frame: DrawFrame,
  runs: readonly RunSeries[],
  colors: readonly string[],
  full: boolean,
): boolean {
  const { ctx, dpr, width, height, left, top, innerWidth, innerHeight, axis, smoothing } = frame;
  const x1 = frame.x.domain()[1];
  const columns = Math.max(1, Math.round(innerWidth));
  // Folding new points in must happen for every run before we know where drawing starts.
  const buckets = runs.map((run) => (run.drawable(axis) ? run.columns(axis, x1, columns) : null));
  let from = 0;
  if (!full) {
    from = Math.min(...buckets.map((b) => b?.changedFrom ?? Infinity));
    if (from === Infinity) return false;
  }
  const clipColumn = Math.max(0, from - SEAM_COLUMNS);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.save();
  ctx.beginPath();
  if (clipColumn === 0) {
    ctx.clearRect(0, 0, width, height);
    ctx.rect(left, top, innerWidth, innerHeight);
  } else {
    // Snap the seam to a device pixel so no pixel is half cleared.
    const seam = Math.floor((left + (clipColumn * innerWidth) / columns) * dpr) / dpr;
    const right = left + innerWidth;
    ctx.clearRect(seam, top, right - seam, innerHeight);
    ctx.rect(seam, top, right - seam, innerHeight);
  }
  ctx.clip();
  ctx.translate(left, top);
  ctx.lineJoin = 'round';
  const firstPointColumn = clipColumn - LEAD_IN_COLUMNS;
  runs.forEach((run, i) => {
    const b = buckets[i];
    if (!b) return;
    const color = colors[i];
    ctx.strokeStyle = color;
    const smoothed = smoothing > 0;
    ctx.globalAlpha = smoothed ? RAW_ALPHA_UNDER_SMOOTHING : 1;
    ctx.lineWidth = smoothed ? 1 : 1.5;
    strokePoints(frame, b.raw.points(firstPointColumn));
    if (smoothed) {
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2;
      strokePoints(frame, b.smooth.points(firstPointColumn));
    }
    // Validation points are few: stroke them whole (a dash pattern starts at the path's
    // start) and let the clip keep the pixels outside the region as they are.
    drawEvalLine(frame, run.validation, color, VALIDATION_STYLE);
    drawEvalLine(frame, run.swa, color, SWA_STYLE);
  });
  ctx.restore();
  return true;
}
