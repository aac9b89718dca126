/**
 * The frame every plot is drawn in: its margins, its size (followed with a ResizeObserver),
 * the inner box the data maps to, the d3 axes and grid (redrawn only when the scales, the
 * size or the groups change), the accessible parts (an SVG with role="img", a keyboard
 * read-out cursor following the ARIA slider pattern, a live read-out and a text summary),
 * and the styles those parts share. A plot element keeps only what it draws inside.
 *
 *   frame = new PlotFrame(this, { margin: { top: 10, right: 14, bottom: 30, left: 58 } });
 *   const box = frame.layout();                   // width, height, innerWidth, innerHeight
 *   frame.svg(box, { label, content: svg`<path ...>` })   // in render()
 *   frame.drawAxes(key, { x, y })                  // in updated()
 */
import { css, html, nothing, svg } from 'lit';
import type { ReactiveController, ReactiveElement, SVGTemplateResult, TemplateResult } from 'lit';
import type { ScaleLinear } from 'd3-scale';
import { ResizeController } from '../controllers/resize-controller';
import { cssProperties } from '../shared/css-properties';
import type { Size } from '../controllers/resize-controller';
import { renderAxis, renderGrid } from './axes';
import type { YScale } from './scales';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The plot's measured box and the inner box the data is drawn in. */
export interface FrameBox {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  margin: Margins;
}

export type AxisScale = ScaleLinear<number, number> | YScale;

export interface FrameAxes {
  x: AxisScale;
  y: AxisScale;
  /** A second y axis on the right (drawn into `.axis-y2`). */
  y2?: AxisScale;
  /** Tick labels of the x axis (default: compact numbers). */
  xFormat?: (value: number) => string;
}

export interface PlotFrameOptions {
  margin: Margins;
  /** The size used until the first measurement. */
  fallback?: Size;
  /** The element measured, inside the shadow root (default `.plot`). */
  target?: string;
}

export interface CursorAreaOptions {
  /** "Read-out cursor: step". */
  label: string;
  min: number;
  max: number;
  now: number;
  text?: string;
  onKeyDown: (event: KeyboardEvent) => void;
  onPointerMove: (event: PointerEvent) => void;
  onFocus?: () => void;
}

export class PlotFrame implements ReactiveController {
  private readonly resize: ResizeController;
  private axesDrawn?: { key: string; groups: (Element | null)[] };

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: PlotFrameOptions,
  ) {
    const target = options.target ?? '.plot';
    this.resize = new ResizeController(
      host,
      () => host.renderRoot?.querySelector?.(target),
      options.fallback ?? { width: 600, height: 224 },
    );
    host.addController(this);
  }

  hostConnected(): void {}

  /** The current box; `extraRight` widens the right margin (room for a second y axis). */
  layout(extraRight = 0): FrameBox {
    const { width, height } = this.resize.size;
    const margin = { ...this.options.margin, right: this.options.margin.right + extraRight };
    return {
      width,
      height,
      margin,
      innerWidth: Math.max(10, width - margin.left - margin.right),
      innerHeight: Math.max(10, height - margin.top - margin.bottom),
    };
  }

  /**
   * The SVG image: role="img" named by `label` and described by the summary, the grid
   * behind `content` and the axes groups in front. With `decorative`, the SVG is
   * aria-hidden and the caller names the image (a canvas plot's wrapper does).
   */
  svg(
    box: FrameBox,
    o: { label?: string; content?: unknown; rightAxis?: boolean; decorative?: boolean },
  ): TemplateResult {
    const { width, height, margin, innerWidth, innerHeight } = box;
    const image = o.decorative
      ? { part: nothing, role: nothing, label: nothing, describedBy: nothing, hidden: 'true' }
      : {
          part: 'svg',
          role: 'img',
          label: o.label ?? nothing,
          describedBy: 'summary',
          hidden: nothing,
        };
    return html`<svg
      part=${image.part}
      role=${image.role}
      aria-label=${image.label}
      aria-describedby=${image.describedBy}
      aria-hidden=${image.hidden}
      width=${width}
      height=${height}
      viewBox="0 0 ${width} ${height}"
    >
      <g transform="translate(${margin.left},${margin.top})">
        <g class="grid" aria-hidden="true"></g>
        ${o.content ?? nothing}
        <g class="axis axis-x" transform="translate(0,${innerHeight})" aria-hidden="true"></g>
        <g class="axis axis-y" aria-hidden="true"></g>
        ${
          o.rightAxis
            ? svg`<g class="axis axis-y2" transform="translate(${innerWidth},0)" aria-hidden="true"></g>`
            : nothing
        }
      </g>
    </svg>`;
  }

  /** A vertical line across the inner box at `x` px (the read-out cursor, a marker). */
  vline(box: FrameBox, x: number, cls: string, part?: string): SVGTemplateResult {
    return svg`<line part=${part ?? nothing} class=${cls} x1=${x} x2=${x} y1="0" y2=${box.innerHeight}></line>`;
  }

  /** The focusable area over the inner box that moves the read-out cursor (role="slider"). */
  cursorArea(box: FrameBox, o: CursorAreaOptions): TemplateResult {
    const { top, right, bottom, left } = box.margin;
    return html`<div
      part="cursor-area"
      class="cursor-area"
      role="slider"
      tabindex="0"
      aria-label=${o.label}
      aria-valuemin=${o.min}
      aria-valuemax=${o.max}
      aria-valuenow=${o.now}
      aria-valuetext=${o.text ?? nothing}
      ${cssProperties({
        left: `${left}px`,
        top: `${top}px`,
        right: `${right}px`,
        bottom: `${bottom}px`,
      })}
      @keydown=${o.onKeyDown}
      @focus=${o.onFocus ?? nothing}
      @pointermove=${o.onPointerMove}
    ></div>`;
  }

  /** The live read-out and the visually hidden summary the image is described by. */
  captions(readout: string, summary: string): TemplateResult {
    return html`<p part="readout" class="readout" aria-live="polite">${readout}</p>
      <p part="summary" id="summary" class="visually-hidden">${summary}</p>`;
  }

  /** The data x under the pointer, through `x`'s inverse. */
  pointerX(event: PointerEvent, x: AxisScale): number {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return x.invert(event.clientX - box.left);
  }

  /**
   * Draws the axes and grid into the frame's groups. d3 rewrites every tick's attributes,
   * so this runs only when `key` (what the scales depend on) or the groups changed (they
   * are new when the plot comes back after an error message).
   */
  drawAxes(key: string, axes: FrameAxes, box: FrameBox = this.layout()): void {
    const root = this.host.renderRoot;
    const groups = ['.axis-x', '.axis-y', '.axis-y2', '.grid'].map((c) => root.querySelector(c));
    const drawn = this.axesDrawn;
    if (drawn?.key === key && groups.every((g, i) => g === drawn.groups[i])) return;
    const [axisX, axisY, axisY2, grid] = groups as (SVGGElement | null)[];
    if (axisX) renderAxis(axisX, 'bottom', axes.x, box.innerWidth, axes.xFormat);
    if (axisY) renderAxis(axisY, 'left', axes.y, box.innerHeight);
    if (axisY2 && axes.y2) renderAxis(axisY2, 'right', axes.y2, box.innerHeight);
    if (grid) renderGrid(grid, axes.y as YScale, box.innerWidth, box.innerHeight);
    this.axesDrawn = { key, groups };
  }
}

/** The toolbar's "Log scale" toggle (`part="log-toggle"`, aria-pressed). */
export function logToggle(log: boolean, onToggle: () => void): TemplateResult {
  return html`<button
    part="log-toggle"
    type="button"
    aria-pressed=${log ? 'true' : 'false'}
    @click=${onToggle}
  >
    Log scale
  </button>`;
}

/**
 * The frame's layout: the plot box (its height from `--_plot-height`, which each element
 * sets from its own public custom property), the SVG over it, the read-out cursor and text.
 */
export const plotFrameStyles = css`
  .plot {
    position: relative;
    height: var(--_plot-height, 14rem);
    min-height: 8rem;
  }
  .plot svg {
    position: absolute;
    inset: 0;
    display: block;
    overflow: visible;
  }
  .cursor {
    stroke: var(--_muted);
    stroke-width: 1px;
  }
  .cursor-dot {
    stroke: var(--_surface);
    stroke-width: 2px;
  }
  .cursor-area {
    position: absolute;
    cursor: crosshair;
    border-radius: 2px;
    touch-action: none;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    padding: 0;
    list-style: none;
  }
  /* A legend's line sample: each plot gives it its border-top (colour, width, dash). */
  .swatch {
    display: inline-block;
    width: 1.25rem;
    height: 0;
    margin-right: 0.35rem;
    vertical-align: middle;
  }
  .readout {
    min-height: 1.25rem;
    margin: 0.25rem 0 0;
    font-variant-numeric: tabular-nums;
  }
`;
