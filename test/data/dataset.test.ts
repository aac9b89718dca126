import { describe, expect, test } from 'vitest';
import { createDataset } from '../../src/data/dataset';
import type { Dataset } from '../../src/data/dataset';
import { datasetHash } from './hash';
import { DATASET_TYPES } from '../../src/protocol/experiment';
import type { DatasetType, GeneratedDatasetConfig } from '../../src/protocol/experiment';

function config(
  type: DatasetType,
  overrides: Partial<GeneratedDatasetConfig> = {},
): GeneratedDatasetConfig {
  return { type, samples: 400, noise: 0, validationFraction: 0.2, seed: 11, ...overrides };
}

interface Point {
  x: number[];
  y: number;
}

function points(dataset: Dataset): Point[] {
  const all: Point[] = [];
  for (const split of [dataset.train, dataset.validation]) {
    for (let i = 0; i < split.y.length; i++) {
      all.push({
        x: Array.from(split.x.subarray(i * dataset.inputDims, (i + 1) * dataset.inputDims)),
        y: split.y[i],
      });
    }
  }
  return all;
}

const F32 = 1e-6;

describe('determinism', () => {
  test.each([
    // From test/data/reference_datasets.py, an independent Python implementation of the spec.
    ['circle', 1, 0x8d3fed02],
    ['circle', 7, 0x7491d767],
    ['xor', 1, 0x4ff1b2ae],
    ['xor', 7, 0x68942c5b],
    ['sine', 1, 0x65b80498],
    ['sine', 7, 0xbca9913a],
  ] as const)(
    '%s with seed %i hashes as the reference implementation computes',
    (type, seed, expected) => {
      const dataset = createDataset({
        type,
        samples: 200,
        noise: 0.1,
        validationFraction: 0.25,
        seed,
      });
      expect(datasetHash(dataset).toString(16)).toBe(expected.toString(16));
    },
  );

  test.each(DATASET_TYPES)('%s: same seed gives identical bytes, another seed does not', (type) => {
    const a = createDataset(config(type, { noise: 0.1 }));
    const b = createDataset(config(type, { noise: 0.1 }));
    const c = createDataset(config(type, { noise: 0.1, seed: 12 }));
    expect(datasetHash(a)).toBe(datasetHash(b));
    expect(datasetHash(c)).not.toBe(datasetHash(a));
  });
});

describe('shape and split', () => {
  test.each(DATASET_TYPES)('%s: 400 samples split 320/80, labels balanced, finite', (type) => {
    const dataset = createDataset(config(type, { noise: 0.1 }));
    const dims = type === 'sine' ? 1 : 2;
    expect(dataset.inputDims).toBe(dims);
    expect(dataset.train.y).toHaveLength(320);
    expect(dataset.validation.y).toHaveLength(80);
    expect(dataset.train.x).toHaveLength(320 * dims);
    expect(dataset.validation.x).toHaveLength(80 * dims);
    const all = points(dataset);
    expect(all.every((p) => p.x.every(Number.isFinite) && Number.isFinite(p.y))).toBe(true);
    if (dataset.task === 'binary') {
      expect(all.filter((p) => p.y === 1)).toHaveLength(200);
      expect(all.filter((p) => p.y === 0)).toHaveLength(200);
      // Shuffled before the split: both classes in the validation set, near half each.
      const validationOnes = dataset.validation.y.reduce((sum, y) => sum + y, 0);
      expect(validationOnes).toBeGreaterThan(25);
      expect(validationOnes).toBeLessThan(55);
    }
    // The plotting plane contains every point.
    for (const p of all) {
      expect(p.x[0]).toBeGreaterThanOrEqual(dataset.xRange[0]);
      expect(p.x[0]).toBeLessThanOrEqual(dataset.xRange[1]);
    }
  });

  test('validationFraction 0 keeps every point for training', () => {
    const dataset = createDataset(config('xor', { validationFraction: 0, samples: 101 }));
    expect(dataset.train.y).toHaveLength(101);
    expect(dataset.validation.y).toHaveLength(0);
  });
});

describe('geometry without noise (hand-derived from each generator)', () => {
  const radius = (p: Point) => Math.hypot(p.x[0], p.x[1]);

  test('circle: class 1 inside radius 0.5, class 0 in the ring [0.7, 1]', () => {
    for (const p of points(createDataset(config('circle')))) {
      if (p.y === 1) expect(radius(p)).toBeLessThanOrEqual(0.5 + F32);
      else {
        expect(radius(p)).toBeGreaterThanOrEqual(0.7 - F32);
        expect(radius(p)).toBeLessThanOrEqual(1 + F32);
      }
    }
  });

  test('xor: label 1 exactly where x and y share a sign, 0.05 away from the axes', () => {
    for (const p of points(createDataset(config('xor')))) {
      expect(p.y).toBe(p.x[0] * p.x[1] > 0 ? 1 : 0);
      expect(Math.min(Math.abs(p.x[0]), Math.abs(p.x[1]))).toBeGreaterThanOrEqual(0.05 - F32);
    }
  });

  test('gaussian: class means near (+-0.5, +-0.5), spread 0.25', () => {
    const all = points(createDataset(config('gaussian')));
    for (const [label, centre] of [
      [1, 0.5],
      [0, -0.5],
    ]) {
      const xs = all.filter((p) => p.y === label).map((p) => p.x[0]);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      // 200 points: standard error of the mean 0.25/sqrt(200) ~ 0.018.
      expect(Math.abs(mean - centre)).toBeLessThan(0.06);
      expect(Math.abs(std - 0.25)).toBeLessThan(0.05);
    }
  });

  test('spiral: class 1 is class 0 rotated by pi, radii in [0.05, 1]', () => {
    const all = points(createDataset(config('spiral')));
    const zeros = all.filter((p) => p.y === 0);
    for (const p of all) {
      expect(radius(p)).toBeGreaterThanOrEqual(0.05 - F32);
      expect(radius(p)).toBeLessThanOrEqual(1 + F32);
      if (p.y === 1) {
        const nearest = Math.min(...zeros.map((q) => Math.hypot(q.x[0] + p.x[0], q.x[1] + p.x[1])));
        expect(nearest).toBeLessThan(1e-5);
      }
    }
  });

  test('moons: each class lies on its unit half-circle of make_moons, scaled by 0.8', () => {
    for (const p of points(createDataset(config('moons')))) {
      // Undo the centring and scaling: a = x/0.8 + 0.5, b = y/0.8 + 0.25.
      const a = p.x[0] / 0.8 + 0.5;
      const b = p.x[1] / 0.8 + 0.25;
      if (p.y === 0) {
        expect(Math.hypot(a, b)).toBeCloseTo(1, 5);
        expect(b).toBeGreaterThanOrEqual(-F32);
      } else {
        expect(Math.hypot(a - 1, b - 0.5)).toBeCloseTo(1, 5);
        expect(b).toBeLessThanOrEqual(0.5 + F32);
      }
    }
  });

  test('checkerboard: label 1 where floor(2x) + floor(2y) is even', () => {
    for (const p of points(createDataset(config('checkerboard')))) {
      const parity = (Math.floor(2 * p.x[0]) + Math.floor(2 * p.x[1]) + 8) % 2;
      expect(p.y).toBe(parity === 0 ? 1 : 0);
    }
  });

  test('sine: y = sin(pi x) on [-1, 1]', () => {
    for (const p of points(createDataset(config('sine')))) {
      expect(Math.abs(p.x[0])).toBeLessThanOrEqual(1);
      expect(p.y).toBeCloseTo(Math.sin(Math.PI * p.x[0]), 5);
    }
  });

  test('plane: y = (x1 + x2) / 2; with noise 0.1 the residual has std ~0.1', () => {
    for (const p of points(createDataset(config('plane')))) {
      expect(p.y).toBeCloseTo((p.x[0] + p.x[1]) / 2, 5);
    }
    const noisy = points(createDataset(config('plane', { noise: 0.1, samples: 4000 })));
    const residuals = noisy.map((p) => p.y - (p.x[0] + p.x[1]) / 2);
    const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length;
    const std = Math.sqrt(residuals.reduce((a, b) => a + (b - mean) ** 2, 0) / residuals.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(std).toBeGreaterThan(0.09);
    expect(std).toBeLessThan(0.11);
  });
});
