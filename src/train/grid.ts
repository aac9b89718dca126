/** Inputs for predictGrid: an n x n lattice over the data plane (or n points for 1-D data). */
import type { Dataset } from '../data/dataset';
import { ConfigError } from '../protocol/validation';

export const MAX_GRID_SIZE = 512;

export function checkGridSize(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2 || n > MAX_GRID_SIZE) {
    throw new ConfigError('n', `must be an integer in [2, ${MAX_GRID_SIZE}], got ${String(n)}`);
  }
  return n;
}

function lerp([low, high]: [number, number], i: number, n: number): number {
  return low + ((high - low) * i) / (n - 1);
}

/** Row-major with y outermost: point (ix, iy) is at index iy * n + ix. */
export function gridInputs(dataset: Dataset, n: number): Float32Array {
  if (dataset.inputDims === 1) {
    return Float32Array.from({ length: n }, (_, i) => lerp(dataset.xRange, i, n));
  }
  const inputs = new Float32Array(n * n * 2);
  for (let iy = 0; iy < n; iy++) {
    const y = lerp(dataset.yRange, iy, n);
    for (let ix = 0; ix < n; ix++) {
      const offset = 2 * (iy * n + ix);
      inputs[offset] = lerp(dataset.xRange, ix, n);
      inputs[offset + 1] = y;
    }
  }
  return inputs;
}
