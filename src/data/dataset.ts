/**
 * createDataset: generate (or take the given points), shuffle and split a dataset from its
 * config. Same config (and so same seed) -> bit-identical Float32Arrays.
 */
import { createRandom, permutation } from './random';
import { GENERATORS } from './generators';
import type { RawPoints } from './generators';
import { datasetSize, trainingSampleCount } from '../protocol/experiment';
import type { DatasetConfig } from '../protocol/experiment';
import { CUSTOM_DATASET, pointsTask } from '../protocol/custom-points';
import type { CustomPoints } from '../protocol/custom-points';
import type { DatasetSplit, DatasetView, TaskKind } from '../protocol/api';

export type Dataset = DatasetView;

function gather(
  source: number[],
  order: Int32Array,
  from: number,
  to: number,
  width: number,
): Float32Array {
  const out = new Float32Array((to - from) * width);
  for (let i = from; i < to; i++) {
    for (let d = 0; d < width; d++) out[(i - from) * width + d] = source[order[i] * width + d];
  }
  return out;
}

/**
 * [min, max] of one column over both splits (and over `frame`, if given), padded by 10% so
 * edge points are not on the border.
 */
function paddedRange(
  splits: DatasetSplit[],
  column: (split: DatasetSplit) => Float32Array,
  stride: number,
  offset: number,
  frame?: readonly [number, number],
): [number, number] {
  let low = frame ? frame[0] : Infinity;
  let high = frame ? frame[1] : -Infinity;
  for (const split of splits) {
    const values = column(split);
    for (let i = offset; i < values.length; i += stride) {
      if (values[i] < low) low = values[i];
      if (values[i] > high) high = values[i];
    }
  }
  if (!Number.isFinite(low)) return [-1, 1];
  return paddedSpan(low, high);
}

/** [low, high] widened by 10% of its width on each side (at least 1e-3). */
export function paddedSpan(low: number, high: number): [number, number] {
  const pad = Math.max(0.1 * (high - low), 1e-3);
  return [low - pad, high + pad];
}

/**
 * The plane the generators draw in. A custom dataset's plane covers it as well as its
 * points, so a few drawn points (or one) still get a plane to draw on, and one more point
 * inside it does not rescale the view it was drawn in.
 */
export const GENERATOR_FRAME = [-1, 1] as const;

interface Source {
  raw: RawPoints;
  task: TaskKind;
  inputDims: number;
  frame?: readonly [number, number];
}

function customSource(points: CustomPoints): Source {
  const task = pointsTask(points);
  const inputDims = task === 'binary' ? 2 : 1;
  const raw: RawPoints = { x: [], y: [] };
  for (const point of points as readonly (readonly number[])[]) {
    raw.x.push(...point.slice(0, inputDims));
    raw.y.push(point[inputDims]);
  }
  return { raw, task, inputDims, frame: GENERATOR_FRAME };
}

export function createDataset(config: DatasetConfig): Dataset {
  const random = createRandom(config.seed);
  let source: Source;
  if (config.type === CUSTOM_DATASET) source = customSource(config.points);
  else {
    const generator = GENERATORS[config.type];
    const raw = generator.generate(config.samples, config.noise, random);
    source = { raw, task: generator.task, inputDims: generator.inputDims };
  }
  // Generators emit points grouped by class (and people draw them so): shuffle before
  // splitting so both splits are mixed. For custom points this is the random stream's start.
  const count = datasetSize(config);
  const order = permutation(count, random);
  const trainCount = trainingSampleCount(config);
  const { raw, inputDims: dims, frame } = source;
  const train = {
    x: gather(raw.x, order, 0, trainCount, dims),
    y: gather(raw.y, order, 0, trainCount, 1),
  };
  const validation = {
    x: gather(raw.x, order, trainCount, count, dims),
    y: gather(raw.y, order, trainCount, count, 1),
  };
  const splits = [train, validation];
  const xRange = paddedRange(splits, (s) => s.x, dims, 0, frame);
  // For 1-D inputs the plane's vertical axis is the target (what a plot of y(x) shows).
  const yRange =
    dims === 2
      ? paddedRange(splits, (s) => s.x, 2, 1, frame)
      : paddedRange(splits, (s) => s.y, 1, 0, frame);
  return {
    type: config.type,
    task: source.task,
    inputDims: dims,
    train,
    validation,
    xRange,
    yRange,
  };
}
