/**
 * Points a person gives as a dataset (`dataset: { type: 'custom', points }`): what a point
 * is, how many a dataset may hold, and the schema that checks them. The experiment schema
 * and the CSV reader (src/data/csv.ts) both take these facts from here.
 *
 * A point is a short array, so a drawn dataset stays small in JSON and in a shared link:
 * `[x1, x2, label]` (binary classification, label 0 or 1) or `[x, y]` (regression of y on
 * one input, as the sine dataset). Every point of a dataset has the first point's shape, so
 * the shape says the task and nothing else has to.
 */
import * as v from 'valibot';
import type { TaskKind } from './api';

export const CUSTOM_DATASET = 'custom';

/** The most points a custom dataset may hold (drawn, pasted or uploaded). */
export const MAX_CUSTOM_POINTS = 5000;

/** Coordinates and targets lie in [-limit, limit]: finite in float32 with room to train. */
export const POINT_VALUE_LIMIT = 1e6;

export type ClassificationPoint = [x1: number, x2: number, label: 0 | 1];
export type RegressionPoint = [x: number, y: number];
export type CustomPoints = ClassificationPoint[] | RegressionPoint[];

/** The names of a point's values, per task, in order (CSV headers and messages use them). */
export const POINT_COLUMNS = {
  binary: ['x1', 'x2', 'label'],
  regression: ['x', 'y'],
} as const satisfies Record<TaskKind, readonly string[]>;

/** The task a point of `width` values belongs to, if any. */
export function taskOfWidth(width: number): TaskKind | undefined {
  if (width === POINT_COLUMNS.binary.length) return 'binary';
  if (width === POINT_COLUMNS.regression.length) return 'regression';
  return undefined;
}

/** The task of a validated dataset's points (an empty list counts as classification). */
export function pointsTask(points: CustomPoints): TaskKind {
  return points.length > 0 && points[0].length === POINT_COLUMNS.regression.length
    ? 'regression'
    : 'binary';
}

/** `[x1, x2, label]`, as messages write a point of `task`. */
export function pointShape(task: TaskKind): string {
  return `[${POINT_COLUMNS[task].join(', ')}]`;
}

export const POINT_VALUE_RULE = `a finite number in [-${POINT_VALUE_LIMIT}, ${POINT_VALUE_LIMIT}]`;
export const LABEL_RULE = 'must be 0 or 1';

/** Whether `value` may be a coordinate or regression target. */
export function isPointValue(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= POINT_VALUE_LIMIT;
}

const valueSchema = v.pipe(
  v.number(`must be ${POINT_VALUE_RULE}`),
  v.check(isPointValue, `must be ${POINT_VALUE_RULE}`),
);
const labelSchema = v.picklist([0, 1], LABEL_RULE);

function pointSchema(task: TaskKind) {
  const shape = `must be ${pointShape(task)} like the first point`;
  const items =
    task === 'binary' ? [valueSchema, valueSchema, labelSchema] : [valueSchema, valueSchema];
  return v.pipe(
    v.array(v.unknown(), shape),
    v.length(items.length, shape),
    v.tuple(items as [typeof valueSchema, typeof valueSchema]),
  );
}
const pointSchemas = {
  binary: v.array(pointSchema('binary')),
  regression: v.array(pointSchema('regression')),
};

const FIRST_POINT_RULE =
  `must be ${pointShape('binary')} (a point of class 0 or 1) or ` +
  `${pointShape('regression')} (a regression point)`;

/**
 * `dataset.points`: 1 to MAX_CUSTOM_POINTS points, every one shaped like the first, each
 * value checked where it is, so an error names it: `dataset.points[12][2]: must be 0 or 1`.
 */
export const customPointsSchema = v.pipe(
  v.array(
    v.unknown(),
    `must be an array of points, ${pointShape('binary')} or ${pointShape('regression')} each`,
  ),
  v.minLength(1, 'must hold at least one point'),
  v.maxLength(MAX_CUSTOM_POINTS, `must hold at most ${MAX_CUSTOM_POINTS} points`),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const points = dataset.value;
    const first = points[0];
    const task = Array.isArray(first) ? taskOfWidth(first.length) : undefined;
    if (!task) {
      addIssue({
        message: FIRST_POINT_RULE,
        path: [{ type: 'array', origin: 'value', input: points, key: 0, value: first }],
      });
      return;
    }
    const result = v.safeParse(pointSchemas[task], points, { abortEarly: true });
    if (result.success) return;
    const [issue] = result.issues;
    addIssue({ message: issue.message, path: issue.path });
  }),
  v.transform((points) => points as CustomPoints),
);
