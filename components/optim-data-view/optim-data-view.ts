import { html } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { DatasetView, GridPrediction } from '../../src/protocol/api';
import { drawDataView, readColors } from './draw';
import { dataViewStyles } from './optim-data-view.styles';
import { OptimElement } from '../shared/optim-element';

/** Backing-store size: sharp at 9rem on a 2x screen. */
const CANVAS_PIXELS = 288;

/**
 * The data of an experiment over the input plane, coloured by class, on top of a model's
 * predictions: the decision boundary is where the colours meet. Filled dots are training
 * points, rings are validation points. For 1-D regression (sine) it draws the points and
 * the predicted curve.
 *
 * @summary A decision-boundary picture: a model's predictions with the data on top.
 *
 * @csspart figure - The figure around picture and caption.
 * @csspart canvas - The picture (role="img").
 * @csspart caption - The caption.
 *
 * @cssproperty [--data-view-size=9rem] - Width and height of the picture.
 * @cssproperty [--data-view-negative=var(--optim-lab-series-2)] - Class 0 (dark: series 5).
 * @cssproperty [--data-view-positive=var(--optim-lab-series-1)] - Class 1 (dark: series 6).
 *
 * @tag optim-data-view
 */
export class OptimDataView extends OptimElement {
  static override styles = dataViewStyles;

  /** The points to draw (from the trainer's getDataset()). */
  @property({ attribute: false }) data?: DatasetView;
  /** The model's predictions (from the trainer's predictGrid()). */
  @property({ attribute: false }) grid?: GridPrediction;
  /** Caption under the picture, also the start of its accessible name. */
  @property() caption = '';
  /** Extra words for the accessible name, e.g. the accuracy. */
  @property() description = '';

  @query('canvas') private canvas?: HTMLCanvasElement;
  private readonly colorScheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly redraw = () => this.draw();

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme.addEventListener('change', this.redraw);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme.removeEventListener('change', this.redraw);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('data') || changed.has('grid')) this.draw();
  }

  private draw(): void {
    const canvas = this.canvas;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // A fixed backing size (CSS scales it): reading the layout here would force a reflow
    // on every redraw, and these pictures redraw while the lab trains.
    if (canvas.width !== CANVAS_PIXELS) {
      canvas.width = CANVAS_PIXELS;
      canvas.height = CANVAS_PIXELS;
    }
    const frame = {
      width: CANVAS_PIXELS,
      height: CANVAS_PIXELS,
      xRange: this.grid?.xRange ?? this.data?.xRange ?? ([-1, 1] as const),
      yRange: this.grid?.yRange ?? this.data?.yRange ?? ([-1, 1] as const),
    };
    drawDataView(ctx, frame, this.data, this.grid, readColors(getComputedStyle(this), ctx));
  }

  override render(): TemplateResult {
    const what = this.data
      ? this.data.task === 'binary'
        ? `${this.data.type} data: predicted class over the plane, training points as dots`
        : `${this.data.type} data and the model's predictions`
      : 'no data yet';
    const label = [this.caption, what, this.description].filter(Boolean).join('. ');
    return html`<figure part="figure">
      <canvas part="canvas" role="img" aria-label=${label}></canvas>
      <figcaption part="caption">${this.caption}</figcaption>
    </figure>`;
  }
}
