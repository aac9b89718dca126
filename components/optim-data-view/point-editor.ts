/**
 * <optim-data-view>'s edit mode: the points as focusable SVG marks over the picture, one
 * pointer gesture per edit (press on empty ground adds a point and keeps it under the
 * pointer until release, press near a point drags it), and the keyboard (a roving tabindex
 * over a cursor and the points; the keys are in point-editing.ts). Pointer events cover
 * mouse, pen and touch alike; the plane sets `touch-action: none` so a finger drags a point
 * instead of scrolling the page.
 *
 * The element owns the points; this controller changes them through `apply`, which sets
 * them and fires `input` (while a drag goes on) or `change` (an edit is complete).
 */
import { html, nothing, svg } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { TaskKind } from '../../src/protocol/api';
import {
  addPoint,
  boxAt,
  deletePoint,
  describePoint,
  describePosition,
  editorKey,
  editorKeys,
  focusTarget,
  movePoint,
  newPoint,
  planeAt,
  stepInPlane,
  toggleLabel,
} from './point-editing';
import type { EditPoint, Plane } from './point-editing';

/** What the editor reads from its element, and how it changes the points. */
export interface PointEditorHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly points: readonly EditPoint[];
  readonly task: TaskKind;
  readonly editPlane: Plane;
  readonly pointClass: 0 | 1;
  readonly maxPoints: number;
  /** Sets the points and fires `input` (a drag in progress) or `change`. */
  apply(points: readonly EditPoint[], event: 'input' | 'change'): void;
  setPointClass(label: 0 | 1): void;
}

/** The SVG's user units per side: the plane is drawn in a 100 x 100 box. */
const BOX = 100;
/** A press this close to a point (CSS px) takes the point: a fingertip's reach. */
const HIT_PX = 14;

interface Drag {
  pointerId: number;
  index: number;
  /** The gesture added the point (so it is a change even if the pointer never moves). */
  added: boolean;
  moved: boolean;
}

export class PointEditor implements ReactiveController {
  /** The item with the roving tab stop: -1 the cursor, 0.. a point. */
  private active = -1;
  private cursor: [number, number] = [0, 0];
  private drag: Drag | undefined;
  private focusAfterRender = false;
  /** The last edit in words, for the polite status line. */
  private said = '';

  constructor(private readonly host: PointEditorHost) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.active >= this.host.points.length) this.active = this.host.points.length - 1;
    if (!this.focusAfterRender) return;
    this.focusAfterRender = false;
    this.itemElement(this.active)?.focus();
  }

  /** The index of the point that holds the tab stop, if a point does. */
  get selected(): number | undefined {
    return this.active >= 0 && this.active < this.host.points.length ? this.active : undefined;
  }

  /** The last edit, as announced. */
  get announcement(): string {
    return this.said;
  }

  render(caption: string): TemplateResult {
    const { points, task, editPlane: plane } = this.host;
    const binary = task === 'binary';
    const ones = points.filter((p) => p[2] === 1).length;
    const counts = binary
      ? `${points.length} points: ${ones} of class 1, ${points.length - ones} of class 0`
      : `${points.length} points`;
    const label = [caption, `Data editor, ${counts}`].filter(Boolean).join('. ');
    return html`
      ${binary ? this.classToggle() : nothing}
      <div class="plane" part="plane">
        <canvas part="canvas" aria-hidden="true"></canvas>
        <svg
          part="points"
          viewBox="0 0 ${BOX} ${BOX}"
          preserveAspectRatio="none"
          role="group"
          tabindex="-1"
          aria-label=${label}
          aria-describedby="editor-keys"
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
          @lostpointercapture=${this.onPointerUp}
          @keydown=${this.onKeyDown}
          @focusin=${this.onFocusIn}
        >
          ${points.map((point, index) => this.pointMark(point, index, plane))}
          ${this.cursorMark(plane)}
        </svg>
      </div>
      <p class="hint" id="editor-keys" part="keys">${editorKeys(task)}</p>
      <div class="edit-actions">
        <button
          type="button"
          part="delete-point"
          ?disabled=${this.selected === undefined}
          @click=${() => this.deleteSelected()}
        >
          Delete point
        </button>
        <span class="said" part="edit-status" role="status">${this.said}</span>
      </div>
    `;
  }

  private classToggle(): TemplateResult {
    const current = this.host.pointClass;
    const option = (label: 0 | 1) =>
      html`<label class="class-option">
        <input
          type="radio"
          name="point-class"
          value=${label}
          .checked=${current === label}
          @change=${() => this.host.setPointClass(label)}
        />
        <span class="swatch class-${label}" aria-hidden="true"></span>
        Class ${label}
      </label>`;
    return html`<fieldset class="class-toggle" part="class-toggle">
      <legend>New points</legend>
      ${option(0)} ${option(1)}
    </fieldset>`;
  }

  private pointMark(point: EditPoint, index: number, plane: Plane) {
    const [fx, fy] = boxAt(plane, point[0], point[1]);
    const kind = this.host.task === 'binary' ? `class-${point[2]}` : 'target';
    return svg`<circle
      class="point ${kind} ${index === this.active ? 'active' : ''}"
      data-item=${index}
      cx=${fx * BOX}
      cy=${fy * BOX}
      r="1.8"
      role="button"
      tabindex=${index === this.active ? 0 : -1}
      aria-label=${describePoint(this.host.points, index, this.host.task)}
    ></circle>`;
  }

  private cursorMark(plane: Plane) {
    const [x, y] = this.cursor;
    const [fx, fy] = boxAt(plane, x, y);
    const { task, pointClass } = this.host;
    const where = describePosition(task, x, y);
    const what = task === 'binary' ? `a point of class ${pointClass}` : 'a point';
    const cx = fx * BOX;
    const cy = fy * BOX;
    return svg`<g class="cursor" aria-hidden="true">
        <line x1=${cx - 4} y1=${cy} x2=${cx + 4} y2=${cy}></line>
        <line x1=${cx} y1=${cy - 4} x2=${cx} y2=${cy + 4}></line>
      </g>
      <circle
        class="cursor-target"
        data-item="-1"
        cx=${cx}
        cy=${cy}
        r="3"
        role="button"
        tabindex=${this.active === -1 ? 0 : -1}
        aria-label="Cursor at ${where}: Enter adds ${what} here"
      ></circle>`;
  }

  // ---- pointer ---------------------------------------------------------------------------

  private readonly onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0 || this.drag) return;
    const svgEl = event.currentTarget as SVGSVGElement;
    const [fx, fy] = this.fractions(svgEl, event);
    const { points, editPlane: plane } = this.host;
    const hit = this.nearest(svgEl, fx, fy);
    let index: number;
    let added = false;
    if (hit !== undefined) index = hit;
    else {
      const [x, y] = planeAt(plane, fx, fy);
      const grown = addPoint(
        points,
        newPoint(this.host.task, x, y, this.host.pointClass),
        this.host.maxPoints,
      );
      if (!grown) {
        this.say(this.fullMessage());
        return;
      }
      index = grown.length - 1;
      added = true;
      this.host.apply(grown, 'input');
    }
    event.preventDefault();
    svgEl.setPointerCapture(event.pointerId);
    this.drag = { pointerId: event.pointerId, index, added, moved: false };
    this.active = index;
    this.focusAfterRender = true;
    this.host.requestUpdate();
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    const [fx, fy] = this.fractions(event.currentTarget as SVGSVGElement, event);
    const [x, y] = planeAt(this.host.editPlane, fx, fy);
    const point = this.host.points[drag.index];
    if (!point || (point[0] === x && point[1] === y)) return;
    drag.moved = true;
    this.host.apply(movePoint(this.host.points, drag.index, x, y), 'input');
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    this.drag = undefined;
    if (!drag.added && !drag.moved) return;
    const { points, task } = this.host;
    const name = describePoint(points, drag.index, task);
    this.say(drag.added ? `Added ${lower(name)}.` : `Moved ${lower(name)}.`);
    this.host.apply(points, 'change');
  };

  /** Where the pointer is, as fractions of the plane's box. */
  private fractions(svgEl: SVGSVGElement, event: PointerEvent): [number, number] {
    const box = svgEl.getBoundingClientRect();
    return [(event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height];
  }

  /** The point nearest to (fx, fy) within reach of a fingertip, if any. */
  private nearest(svgEl: SVGSVGElement, fx: number, fy: number): number | undefined {
    const box = svgEl.getBoundingClientRect();
    const { points, editPlane: plane } = this.host;
    let best: number | undefined;
    let bestDistance = HIT_PX;
    points.forEach((point, index) => {
      const [px, py] = boxAt(plane, point[0], point[1]);
      const distance = Math.hypot((px - fx) * box.width, (py - fy) * box.height);
      if (distance <= bestDistance) {
        best = index;
        bestDistance = distance;
      }
    });
    return best;
  }

  // ---- keyboard --------------------------------------------------------------------------

  private readonly onFocusIn = (event: FocusEvent) => {
    const item = (event.target as Element).getAttribute('data-item');
    if (item === null) return;
    const index = Number(item);
    if (index !== this.active) {
      this.active = index;
      this.host.requestUpdate();
    }
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const key = editorKey(event);
    if (!key || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const { points, task, editPlane: plane } = this.host;
    const onPoint = this.selected !== undefined;
    switch (key.kind) {
      case 'move': {
        if (!onPoint) {
          this.cursor = stepInPlane(plane, this.cursor, key.dx, key.dy, key.coarse);
          this.say(`Cursor at ${describePosition(task, ...this.cursor)}.`);
          return;
        }
        const index = this.active;
        const from: [number, number] = [points[index][0], points[index][1]];
        const [x, y] = stepInPlane(plane, from, key.dx, key.dy, key.coarse);
        const moved = movePoint(points, index, x, y);
        this.say(`${describePoint(moved, index, task)}.`);
        this.host.apply(moved, 'change');
        return;
      }
      case 'activate': {
        if (onPoint) {
          if (task !== 'binary') return;
          const changed = toggleLabel(points, this.active);
          this.say(`${describePoint(changed, this.active, task)}.`);
          this.host.apply(changed, 'change');
          return;
        }
        const [x, y] = this.cursor;
        const grown = addPoint(
          points,
          newPoint(task, x, y, this.host.pointClass),
          this.host.maxPoints,
        );
        if (!grown) {
          this.say(this.fullMessage());
          return;
        }
        this.say(`Added ${lower(describePoint(grown, grown.length - 1, task))}.`);
        this.host.apply(grown, 'change');
        return;
      }
      case 'delete':
        if (onPoint) this.deleteSelected();
        return;
      case 'focus':
        this.active = focusTarget(this.active, points.length, key.to);
        this.focusAfterRender = true;
        this.host.requestUpdate();
        return;
    }
  };

  private deleteSelected(): void {
    const index = this.selected;
    if (index === undefined) return;
    const { points, task } = this.host;
    const [x, y] = points[index];
    const gone = deletePoint(points, index);
    const where = describePosition(task, x, y);
    this.say(`Deleted point ${index + 1} at ${where}; ${gone.length} left.`);
    // Focus stays in the editor: on the point that took this one's place, else the cursor.
    this.active = Math.min(index, gone.length - 1);
    this.focusAfterRender = true;
    this.host.apply(gone, 'change');
  }

  private fullMessage(): string {
    return `This dataset holds at most ${this.host.maxPoints} points: delete some to add more.`;
  }

  private say(words: string): void {
    this.said = words;
    this.host.requestUpdate();
  }

  private itemElement(index: number): SVGElement | null {
    return this.host.renderRoot.querySelector<SVGElement>(`[data-item="${index}"]`);
  }
}

function lower(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
