/**
 * Between a lab's dataset and the points its editor holds: the points of a generated
 * dataset (to start editing from), the plane a list of points is drawn in, and the custom
 * dataset config they make. Pure (no DOM): the page generates and splits with the worker's
 * own code (src/data), so the points it starts from are the ones the worker trains on.
 */
import { createDataset } from '../../src/data/dataset';
import { GENERATORS } from '../../src/data/generators';
import { CUSTOM_DATASET, MAX_CUSTOM_POINTS, pointsTask } from '../../src/protocol/custom-points';
import type { CustomPoints } from '../../src/protocol/custom-points';
import type { DatasetConfigInput, DatasetType } from '../../src/protocol/experiment';
import type { DatasetView, TaskKind } from '../../src/protocol/api';
import {
  DEFAULT_EDIT_PLANE,
  asCustomPoints,
  roundCoordinate,
} from '../optim-data-view/point-editing';
import type { EditPoint, Plane } from '../optim-data-view/point-editing';

/**
 * Whether a generated dataset's points can be a custom dataset's: two classes over two
 * inputs, or regression over one. (`plane`, regression over two inputs, cannot.)
 */
export function editableType(type: DatasetType): boolean {
  const { task, inputDims } = GENERATORS[type];
  return (task === 'binary' && inputDims === 2) || (task === 'regression' && inputDims === 1);
}

/** The task a generated dataset's points have. */
export function generatedTask(type: DatasetType): TaskKind {
  return GENERATORS[type].task;
}

export interface StartingPoints {
  points: EditPoint[];
  task: TaskKind;
  plane: Plane;
  /** How many the dataset had, when it had more than a custom dataset may hold. */
  dropped?: number;
}

/**
 * A dataset's points (training then validation), rounded as drawn points are, at most
 * MAX_CUSTOM_POINTS of them (the split is a shuffle, so the first ones are a fair sample),
 * in the dataset's own plane. Undefined for a dataset custom points cannot hold.
 */
export function pointsOfDataset(view: DatasetView): StartingPoints | undefined {
  const dims = view.inputDims;
  if (view.task === 'binary' ? dims !== 2 : dims !== 1) return undefined;
  const points: EditPoint[] = [];
  const total = view.train.y.length + view.validation.y.length;
  for (const split of [view.train, view.validation]) {
    for (let i = 0; i < split.y.length && points.length < MAX_CUSTOM_POINTS; i++) {
      const inputs = Array.from(split.x.subarray(i * dims, i * dims + dims), roundCoordinate);
      const target =
        view.task === 'binary' ? (split.y[i] === 1 ? 1 : 0) : roundCoordinate(split.y[i]);
      points.push([...inputs, target]);
    }
  }
  const out: StartingPoints = {
    points,
    task: view.task,
    plane: { xRange: view.xRange, yRange: view.yRange },
  };
  if (total > points.length) out.dropped = total - points.length;
  return out;
}

/** The plane the worker draws these points in (the generators' one when there are none). */
export function planeOfPoints(points: readonly EditPoint[]): Plane {
  if (points.length === 0) return DEFAULT_EDIT_PLANE;
  const view = createDataset({
    type: CUSTOM_DATASET,
    points: asCustomPoints(points),
    validationFraction: 0,
    seed: 0,
  });
  return { xRange: view.xRange, yRange: view.yRange };
}

/** The task a list of points has (`fallback` while it is empty). */
export function taskOfPoints(points: readonly EditPoint[], fallback: TaskKind): TaskKind {
  return points.length === 0 ? fallback : pointsTask(asCustomPoints(points));
}

/**
 * The dataset config with these points: the split share and seed of `dataset` are kept (a
 * generated dataset's samples and noise have no meaning for given points).
 */
export function customDataset(
  dataset: DatasetConfigInput | undefined,
  points: readonly EditPoint[],
): DatasetConfigInput {
  const out: DatasetConfigInput = { type: CUSTOM_DATASET, points: asCustomPoints(points) };
  if (dataset?.validationFraction !== undefined)
    out.validationFraction = dataset.validationFraction;
  if (dataset?.seed !== undefined) out.seed = dataset.seed;
  return out;
}

/** The custom points a dataset config holds, if it is a custom one with a list. */
export function customPointsOf(dataset: DatasetConfigInput | undefined): CustomPoints | undefined {
  return dataset?.type === CUSTOM_DATASET && Array.isArray(dataset.points)
    ? dataset.points
    : undefined;
}
