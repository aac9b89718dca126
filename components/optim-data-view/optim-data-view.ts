import { html } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { MAX_CUSTOM_POINTS } from '../../src/protocol/custom-points';
import type { DatasetView, GridPrediction, TaskKind } from '../../src/protocol/api';
import { drawDataView, drawPrediction, readColors } from './draw';
import { dataViewStyles } from './optim-data-view.styles';
import { PointEditor } from './point-editor';
import { DEFAULT_EDIT_PLANE } from './point-editing';
import type { EditPoint, Plane } from './point-editing';
import { OptimElement } from '../shared/optim-element';

/** Backing-store size: sharp at 9rem on a 2x screen. */
const CANVAS_PIXELS = 288;

/**
 * The data of an experiment over the input plane, coloured by class, on top of a model's
 * predictions: the decision boundary is where the colours meet. Filled dots are training
 * points, rings are validation points. For 1-D regression (sine) it draws the points and
 * the predicted curve.
 *
 * With `editable` it is a point editor: `points` (custom-dataset points, `[x1, x2, label]`
 * or `[x, y]`) drawn over `grid` in `plane`; click or tap adds a point of the chosen class
 * (drag to place it), drag moves one, and the keyboard does all of it (see the hint it
 * shows). Each finished edit fires `change` with the new list on `points`; a drag fires
 * `input` as it goes. At most `maxPoints` points.
 *
 * @summary A decision-boundary picture: a model's predictions with the data on top.
 *
 * @fires input - While a point is dragged (editable): the list so far is on `points`.
 * @fires change - An edit is done (editable): the new list is on `points`.
 *
 * @csspart figure - The figure around picture and caption.
 * @csspart canvas - The picture (role="img"; in edit mode the predictions behind the points).
 * @csspart caption - The caption.
 * @csspart class-toggle - Edit mode: the class new points get.
 * @csspart plane - Edit mode: the box holding the picture and the points.
 * @csspart points - Edit mode: the points (SVG, each point a focusable button).
 * @csspart keys - Edit mode: the keyboard hint.
 * @csspart delete-point - Edit mode: deletes the selected point.
 * @csspart edit-status - Edit mode: the last edit in words (a polite live region).
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

  /** Edit mode: points are added, moved and deleted by pointer and keyboard. */
  @property({ type: Boolean, reflect: true }) editable = false;
  /** Edit mode: the points, `[x1, x2, label]` (two classes) or `[x, y]` (regression). */
  @property({ attribute: false }) points: readonly EditPoint[] = [];
  /** Edit mode: 'binary' (two classes) or 'regression' (y over x). */
  @property() task: TaskKind = 'binary';
  /** Edit mode: the part of the plane shown (default [-1.2, 1.2] both ways). */
  @property({ attribute: false }) plane?: Plane;
  /** Edit mode: the class a new point gets (also the class toggle). */
  @property({ type: Number, attribute: 'point-class' }) pointClass: 0 | 1 = 1;
  /** Edit mode: the most points the editor takes. */
  @property({ type: Number, attribute: 'max-points' }) maxPoints = MAX_CUSTOM_POINTS;

  @query('canvas') private canvas?: HTMLCanvasElement;
  private readonly editor = new PointEditor(this);
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

  /** The plane edit mode shows. */
  get editPlane(): Plane {
    return this.plane ?? DEFAULT_EDIT_PLANE;
  }

  /** The index of the point that holds the editor's focus, if one does. */
  get selectedPoint(): number | undefined {
    return this.editor.selected;
  }

  /** For the editor (point-editor.ts): sets the points and tells the page. */
  apply(points: readonly EditPoint[], event: 'input' | 'change'): void {
    this.points = points;
    this.emitValueEvent(event);
  }

  setPointClass(label: 0 | 1): void {
    this.pointClass = label;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const drawn = ['data', 'grid', 'editable', 'plane', 'task'] as const;
    if (drawn.some((name) => changed.has(name))) this.draw();
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
    const colors = readColors(getComputedStyle(this), ctx);
    if (this.editable) {
      // The points are SVG marks above; the canvas shows the predictions behind them.
      const frame = { width: CANVAS_PIXELS, height: CANVAS_PIXELS, ...this.editPlane };
      ctx.clearRect(0, 0, frame.width, frame.height);
      if (this.grid) drawPrediction(ctx, frame, this.grid, colors, this.task === 'regression');
      return;
    }
    const frame = {
      width: CANVAS_PIXELS,
      height: CANVAS_PIXELS,
      xRange: this.grid?.xRange ?? this.data?.xRange ?? ([-1, 1] as const),
      yRange: this.grid?.yRange ?? this.data?.yRange ?? ([-1, 1] as const),
    };
    drawDataView(ctx, frame, this.data, this.grid, colors);
  }

  override render(): TemplateResult {
    if (this.editable) {
      return html`<figure part="figure" class="editing">
        ${this.editor.render(this.caption)}
        ${this.caption ? html`<figcaption part="caption">${this.caption}</figcaption>` : ''}
      </figure>`;
    }
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
