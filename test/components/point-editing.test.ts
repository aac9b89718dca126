// The data editor's rules (components/optim-data-view/point-editing.ts and
// components/optim-lab/data-points.ts), in Node: placement and rounding, every edit, the
// cap, the keys, the words, and the way from a generated dataset to custom points and back.
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_EDIT_PLANE,
  KEY_STEP,
  addPoint,
  boxAt,
  deletePoint,
  describePoint,
  editorKey,
  focusTarget,
  movePoint,
  newPoint,
  placeInPlane,
  planeAt,
  roundCoordinate,
  stepInPlane,
  toggleLabel,
} from '../../components/optim-data-view/point-editing';
import {
  customDataset,
  editableType,
  planeOfPoints,
  pointsOfDataset,
} from '../../components/optim-lab/data-points';
import { createDataset } from '../../src/data/dataset';
import { DATASET_TYPES, parseExperimentConfig } from '../../src/protocol/experiment';
import { MAX_CUSTOM_POINTS } from '../../src/protocol/custom-points';

const plane = DEFAULT_EDIT_PLANE;

describe('where a point goes', () => {
  test('the default plane is the generators\u2019 [-1, 1] padded by 10% of its width', () => {
    expect(plane.xRange[0]).toBeCloseTo(-1.2, 12);
    expect(plane.yRange[1]).toBeCloseTo(1.2, 12);
  });

  test('box fractions and plane coordinates are each other\u2019s inverse (y grows upwards)', () => {
    expect(planeAt(plane, 0, 0)).toEqual([-1.2, 1.2]);
    expect(planeAt(plane, 1, 1)).toEqual([1.2, -1.2]);
    expect(planeAt(plane, 0.75, 0.25)).toEqual([0.6, 0.6]);
    const [fx, fy] = boxAt(plane, 0.6, 0.6);
    expect(fx).toBeCloseTo(0.75, 12);
    expect(fy).toBeCloseTo(0.25, 12);
  });

  test('rounds to 3 decimals, never -0, and stays inside the plane', () => {
    expect(roundCoordinate(0.12345)).toBe(0.123);
    expect(Object.is(roundCoordinate(-0.0001), 0)).toBe(true);
    expect(placeInPlane(plane, 5, -5)).toEqual([1.2, -1.2]);
  });

  test('arrow steps are 1/40 of the plane (Shift: 1/8), clamped at the edge', () => {
    // 2.4 / 40 = 0.06; 2.4 / 8 = 0.3.
    expect(stepInPlane(plane, [0, 0], 1, 0, false)).toEqual([0.06, 0]);
    expect(stepInPlane(plane, [0, 0], 0, -1, true)).toEqual([0, -0.3]);
    expect(stepInPlane(plane, [1.15, 0], 1, 0, true)).toEqual([1.2, 0]);
    expect(KEY_STEP.fine).toBe(1 / 40);
  });
});

describe('edits', () => {
  const points = [newPoint('binary', 0.1, 0.2, 1), newPoint('binary', -0.3, 0.4, 0)];

  test('add (never past the cap), move (label kept), toggle, delete; the input is untouched', () => {
    expect(addPoint(points, [0, 0, 1], 3)).toEqual([...points, [0, 0, 1]]);
    expect(addPoint(points, [0, 0, 1], 2)).toBeUndefined();
    expect(movePoint(points, 1, 0.5, 0.5)).toEqual([
      [0.1, 0.2, 1],
      [0.5, 0.5, 0],
    ]);
    expect(toggleLabel(points, 0)).toEqual([
      [0.1, 0.2, 0],
      [-0.3, 0.4, 0],
    ]);
    expect(deletePoint(points, 0)).toEqual([[-0.3, 0.4, 0]]);
    expect(points).toEqual([
      [0.1, 0.2, 1],
      [-0.3, 0.4, 0],
    ]);
    // Regression points have no class to switch.
    expect(toggleLabel([[0.1, 0.2]], 0)).toEqual([[0.1, 0.2]]);
    expect(newPoint('regression', 0.1, 0.2, 1)).toEqual([0.1, 0.2]);
  });

  test('names say the position, the number and the class', () => {
    expect(describePoint(points, 1, 'binary')).toBe('Point 2 of 2: class 0 at x1 -0.3, x2 0.4');
    expect(describePoint([[0.25, -1]], 0, 'regression')).toBe('Point 1 of 1: x 0.25, y -1');
  });
});

describe('keys', () => {
  test.each([
    ['ArrowRight', false, { kind: 'move', dx: 1, dy: 0, coarse: false }],
    ['ArrowUp', true, { kind: 'move', dx: 0, dy: 1, coarse: true }],
    ['Enter', false, { kind: 'activate' }],
    [' ', false, { kind: 'activate' }],
    ['Delete', false, { kind: 'delete' }],
    ['Backspace', false, { kind: 'delete' }],
    ['PageDown', false, { kind: 'focus', to: 'next' }],
    ['Home', false, { kind: 'focus', to: 'cursor' }],
    ['Tab', false, undefined],
    ['a', false, undefined],
  ])('%s (Shift %s)', (key, shiftKey, action) => {
    expect(editorKey({ key, shiftKey })).toEqual(action);
  });

  test('focus goes cursor -> points -> cursor, both ways', () => {
    // Items: the cursor (-1) and 3 points (0, 1, 2).
    expect(focusTarget(-1, 3, 'next')).toBe(0);
    expect(focusTarget(2, 3, 'next')).toBe(-1);
    expect(focusTarget(-1, 3, 'previous')).toBe(2);
    expect(focusTarget(0, 3, 'previous')).toBe(-1);
    expect(focusTarget(1, 3, 'last')).toBe(2);
    expect(focusTarget(-1, 0, 'next')).toBe(-1);
  });
});

describe('from a dataset to custom points', () => {
  const config = (type: (typeof DATASET_TYPES)[number], samples = 80) =>
    parseExperimentConfig({ dataset: { type, samples }, runs: [{ optimizer: { type: 'SGD' } }] });

  test('which generated datasets custom points can hold', () => {
    expect(DATASET_TYPES.filter((type) => !editableType(type))).toEqual(['plane']);
    expect(pointsOfDataset(createDataset(config('plane').dataset))).toBeUndefined();
  });

  test('a generated dataset gives its points, rounded, in its own plane; they make a valid dataset', () => {
    const view = createDataset(config('spiral').dataset);
    const start = pointsOfDataset(view)!;
    expect(start.points).toHaveLength(80);
    expect(start.task).toBe('binary');
    expect(start.plane).toEqual({ xRange: view.xRange, yRange: view.yRange });
    expect(start.points[0][0]).toBe(roundCoordinate(view.train.x[0]));
    expect(start.points[0][2]).toBe(view.train.y[0]);
    const parsed = parseExperimentConfig({
      dataset: customDataset({ type: 'spiral', seed: 3, validationFraction: 0.5 }, start.points),
      runs: [{ optimizer: { type: 'SGD' } }],
    });
    expect(parsed.dataset).toMatchObject({ type: 'custom', seed: 3, validationFraction: 0.5 });
    const sine = pointsOfDataset(createDataset(config('sine').dataset))!;
    expect(sine.task).toBe('regression');
    expect(sine.points[0]).toHaveLength(2);
  });

  test(`at most ${MAX_CUSTOM_POINTS} points are taken, and the rest counted`, () => {
    const start = pointsOfDataset(createDataset(config('circle', MAX_CUSTOM_POINTS + 7).dataset))!;
    expect(start.points).toHaveLength(MAX_CUSTOM_POINTS);
    expect(start.dropped).toBe(7);
  });

  test('the plane of drawn points is the one the worker draws them in', () => {
    const points = [
      [0.2, 0.3, 1],
      [2, -0.5, 0],
    ];
    // x spans [-1, 2] (the generators' frame and the points), padded by 0.3 each side.
    const drawn = planeOfPoints(points);
    expect(drawn.xRange[0]).toBeCloseTo(-1.3, 6);
    expect(drawn.xRange[1]).toBeCloseTo(2.3, 6);
    expect(planeOfPoints([])).toEqual(DEFAULT_EDIT_PLANE);
  });
});
