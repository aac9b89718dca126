import { html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ScaleLinear } from 'd3-scale';
import { SERIES_LIGHT } from '../plot/colors';
import { cursorMove } from '../plot/cursor-keys';
import { PlotFrame, plotFrameStyles } from '../plot/plot-frame';
import { Extent, roomyEnd, xScale, yScale } from '../plot/scales';
import type { YScale } from '../plot/scales';
import { plotTheme } from '../plot/theme.styles';
import { cssProperties } from '../shared/css-properties';
import { OptimElement } from '../shared/optim-element';
import { drawRuns } from './draw';
import { lossPlotStyles } from './loss-plot.styles';
import { readoutText, summaryText } from './loss-text';
import { lossToolbar } from './loss-toolbar';
import { RunSeries } from './run-series';
import type { EvalChunk, LossChunk, RunHistory, RunSpec, XAxis } from './run-series';

const PALETTE_SIZE = SERIES_LIGHT.length;
/**
 * @summary Streaming training loss for several runs: raw loss plus TensorBoard-style
 * smoothing, validation loss (dashed), a run's SWA average's validation loss (dotted), a
 * legend, log-scale y and x as step or epoch.
 *
 * Lines are drawn on a canvas (devicePixelRatio aware) from per-pixel-column buckets that
 * grow with each append, and all appends within a frame share one redraw, which repaints
 * only the columns that changed (a new scale, size, smoothing or colour repaints all), so
 * 8 runs x 20,000 points stay smooth. Axes are SVG. Hover the plot, or focus it and use the arrow
 * keys, for a read-out of the nearest point of every run.
 *
 * @fires loss-plot-change - The user changed smoothing, log scale or the x axis; `detail`
 * holds `{ smoothing, log, xAxis }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart toolbar - The row of controls.
 * @csspart smoothing - The smoothing slider (`input type=range`).
 * @csspart log-toggle - The log-scale toggle button.
 * @csspart x-axis-select - The step/epoch select.
 * @csspart plot - The box holding the image and the cursor area.
 * @csspart image - Canvas and axes together (role="img", aria-label = the summary).
 * @csspart canvas - The canvas the lines are drawn on.
 * @csspart cursor - The read-out cursor line.
 * @csspart cursor-area - The focusable area (role="slider") that moves the cursor.
 * @csspart legend - The legend list.
 * @csspart legend-item - One run in the legend (and one for each run's SWA average).
 * @csspart readout - The live read-out text.
 * @csspart summary - The visually hidden text summary.
 *
 * @cssproperty [--loss-plot-height=16rem] - Height of the plot area.
 * @cssproperty [--loss-plot-color-1=var(--optim-lab-series-1)] - Colour of run 1, up to
 *   --loss-plot-color-16 (the theme's series colours, lighter on dark backgrounds).
 *
 * @tag loss-plot
 */
export class LossPlot extends OptimElement {
  static override styles = [plotTheme, plotFrameStyles, lossPlotStyles];

  /** TensorBoard smoothing weight, 0 (off) to 0.99. */
  @property({ type: Number, reflect: true }) smoothing = 0.6;

  /** Log-scale y axis. */
  @property({ type: Boolean, reflect: true }) log = false;

  /** What the x axis counts: optimizer steps or (fractional) epochs. */
  @property({ attribute: 'x-axis', reflect: true }) xAxis: XAxis = 'step';

  /**
   * Steps the training will run, when known: the x axis then spans them from the start
   * instead of growing with the data, so streaming never repaints the whole canvas.
   */
  @property({ type: Number, attribute: 'total-steps' }) totalSteps?: number;

  /** Epochs the training will run, when known: the same for the epoch axis. */
  @property({ type: Number, attribute: 'total-epochs' }) totalEpochs?: number;

  @state() private runSpecs: readonly RunSpec[] = [];
  /** Ids of the runs whose SWA average has points: each gets a legend entry. */
  @state() private averagedRuns: ReadonlySet<string> = new Set();
  @state() private summary = 'No runs yet.';
  @state() private cursorX?: number;

  @query('canvas') private canvas?: HTMLCanvasElement;

  private runs: RunSeries[] = [];
  private pendingFrame = 0;
  private draws = 0;
  /** Set when the next redraw must repaint every column (not just the newest ones). */
  private fullRedraw = true;
  private colors: string[] = [];
  private scales?: { x: ScaleLinear<number, number>; y: YScale; key: string };
  private readonly frame = new PlotFrame(this, {
    margin: { top: 10, right: 16, bottom: 30, left: 58 },
    fallback: { width: 600, height: 256 },
  });
  private readonly colorScheme = matchMedia('(prefers-color-scheme: dark)');

  /** How many times the canvas has been redrawn: appends within one frame share one redraw. */
  get drawCount(): number {
    return this.draws;
  }

  /** The runs shown, in legend order. Runs whose id stays keep their data. */
  setRuns(specs: readonly RunSpec[]): void {
    const byId = new Map(this.runs.map((r) => [r.spec.id, r]));
    this.runs = specs.map((spec) => {
      const run = byId.get(spec.id);
      if (run) {
        run.spec = { ...spec };
        return run;
      }
      return new RunSeries({ ...spec }, this.smoothing);
    });
    this.runSpecs = this.runs.map((r) => r.spec);
    this.colors = [];
    this.redrawAll();
  }

  /**
   * Stream training points into a run (created on first use with its id as label).
   * Named appendLoss, not append, so that the DOM's Element.append keeps working.
   */
  appendLoss(runId: string, chunk: LossChunk): void {
    this.run(runId).append(chunk);
    this.scheduleDraw();
  }

  /** Stream validation points into a run; drawn dashed with markers. */
  appendEval(runId: string, chunk: EvalChunk): void {
    this.run(runId).appendEval(chunk);
    // Validation lines are dashed from their start: redraw them whole (once per eval).
    this.redrawAll();
  }

  /**
   * Stream a run's SWA average's validation points into it (AveragedModel's evaluations);
   * drawn dotted with square markers, in the run's colour, with a legend entry of its own.
   */
  appendSwaEval(runId: string, chunk: EvalChunk): void {
    this.run(runId).appendSwaEval(chunk);
    if (chunk.steps.length > 0 && !this.averagedRuns.has(runId)) {
      this.averagedRuns = new Set([...this.averagedRuns, runId]);
    }
    this.redrawAll();
  }

  /** Every run's points, copied, in legend order: to keep them, or to draw them elsewhere. */
  history(): RunHistory[] {
    return this.runs.map((run) => run.history());
  }

  /** Drop every point, keep the runs. */
  clear(): void {
    this.averagedRuns = new Set();
    for (const run of this.runs) run.clear();
    this.cursorX = undefined;
    this.redrawAll();
  }

  private run(id: string): RunSeries {
    let run = this.runs.find((r) => r.spec.id === id);
    if (!run) {
      run = new RunSeries({ id, label: id }, this.smoothing);
      this.runs = [...this.runs, run];
      this.runSpecs = this.runs.map((r) => r.spec);
      this.colors = [];
      this.fullRedraw = true;
    }
    return run;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme.addEventListener('change', this.onColorScheme);
    if (this.runs.length) this.scheduleDraw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme.removeEventListener('change', this.onColorScheme);
    if (this.pendingFrame) cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
  }

  private onColorScheme = (): void => {
    this.colors = [];
    this.redrawAll();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('smoothing')) {
      const s = Number.isFinite(this.smoothing) ? Math.min(0.99, Math.max(0, this.smoothing)) : 0;
      if (s !== this.smoothing) this.smoothing = s;
      for (const run of this.runs) run.resmooth(s);
    }
    if (changed.has('xAxis') && this.xAxis !== 'epoch' && this.xAxis !== 'step')
      this.xAxis = 'step';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const axisInputs = ['smoothing', 'log', 'xAxis', 'totalSteps', 'totalEpochs'] as const;
    if (axisInputs.some((name) => changed.has(name)) || !this.scales) {
      this.redrawAll();
    }
    // A resize re-renders without changing a property: redraw when the canvas size is stale.
    const canvas = this.canvas;
    if (canvas && canvas.width !== Math.round(this.frame.layout().width * devicePixelRatio)) {
      this.redrawAll();
    }
  }

  private redrawAll(): void {
    this.fullRedraw = true;
    this.scheduleDraw();
  }

  /** Coalesce: however many appends arrive before the next frame, draw once. */
  private scheduleDraw(): void {
    if (this.pendingFrame || !this.isConnected) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.draw();
    });
  }

  private resolveColors(): string[] {
    if (this.colors.length === this.runs.length) return this.colors;
    const style = getComputedStyle(this);
    this.colors = this.runs.map(
      (run, i) =>
        run.spec.color ??
        (style.getPropertyValue(`--loss-plot-color-${(i % PALETTE_SIZE) + 1}`).trim() ||
          SERIES_LIGHT[i % PALETTE_SIZE]),
    );
    return this.colors;
  }

  private computeScales() {
    const { innerWidth, innerHeight } = this.frame.layout();
    const axis = this.xAxis;
    let maxX = 0;
    const yExtent = new Extent();
    for (const run of this.runs) {
      if (!run.drawable(axis)) continue;
      const runMax = run.maxX(axis);
      if (Number.isFinite(runMax)) maxX = Math.max(maxX, runMax);
      // Union of the runs' extents: their min, max and smallest positive value suffice.
      const e = run.lossExtent;
      if (!e.empty) for (const v of [e.min, e.max, e.minPositive]) yExtent.add(v);
    }
    const total = axis === 'epoch' ? this.totalEpochs : this.totalSteps;
    if (typeof total === 'number' && Number.isFinite(total)) maxX = Math.max(maxX, total);
    const x1 = roomyEnd(maxX);
    const x = xScale(0, x1, [0, innerWidth]);
    const y = yScale(yExtent, this.log, [innerHeight, 0]);
    const key = `${x.domain().join()}|${y.domain().join()}|${innerWidth}x${innerHeight}|${this.log}`;
    return { x, y, key };
  }

  private draw(): void {
    const canvas = this.canvas;
    // A CPU-rastered canvas: thousands of short segments per frame rasterise faster in
    // software than through a GPU path tessellator, and far faster where the "GPU" is
    // itself emulated (SwiftShader: 52 s vs 7.6 s for 8 x 20,000 streamed points here).
    const ctx = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !ctx) return;
    const box = this.frame.layout();
    const { width, height, innerWidth, innerHeight, margin } = box;
    const dpr = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(width * dpr);
    const pixelHeight = Math.round(height * dpr);
    let full = this.fullRedraw;
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
      full = true;
    }
    const scales = this.computeScales();
    // New colours or new scales move every pixel; otherwise only the newest columns changed.
    if (this.colors.length !== this.runs.length || scales.key !== this.scales?.key) full = true;
    const colors = this.resolveColors();
    const drawn = drawRuns(
      {
        ctx,
        width,
        height,
        left: margin.left,
        top: margin.top,
        innerWidth,
        innerHeight,
        dpr,
        x: scales.x,
        y: scales.y,
        log: this.log,
        axis: this.xAxis,
        smoothing: this.smoothing,
      },
      this.runs,
      colors,
      full,
    );
    this.fullRedraw = false;
    if (drawn) this.draws++;
    // Axes are SVG DOM: the frame touches them only when a domain or the size changed.
    this.frame.drawAxes(scales.key, scales, box);
    this.scales = scales;
    this.summary = summaryText(this.runs);
    if (this.cursorX !== undefined) this.requestUpdate();
  }

  protected override render() {
    const box = this.frame.layout();
    const { width, height } = box;
    const x = this.scales?.x;
    const cursorPx = x && this.cursorX !== undefined ? x(this.cursorX) : undefined;
    const anyEpochs = this.runs.some((r) => r.length && r.hasEpochs);
    const xMax = x ? x.domain()[1] : 0;
    return html`
      <div part="base" class="base">
        ${lossToolbar({
          smoothing: this.smoothing,
          log: this.log,
          xAxis: this.xAxis,
          epochs: anyEpochs,
          onSmoothing: this.onSmoothing,
          onLog: this.onLog,
          onXAxis: this.onXAxis,
        })}
        <div part="plot" class="plot">
          <div
            part="image"
            class="image"
            role="img"
            aria-label=${`Training loss. ${this.summary}`}
            aria-describedby="summary"
          >
            <canvas
              part="canvas"
              aria-hidden="true"
              ${cssProperties({ width: `${width}px`, height: `${height}px` })}
            ></canvas>
            ${this.frame.svg(box, {
              decorative: true,
              content:
                cursorPx === undefined
                  ? nothing
                  : this.frame.vline(box, cursorPx, 'cursor', 'cursor'),
            })}
          </div>
          ${this.frame.cursorArea(box, {
            label: `Read-out cursor: ${this.xAxis}`,
            min: 0,
            max: xMax,
            now: Math.round((this.cursorX ?? 0) * 1000) / 1000,
            onKeyDown: this.onKeyDown,
            onPointerMove: this.onPointerMove,
          })}
        </div>
        <ul part="legend" class="legend" aria-label="Runs">
          ${this.runSpecs.map((spec, i) => {
            const color = spec.color ?? `var(--loss-plot-color-${(i % PALETTE_SIZE) + 1})`;
            const item = (label: string, kind = '') =>
              html`<li part="legend-item">
                <span
                  class="swatch ${kind}"
                  aria-hidden="true"
                  ${cssProperties({ '--swatch': color })}
                ></span
                >${label}
              </li>`;
            return this.averagedRuns.has(spec.id)
              ? [item(spec.label), item(`${spec.label}: SWA average (validation, dotted)`, 'swa')]
              : item(spec.label);
          })}
        </ul>
        ${this.frame.captions(readoutText(this.runs, this.xAxis, this.cursorX, this.smoothing), this.summary)}
      </div>
    `;
  }

  private emitChange(): void {
    this.emit('loss-plot-change', { smoothing: this.smoothing, log: this.log, xAxis: this.xAxis });
  }

  private onSmoothing = (event: Event): void => {
    this.smoothing = Number((event.target as HTMLInputElement).value);
    this.emitChange();
  };

  private onLog = (): void => {
    this.log = !this.log;
    this.emitChange();
  };

  private onXAxis = (event: Event): void => {
    this.xAxis = (event.target as HTMLSelectElement).value === 'epoch' ? 'epoch' : 'step';
    this.cursorX = undefined;
    this.emitChange();
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    const x = this.scales?.x;
    if (!x) return;
    const [x0, x1] = x.domain();
    // One pixel column per arrow press (a whole step at least, on the step axis).
    const column = (x1 - x0) / Math.max(1, this.frame.layout().innerWidth);
    const step = this.xAxis === 'step' ? Math.max(1, Math.round(column)) : column;
    const range = { min: x0, max: x1, step, page: (x1 - x0) / 10, end: this.dataMaxX() };
    const next = cursorMove(event.key, this.cursorX ?? x0, range);
    if (next === undefined) return;
    event.preventDefault();
    this.cursorX = Math.max(x0, Math.min(x1, next));
  };

  private dataMaxX(): number {
    let max = 0;
    for (const run of this.runs) {
      const xs = run.xs(this.xAxis);
      if (run.drawable(this.xAxis) && xs.length) max = Math.max(max, xs.last);
    }
    return max;
  }

  private onPointerMove = (event: PointerEvent): void => {
    const x = this.scales?.x;
    if (x) this.cursorX = this.frame.pointerX(event, x);
  };
}
