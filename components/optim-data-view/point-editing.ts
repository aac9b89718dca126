/**
 * The editing rules of <optim-data-view>'s edit mode, pure (no DOM) so they are unit-tested:
 * where a point may go (inside the view's plane, rounded so a drawn dataset stays short in a
 * link or a CSV), what adding, moving, re-classing and deleting do to the list (never more
 * than the cap), which key does what, and the words a screen reader hears for each point.
 *
 * Points are the custom dataset's own shape (src/protocol/custom-points.ts): `[x1, x2,
 * label]` for two classes, `[x, y]` for regression. Every edit returns a new list.
 */
import { GENERATOR_FRAME, paddedSpan } from '../../src/data/dataset';
import { POINT_COLUMNS, POINT_VALUE_LIMIT } from '../../src/protocol/custom-points';
import type { CustomPoints } from '../../src/protocol/custom-points';
import type { TaskKind } from '../../src/protocol/api';

export type Span = readonly [number, number];

/** The part of the input plane the editor shows: x across, y (x2, or the target) up. */
export interface Plane {
  xRange: Span;
  yRange: Span;
}

/** The plane an editor shows with nothing else given: the generators' [-1, 1], padded. */
export const DEFAULT_EDIT_PLANE: Plane = {
  xRange: paddedSpan(...GENERATOR_FRAME),
  yRange: paddedSpan(...GENERATOR_FRAME),
};

/** A point as the editor handles it (a CustomPoints entry). */
export type EditPoint = readonly number[];

/**
 * Decimals a placed coordinate keeps: a thousandth of the [-1, 1] plane is finer than a
 * pixel of the largest editor, and "0.25" reads better (and shares shorter) than a float.
 */
export const POINT_DECIMALS = 3;

export function roundCoordinate(value: number): number {
  const scale = 10 ** POINT_DECIMALS;
  const rounded = Math.round(value * scale) / scale;
  // -0 would be written as 0 by JSON and CSV anyway: keep the points equal to their text.
  return rounded === 0 ? 0 : rounded;
}

function clamp(value: number, [low, high]: Span): number {
  const lo = Math.max(low, -POINT_VALUE_LIMIT);
  const hi = Math.min(high, POINT_VALUE_LIMIT);
  return Math.min(hi, Math.max(lo, value));
}

/** (x, y) kept inside the plane and rounded: where a point dropped there lands. */
export function placeInPlane(plane: Plane, x: number, y: number): [number, number] {
  return [roundCoordinate(clamp(x, plane.xRange)), roundCoordinate(clamp(y, plane.yRange))];
}

/** Plane coordinates of a position given as fractions of the view's box (0,0 top left). */
export function planeAt(plane: Plane, fx: number, fy: number): [number, number] {
  const [x0, x1] = plane.xRange;
  const [y0, y1] = plane.yRange;
  return placeInPlane(plane, x0 + fx * (x1 - x0), y1 - fy * (y1 - y0));
}

/** The fractions of the view's box (0,0 top left) where plane point (x, y) is drawn. */
export function boxAt(plane: Plane, x: number, y: number): [number, number] {
  const [x0, x1] = plane.xRange;
  const [y0, y1] = plane.yRange;
  return [(x - x0) / (x1 - x0), (y1 - y) / (y1 - y0)];
}

/** An arrow key moves a point or the cursor by this share of the plane (Shift: coarse). */
export const KEY_STEP = { fine: 1 / 40, coarse: 1 / 8 } as const;

/** (x, y) moved by (dx, dy) key steps, inside the plane. */
export function stepInPlane(
  plane: Plane,
  [x, y]: readonly [number, number],
  dx: number,
  dy: number,
  coarse: boolean,
): [number, number] {
  const share = coarse ? KEY_STEP.coarse : KEY_STEP.fine;
  const sx = (plane.xRange[1] - plane.xRange[0]) * share;
  const sy = (plane.yRange[1] - plane.yRange[0]) * share;
  return placeInPlane(plane, x + dx * sx, y + dy * sy);
}

/** The point a click at (x, y) makes: of class `label` for two classes, (x, y) for regression. */
export function newPoint(task: TaskKind, x: number, y: number, label: 0 | 1): EditPoint {
  return task === 'binary' ? [x, y, label] : [x, y];
}

/** `points` with `point` appended, or undefined when they already hold `max`. */
export function addPoint(
  points: readonly EditPoint[],
  point: EditPoint,
  max: number,
): EditPoint[] | undefined {
  return points.length >= max ? undefined : [...points, point];
}

/** `points` with point `index` at (x, y), its label kept. */
export function movePoint(
  points: readonly EditPoint[],
  index: number,
  x: number,
  y: number,
): EditPoint[] {
  return points.map((point, i) => (i === index ? [x, y, ...point.slice(2)] : point));
}

export function deletePoint(points: readonly EditPoint[], index: number): EditPoint[] {
  return points.filter((_, i) => i !== index);
}

/** `points` with point `index` of the other class (a regression point is left as it is). */
export function toggleLabel(points: readonly EditPoint[], index: number): EditPoint[] {
  return points.map((point, i) =>
    i === index && point.length === 3 ? [point[0], point[1], point[2] === 1 ? 0 : 1] : point,
  );
}

/** The list as the custom dataset's points (their shape is the task's by construction). */
export function asCustomPoints(points: readonly EditPoint[]): CustomPoints {
  return points.map((point) => [...point]) as CustomPoints;
}

/** `x1 0.25, x2 -0.5` (classes) or `x 0.25, y -0.5` (regression). */
export function describePosition(task: TaskKind, x: number, y: number): string {
  const [a, b] = POINT_COLUMNS[task];
  return `${a} ${roundCoordinate(x)}, ${b} ${roundCoordinate(y)}`;
}

/** A point's accessible name: `Point 3 of 12: class 1 at x1 0.25, x2 -0.5`. */
export function describePoint(points: readonly EditPoint[], index: number, task: TaskKind): string {
  const point = points[index];
  const where = describePosition(task, point[0], point[1]);
  const what = task === 'binary' ? `class ${point[2]} at ${where}` : where;
  return `Point ${index + 1} of ${points.length}: ${what}`;
}

/** What one key press asks for in the editor (undefined: a key it leaves alone). */
export type EditorKey =
  | { kind: 'move'; dx: number; dy: number; coarse: boolean }
  /** Enter or Space: on the cursor, add a point there; on a point, switch its class. */
  | { kind: 'activate' }
  | { kind: 'delete' }
  | { kind: 'focus'; to: 'next' | 'previous' | 'cursor' | 'last' };

const ARROWS: Record<string, readonly [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

export function editorKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): EditorKey | undefined {
  const arrow = ARROWS[event.key];
  if (arrow) return { kind: 'move', dx: arrow[0], dy: arrow[1], coarse: event.shiftKey };
  switch (event.key) {
    case 'Enter':
    case ' ':
      return { kind: 'activate' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'PageDown':
      return { kind: 'focus', to: 'next' };
    case 'PageUp':
      return { kind: 'focus', to: 'previous' };
    case 'Home':
    case 'Escape':
      return { kind: 'focus', to: 'cursor' };
    case 'End':
      return { kind: 'focus', to: 'last' };
    default:
      return undefined;
  }
}

/**
 * The item focus goes to from `active` (-1 is the cursor, 0.. the points), through the
 * cursor and then every point in order, wrapping around.
 */
export function focusTarget(
  active: number,
  count: number,
  to: 'next' | 'previous' | 'cursor' | 'last',
): number {
  if (to === 'cursor') return -1;
  if (to === 'last') return count - 1;
  const items = count + 1;
  const step = to === 'next' ? 1 : -1;
  return ((((active + 1 + step) % items) + items) % items) - 1;
}

/** Words for the editor's keys, shown under it and read with it. */
export function editorKeys(task: TaskKind): string {
  const enter =
    task === 'binary'
      ? 'Enter adds a point at the cursor, or switches a focused point to the other class.'
      : 'Enter adds a point at the cursor.';
  return (
    `Click or tap to add a point, drag one to move it. Keys: arrows move the cursor or the ` +
    `focused point (Shift: further). ${enter} Page Down and Page Up go through the points, ` +
    `Home back to the cursor. Delete removes the focused point.`
  );
}
