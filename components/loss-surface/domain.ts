/**
 * Where the plot's pixels are in (x, y). One unit is the same length across and up, so the
 * gradient looks perpendicular to the contours, as it is: the config's view box is shown
 * whole and widened along one axis to fill the plot's box.
 */
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import type { Point, ViewBox } from '../../src/surface/types';

export interface PlotDomain {
  x: [number, number];
  y: [number, number];
  /** Data -> inner-box pixels (y up). */
  sx: ScaleLinear<number, number>;
  sy: ScaleLinear<number, number>;
}

/** The view box widened (x or y, about its centre) to the inner box's aspect ratio. */
export function plotDomain(view: ViewBox, width: number, height: number): PlotDomain {
  const spanX = view.x[1] - view.x[0];
  const spanY = view.y[1] - view.y[0];
  const perPixel = Math.max(spanX / width, spanY / height);
  const cx = (view.x[0] + view.x[1]) / 2;
  const cy = (view.y[0] + view.y[1]) / 2;
  const x: [number, number] = [cx - (perPixel * width) / 2, cx + (perPixel * width) / 2];
  const y: [number, number] = [cy - (perPixel * height) / 2, cy + (perPixel * height) / 2];
  return {
    x,
    y,
    sx: scaleLinear().domain(x).range([0, width]),
    sy: scaleLinear().domain(y).range([height, 0]),
  };
}

/** The data point under inner-box pixel (px, py), kept inside the domain. */
export function pointAt(domain: PlotDomain, px: number, py: number): Point {
  const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));
  return [clamp(domain.sx.invert(px), domain.x), clamp(domain.sy.invert(py), domain.y)];
}

/**
 * A start moved by an arrow key: a 50th of the view per press, a 10th with Shift, kept in the
 * view box. Undefined for keys that do not move it.
 */
export function nudge(start: Point, key: string, shift: boolean, view: ViewBox): Point | undefined {
  const fraction = shift ? 0.1 : 0.02;
  const step = [(view.x[1] - view.x[0]) * fraction, (view.y[1] - view.y[0]) * fraction];
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, 1],
    ArrowDown: [0, -1],
  };
  const move = moves[key];
  if (move === undefined) return undefined;
  const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));
  // Rounded to the step's precision: repeated presses land on readable numbers.
  const tidy = (v: number, size: number) => {
    const digits = Math.max(0, 2 - Math.floor(Math.log10(size)));
    return Number(v.toFixed(Math.min(digits, 10)));
  };
  return [
    tidy(clamp(start[0] + move[0] * step[0], view.x), step[0]),
    tidy(clamp(start[1] + move[1] * step[1], view.y), step[1]),
  ];
}
