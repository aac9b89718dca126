import { axisBottom, axisLeft, axisRight } from 'd3-axis';
import type { Axis, AxisDomain } from 'd3-axis';
import { select } from 'd3-selection';
import type { ScaleLinear } from 'd3-scale';
import type { YScale } from './scales';
import { formatTick } from './format';

export type AxisSide = 'bottom' | 'left' | 'right';

/** About one tick per this many CSS pixels keeps labels from colliding down to 360 px. */
const PIXELS_PER_TICK = 70;

/**
 * Render a d3 axis into `g`. d3-axis draws with `currentColor`, so the axis follows the
 * element's CSS colour tokens (light/dark) without JS knowing about themes.
 */
export function renderAxis(
  g: SVGGElement,
  side: AxisSide,
  scale: ScaleLinear<number, number> | YScale,
  lengthPx: number,
  format: (v: number) => string = formatTick,
): void {
  const ticks = Math.max(2, Math.floor(lengthPx / PIXELS_PER_TICK));
  const make = side === 'bottom' ? axisBottom : side === 'left' ? axisLeft : axisRight;
  const axis: Axis<AxisDomain> = make(scale as ScaleLinear<number, number>) as Axis<AxisDomain>;
  axis.ticks(ticks).tickFormat((d) => format(Number(d)));
  select(g).call(axis);
  if ('base' in scale) thinLogTicks(g);
}

/**
 * A log axis over several decades labels every 1-2-5 tick; keep the labels on powers of ten
 * only, when there are at least two of them (a narrow log domain keeps all its labels).
 */
function thinLogTicks(g: SVGGElement): void {
  const labels = select(g).selectAll<SVGTextElement, number>('.tick text');
  const isPowerOfTen = (d: number) => Math.abs(Math.log10(d) - Math.round(Math.log10(d))) < 1e-9;
  if (labels.data().filter(isPowerOfTen).length < 2) return;
  labels.each(function (d) {
    if (!isPowerOfTen(d)) this.textContent = '';
  });
}

/** Horizontal grid lines at the y ticks, drawn behind the data. */
export function renderGrid(g: SVGGElement, scale: YScale, widthPx: number, heightPx: number): void {
  const ticks = Math.max(2, Math.floor(heightPx / PIXELS_PER_TICK));
  const axis = axisLeft(scale as ScaleLinear<number, number>)
    .ticks(ticks)
    .tickSize(-widthPx)
    .tickFormat(() => '');
  select(g)
    .call(axis)
    .call((s) => s.select('.domain').remove());
}
