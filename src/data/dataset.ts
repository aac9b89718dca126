/**
 * createDataset: generate, shuffle and split a dataset from its config. Same config (and so
 * same seed) -> bit-identical Float32Arrays.
 */
import { createRandom, permutation } from './random';
import { GENERATORS } from './generators';
import type { DatasetConfig } from '../protocol/experiment';
import type { DatasetSplit, DatasetView } from '../protocol/api';

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

/** [min, max] of one column over both splits, padded by 10% so edge points are not on the border. */
function paddedRange(
  splits: DatasetSplit[],
  column: (split: DatasetSplit) => Float32Array,
  stride: number,
  offset: number,
): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const split of splits) {
    const values = column(split);
    for (let i = offset; i < values.length; i += stride) {
      if (values[i] < low) low = values[i];
      if (values[i] > high) high = values[i];
    }
  }
  if (!Number.isFinite(low)) return [-1, 1];
  const pad = Math.max(0.1 * (high - low), 1e-3);
  return [low - pad, high + pad];
}

export function createDataset(config: DatasetConfig): Dataset {
  const generator = GENERATORS[config.type];
  const random = createRandom(config.seed);
  const raw = generator.generate(config.samples, config.noise, random);
  // Generators emit points grouped by class; shuffle before splitting so both splits are mixed.
  const order = permutation(config.samples, random);
  const validationCount = Math.floor(config.samples * config.validationFraction);
  const trainCount = config.samples - validationCount;
  const dims = generator.inputDims;
  const train = {
    x: gather(raw.x, order, 0, trainCount, dims),
    y: gather(raw.y, order, 0, trainCount, 1),
  };
  const validation = {
    x: gather(raw.x, order, trainCount, config.samples, dims),
    y: gather(raw.y, order, trainCount, config.samples, 1),
  };
  const splits = [train, validation];
  const xRange = paddedRange(splits, (s) => s.x, dims, 0);
  // For 1-D inputs the plane's vertical axis is the target (what a plot of y(x) shows).
  const yRange =
    dims === 2 ? paddedRange(splits, (s) => s.x, 2, 1) : paddedRange(splits, (s) => s.y, 1, 0);
  return {
    type: config.type,
    task: generator.task,
    inputDims: dims,
    train,
    validation,
    xRange,
    yRange,
  };
}
