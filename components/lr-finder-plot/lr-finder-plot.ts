import { html, nothing, svg } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { scaleLinear, scaleLog } from 'd3-scale';
import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale';
import { line } from 'd3-shape';
import type { LrFinderResult } from '../../src/protocol/api';
import { cursorTarget } from '../plot/cursor-keys';
import { formatValue } from '../plot/format';
import { PlotFrame, plotFrameStyles } from '../plot/plot-frame';
import { plotTheme } from '../plot/theme.styles';
import { lossDomain, readoutText, roundLr, summaryText } from './finder-data';
import { curveNoise, noiseText } from './finder-noise';
import { OptimElement } from '../shared/optim-element';
import { lrFinderPlotStyles } from './lr-finder-plot.styles';

/** `lr-pick`: the reader chose this learning rate. */
export interface LrPickDetail {
  lr: number;
}

type Suggestion = 'steepest' | 'minimum' | 'valley';

/** Where each marker's label sits (above the plot, then inside it), so close ones stay legible. */
const LABEL_Y: Record<Suggestion, number> = { steepest: -4, minimum: 12, valley: 26 };

interface Scales {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLinear<number, number>;
}

/**
 * @summary The result of an LR range test: the smoothed (and, faintly, the raw) training
 * loss against the learning rate on a log axis, with markers at the three suggestions
 * (steepest descent, minimum / 10 and fastai's valley) and a button to use each. A curve too
 * noisy to read at face value says so (see finder-noise.ts for the measure).
 *
 * The plot has a read-out cursor: hover it, or focus it and use the arrow keys (Home/End,
 * PageUp/PageDown jump by 10 %) to hear "lr 0.001: loss 0.52 (smoothed 0.5)".
 *
 * @fires lr-pick - A "Use lr = …" button was pressed; `detail.lr` is that learning rate.
 *
 * @csspart base - The wrapper around everything.
 * @csspart plot - The box holding the SVG.
 * @csspart svg - The SVG image (role="img").
 * @csspart smoothed-line - The smoothed loss.
 * @csspart raw-line - The raw mini-batch loss.
 * @csspart marker-steepest - The marker at the steepest descent.
 * @csspart marker-minimum - The marker at the minimum / 10.
 * @csspart marker-valley - The marker at fastai's valley.
 * @csspart cursor-area - The focusable area (role="slider") that moves the cursor.
 * @csspart picks - The row of "Use lr = …" buttons.
 * @csspart use-steepest - The button using the steepest-descent lr.
 * @csspart use-minimum - The button using the minimum / 10 lr.
 * @csspart use-valley - The button using the valley lr.
 * @csspart noise - Says the curve is noisy (or never falls), when it is.
 * @csspart readout - The live read-out text.
 * @csspart summary - The visually hidden text summary.
 * @csspart empty - The text shown before there is a result.
 *
 * @cssproperty [--lr-finder-height=14rem] - Height of the plot area.
 * @cssproperty [--lr-finder-color=var(--optim-lab-series-1)] - Colour of the smoothed loss.
 * @cssproperty [--lr-finder-raw-color=var(--optim-lab-muted)] - Colour of the raw loss.
 * @cssproperty [--lr-finder-marker-color=var(--optim-lab-series-2)] - Colour of the suggestion markers.
 *
 * @tag lr-finder-plot
 */
export class LrFinderPlot extends OptimElement {
  static override styles = [plotTheme, plotFrameStyles, lrFinderPlotStyles];

  /** What `findLr` returned; nothing is drawn until it is set. */
  @property({ attribute: false }) result?: LrFinderResult;

  /** The index of the point the read-out cursor is on, or undefined before any use. */
  @state() cursor?: number;

  private readonly frame = new PlotFrame(this, {
    margin: { top: 18, right: 14, bottom: 30, left: 52 },
  });

  protected override willUpdate(): void {
    const n = this.result?.lr.length ?? 0;
    if (this.cursor !== undefined) this.cursor = n ? Math.min(this.cursor, n - 1) : undefined;
  }

  private scales(result: LrFinderResult): Scales {
    const { innerWidth, innerHeight } = this.frame.layout();
    const first = result.lr[0];
    const last = result.lr[result.lr.length - 1];
    // The exact ramp ends, not nice()d ones: the ramp is the experiment, and the ends anchor it.
    const x = scaleLog()
      .domain(last > first ? [first, last] : [first / 2, first * 2])
      .range([0, innerWidth]);
    const y = scaleLinear().domain(lossDomain(result)).range([innerHeight, 0]).clamp(true);
    return { x, y };
  }

  private path(result: LrFinderResult, values: Float32Array, { x, y }: Scales): string {
    return (
      line<number>()
        .defined((i) => Number.isFinite(values[i]) && result.lr[i] > 0)
        .x((i) => x(result.lr[i]))
        .y((i) => y(values[i]))(Array.from(values, (_, i) => i)) ?? ''
    );
  }

  protected override render(): TemplateResult {
    const result = this.result;
    return html`<div part="base" class="base">
      ${
        result && result.lr.length > 0
          ? this.renderResult(result)
          : html`<p part="empty" class="empty">No LR range test yet.</p>`
      }
    </div>`;
  }

  private renderMarker(lr: number | undefined, name: Suggestion, text: string, s: Scales) {
    if (lr === undefined || !Number.isFinite(lr) || !(lr > 0)) return nothing;
    const at = s.x(lr);
    return svg`${this.frame.vline(this.frame.layout(), at, `marker ${name}`, `marker-${name}`)}
      <text class="marker-label" x=${at + 4} y=${LABEL_Y[name]}>${text}</text>`;
  }

  private renderPick(lr: number | undefined, name: Suggestion, why: string) {
    if (lr === undefined || !Number.isFinite(lr) || !(lr > 0)) return nothing;
    const value = roundLr(lr);
    return html`<button
      part="use-${name}"
      type="button"
      title=${why}
      @click=${() => this.pick(value)}
    >
      Use lr = ${formatValue(value)} (${why})
    </button>`;
  }

  private renderResult(result: LrFinderResult): TemplateResult {
    const box = this.frame.layout();
    const scales = this.scales(result);
    const { x, y } = scales;
    const n = result.lr.length;
    const cursor = this.cursor;
    const readout = cursor === undefined ? '' : readoutText(result, cursor);
    const { steepest, minimumDiv10, valley } = result.suggestion;
    const noise = noiseText(curveNoise(result));
    const cursorY = cursor === undefined ? 0 : y(result.smoothedLoss[cursor]);
    const content = svg`
      <path part="raw-line" class="raw-line" d=${this.path(result, result.loss, scales)}></path>
      <path
        part="smoothed-line"
        class="smoothed-line"
        d=${this.path(result, result.smoothedLoss, scales)}
      ></path>
      ${this.renderMarker(steepest, 'steepest', 'steepest', scales)}
      ${this.renderMarker(minimumDiv10, 'minimum', 'min / 10', scales)}
      ${this.renderMarker(valley, 'valley', 'valley', scales)}
      ${
        cursor !== undefined
          ? svg`${this.frame.vline(box, x(result.lr[cursor]), 'cursor')}
            ${
              Number.isFinite(cursorY)
                ? svg`<circle class="cursor-dot" r="4" cx=${x(result.lr[cursor])}
                    cy=${cursorY}></circle>`
                : nothing
            }`
          : nothing
      }`;
    return html`
      <div part="plot" class="plot">
        ${this.frame.svg(box, {
          label: `LR range test: loss against learning rate (log scale), ${n} steps`,
          content,
        })}
        ${this.frame.cursorArea(box, {
          label: 'Read-out cursor: learning rate',
          min: 0,
          max: n - 1,
          now: cursor ?? 0,
          text: readout || readoutText(result, 0),
          onKeyDown: this.onKeyDown,
          onFocus: this.onFocus,
          onPointerMove: this.onPointerMove,
        })}
      </div>
      <p part="readout" class="readout" aria-live="polite">${readout}</p>
      <div part="picks" class="picks">
        ${this.renderPick(steepest, 'steepest', 'steepest descent')}
        ${this.renderPick(minimumDiv10, 'minimum', 'minimum / 10')}
        ${this.renderPick(valley, 'valley', 'valley')}
      </div>
      ${noise ? html`<p part="noise" class="noise">${noise}</p>` : nothing}
      <p part="summary" id="summary" class="visually-hidden">${summaryText(result)}</p>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const result = this.result;
    if (!result || result.lr.length === 0) return;
    const box = this.frame.layout();
    const { x, y } = this.scales(result);
    const key = [...x.domain(), ...y.domain(), box.innerWidth, box.innerHeight].join('|');
    this.frame.drawAxes(key, { x, y }, box);
  }

  private pick(lr: number): void {
    this.emit('lr-pick', { lr });
  }

  private get count(): number {
    return this.result?.lr.length ?? 0;
  }

  private moveCursor(index: number): void {
    const last = this.count - 1;
    if (last < 0) return;
    this.cursor = Math.max(0, Math.min(last, Math.round(index)));
  }

  private onFocus = (): void => {
    if (this.cursor === undefined) this.moveCursor(0);
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    const next = cursorTarget(event.key, this.cursor ?? 0, this.count);
    if (next === undefined) return;
    event.preventDefault();
    this.moveCursor(next);
  };

  /** The point whose lr is nearest the pointer on the log axis. */
  private onPointerMove = (event: PointerEvent): void => {
    const result = this.result;
    if (!result || result.lr.length === 0) return;
    const lr = this.frame.pointerX(event, this.scales(result).x);
    let best = 0;
    for (let i = 1; i < result.lr.length; i++) {
      if (Math.abs(Math.log(result.lr[i] / lr)) < Math.abs(Math.log(result.lr[best] / lr)))
        best = i;
    }
    this.moveCursor(best);
  };
}
