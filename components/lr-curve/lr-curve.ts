import { html, nothing, svg } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { SchedulerConfig, ScheduleSample } from '../../src/schedule/types';
import { cursorTarget } from '../plot/cursor-keys';
import { PlotFrame, logToggle, plotFrameStyles } from '../plot/plot-frame';
import { scaleY } from '../plot/scales';
import { plotTheme } from '../plot/theme.styles';
import { jsonAttribute, readoutText, summaryText } from './curve-data';
import type { CurveResult } from './curve-data';
import { CurveMemo } from './curve-memo';
import { drawCurve } from './curve-paths';
import type { CurveDrawing } from './curve-paths';
import { OptimElement } from '../shared/optim-element';
import { lrCurveStyles } from './lr-curve.styles';

/** Extra right margin when a momentum axis is drawn there. */
const MOMENTUM_AXIS_WIDTH = 44;

/**
 * @summary A plot of the learning rate (and momentum / beta1 where the schedule cycles it)
 * over the training horizon, computed on the main thread from a scheduler config.
 *
 * The plot has a read-out cursor: hover it, or focus it and use the arrow keys (Home/End,
 * PageUp/PageDown jump by 10 %) to hear "step 120: lr 0.00314".
 *
 * Training moves `currentStep` many times a second: that moves the marker element alone
 * (its x1/x2), without a re-render. The schedule is sampled only when its inputs change
 * (compared by value), and the paths and axes are rebuilt only when the sample, the
 * log toggle or the size change.
 *
 * @fires lr-curve-log-change - The log-scale toggle was pressed; `detail.log` is the new state.
 *
 * @csspart base - The wrapper around everything.
 * @csspart toolbar - The row holding the legend and the log-scale toggle.
 * @csspart legend - The legend list.
 * @csspart log-toggle - The log-scale toggle button.
 * @csspart plot - The box holding the SVG.
 * @csspart svg - The SVG image (role="img").
 * @csspart lr-line - The learning-rate path.
 * @csspart momentum-line - The momentum / beta1 path.
 * @csspart current-step - The marker of the current training step.
 * @csspart cursor - The read-out cursor line.
 * @csspart cursor-area - The focusable area (role="slider") that moves the cursor.
 * @csspart note - A remark about the preview (e.g. ReduceLROnPlateau without metrics).
 * @csspart readout - The live read-out text.
 * @csspart summary - The visually hidden text summary.
 * @csspart error - The inline message shown instead of the plot for invalid input.
 *
 * @cssproperty [--lr-curve-height=14rem] - Height of the plot area.
 * @cssproperty [--lr-curve-color=var(--optim-lab-series-1)] - Colour of the lr line.
 * @cssproperty [--lr-curve-momentum-color=var(--optim-lab-series-2)] - Colour of the momentum line.
 * @cssproperty [--lr-curve-marker-color=var(--optim-lab-ink)] - Colour of the current-step marker.
 * @cssproperty [--lr-curve-line-width=2px] - Stroke width of the lines.
 *
 * @tag lr-curve
 */
export class LrCurve extends OptimElement {
  static override styles = [plotTheme, plotFrameStyles, lrCurveStyles];

  /** The scheduler config to preview (attribute: JSON). No schedule means a constant lr. */
  @property({ converter: jsonAttribute('schedule') }) schedule?: SchedulerConfig;

  /** The optimizer's initial learning rate. */
  @property({ type: Number, attribute: 'base-lr' }) baseLr = 0.1;

  /** Training horizon in optimizer steps. */
  @property({ type: Number }) steps = 100;

  /** Metric per step, fed to ReduceLROnPlateau for its preview. */
  @property({ attribute: false }) metrics?: readonly number[];

  /** Initial momentum (or beta1) for schedules that cycle it. */
  @property({ type: Number, attribute: 'base-momentum' }) baseMomentum?: number;

  /** Word used for the second series: "momentum" or "beta1". */
  @property({ attribute: 'momentum-label' }) momentumLabel = 'momentum';

  /**
   * Draws a marker at this step while training; unset hides it. Setting it only moves the
   * marker (no re-render) unless the marker appears or disappears.
   */
  @property({ type: Number, attribute: 'current-step', noAccessor: true })
  get currentStep(): number | undefined {
    return this.step;
  }
  set currentStep(value: number | undefined) {
    const old = this.step;
    if (Object.is(value, old)) return;
    this.step = value;
    if (this.hasUpdated && !this.isUpdatePending && this.showsStep(old) === this.showsStep(value)) {
      this.placeMarker();
    } else {
      this.requestUpdate('currentStep', old);
    }
  }

  /** Log-scale y axis. */
  @property({ type: Boolean, reflect: true }) log = false;

  /** A run's actual lr history; when set it is drawn instead of the sampled schedule. */
  @property({ attribute: false }) values?: ScheduleSample;

  /** The step the read-out cursor is on, or undefined before any hover/keyboard use. */
  @state() cursor?: number;

  @query('.current-step') private marker?: SVGLineElement;

  private step?: number;
  private curve: CurveResult = { ok: false, message: '' };
  private readonly memo = new CurveMemo();
  private drawing?: CurveDrawing & { key: string; summary: string };
  private draws = 0;
  private readonly frame = new PlotFrame(this, {
    margin: { top: 10, right: 14, bottom: 30, left: 58 },
  });

  /** How many times the paths were built (a sample, log toggle or size change), for tests. */
  get drawCount(): number {
    return this.draws;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['schedule', 'baseLr', 'steps', 'metrics', 'baseMomentum', 'values'] as const;
    if (inputs.some((name) => changed.has(name)) || !this.hasUpdated) {
      this.curve = this.memo.get({
        schedule: this.schedule,
        baseLr: this.baseLr,
        steps: this.steps,
        metrics: this.metrics,
        baseMomentum: this.baseMomentum,
        values: this.values,
      });
      if (this.curve.ok && this.cursor !== undefined) {
        this.cursor = Math.min(this.cursor, this.curve.sample.lr.length - 1);
      }
    }
    this.updateDrawing();
  }

  /** Rebuild paths, scales and summary only when what they depend on changed. */
  private updateDrawing(): void {
    if (!this.curve.ok) {
      this.drawing = undefined;
      return;
    }
    const { innerWidth, innerHeight } = this.layout;
    const key = [
      this.memo.computeCount,
      this.log,
      innerWidth,
      innerHeight,
      this.scheduleName,
      this.momentumLabel,
    ].join('|');
    if (this.drawing?.key === key) return;
    const sample = this.curve.sample;
    this.drawing = {
      ...drawCurve(sample, this.log, innerWidth, innerHeight),
      key,
      summary: summaryText(sample, this.scheduleName, this.momentumLabel),
    };
    this.draws++;
  }

  private get layout() {
    const hasMomentum = this.curve.ok && !!this.curve.sample.momentum?.length;
    return this.frame.layout(hasMomentum ? MOMENTUM_AXIS_WIDTH : 0);
  }

  /** Whether a marker is drawn for this step on the current curve. */
  private showsStep(step: number | undefined): boolean {
    return (
      this.curve.ok &&
      typeof step === 'number' &&
      Number.isFinite(step) &&
      step >= 0 &&
      step < this.curve.sample.lr.length
    );
  }

  /** Move the marker element to the current step: two attribute writes, nothing else. */
  private placeMarker(): void {
    const marker = this.marker;
    const step = this.step;
    if (!marker || !this.drawing || step === undefined) return;
    const px = String(this.drawing.x(step));
    if (marker.getAttribute('x1') === px) return;
    marker.setAttribute('x1', px);
    marker.setAttribute('x2', px);
  }

  protected override render() {
    return html`
      <div part="base" class="base">
        <div part="toolbar" class="toolbar">
          ${this.renderLegend()} ${logToggle(this.log, this.toggleLog)}
        </div>
        ${
          this.curve.ok && this.drawing
            ? this.renderPlot(this.curve.sample, this.drawing)
            : html`<p part="error" class="error" role="alert">
                ${this.curve.ok ? '' : this.curve.message}
              </p>`
        }
      </div>
    `;
  }

  private renderLegend() {
    if (!this.curve.ok) return nothing;
    return html`<ul part="legend" class="legend" aria-label="Legend">
      <li><span class="swatch" aria-hidden="true"></span>learning rate</li>
      ${
        this.curve.sample.momentum?.length
          ? html`<li>
              <span class="swatch momentum" aria-hidden="true"></span>${this.momentumLabel}
            </li>`
          : nothing
      }
    </ul>`;
  }

  private renderPlot(sample: ScheduleSample, drawing: CurveDrawing & { summary: string }) {
    const box = this.layout;
    const { x, y, y2, lrPath, momentumPath } = drawing;
    const n = sample.lr.length;
    const cursor = this.cursor;
    const readout = cursor === undefined ? '' : readoutText(sample, cursor, this.momentumLabel);
    const content = svg`
      ${
        momentumPath !== undefined
          ? svg`<path part="momentum-line" class="momentum-line" d=${momentumPath}></path>`
          : nothing
      }
      <path part="lr-line" class="lr-line" d=${lrPath}></path>
      ${
        // x1/x2 are not bound here: placeMarker() owns them, so a step change can move
        // the marker without Lit (whose last committed value would then be stale).
        this.showsStep(this.step)
          ? svg`<line part="current-step" class="current-step" y1="0" y2=${box.innerHeight}></line>`
          : nothing
      }
      ${
        cursor !== undefined
          ? svg`${this.frame.vline(box, x(cursor), 'cursor', 'cursor')}
            <circle class="cursor-dot" r="4" cx=${x(cursor)}
              cy=${scaleY(y, this.log, sample.lr[cursor])}></circle>`
          : nothing
      }`;
    return html`
      <div part="plot" class="plot">
        ${this.frame.svg(box, {
          label: `Learning-rate curve, ${this.scheduleName}, ${n} steps`,
          content,
          rightAxis: !!y2,
        })}
        ${this.frame.cursorArea(box, {
          label: 'Read-out cursor: step',
          min: 0,
          max: n - 1,
          now: cursor ?? 0,
          text: readout || `step ${cursor ?? 0}`,
          onKeyDown: this.onKeyDown,
          onFocus: this.onFocus,
          onPointerMove: this.onPointerMove,
        })}
      </div>
      ${
        this.curve.ok && this.curve.note
          ? html`<p part="note" class="note">${this.curve.note}</p>`
          : nothing
      }
      ${this.frame.captions(readout, drawing.summary)}
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.placeMarker();
    const drawing = this.drawing;
    if (!drawing) return;
    const { x, y, y2 } = drawing;
    this.frame.drawAxes(drawing.key, { x, y, y2, xFormat: (v) => String(v) }, this.layout);
  }

  private get scheduleName(): string {
    if (this.values) return 'recorded run';
    const type = (this.schedule as { type?: unknown } | undefined)?.type;
    return typeof type === 'string' && type !== 'None' ? type : 'constant';
  }

  private get stepCount(): number {
    return this.curve.ok ? this.curve.sample.lr.length : 0;
  }

  private moveCursor(step: number): void {
    const last = this.stepCount - 1;
    if (last < 0) return;
    this.cursor = Math.max(0, Math.min(last, Math.round(step)));
  }

  private onFocus = (): void => {
    if (this.cursor === undefined) {
      const step = this.currentStep;
      this.moveCursor(step !== undefined && Number.isFinite(step) ? step : 0);
    }
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    const next = cursorTarget(event.key, this.cursor ?? 0, this.stepCount);
    if (next === undefined) return;
    event.preventDefault();
    this.moveCursor(next);
  };

  private onPointerMove = (event: PointerEvent): void => {
    const x = this.drawing?.x;
    if (x) this.moveCursor(this.frame.pointerX(event, x));
  };

  private toggleLog = (): void => {
    this.log = !this.log;
    this.emit('lr-curve-log-change', { log: this.log });
  };
}
