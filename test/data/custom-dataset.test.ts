import { describe, expect, test } from 'vitest';
import { createDataset } from '../../src/data/dataset';
import type { Dataset } from '../../src/data/dataset';
import { datasetHash } from './hash';
import {
  MAX_CUSTOM_POINTS,
  type ClassificationPoint,
  type RegressionPoint,
} from '../../src/protocol/custom-points';
import {
  ConfigError,
  datasetSize,
  experimentHorizon,
  parseExperimentConfig,
  stepsPerEpoch,
  totalSteps,
  trainingSampleCount,
} from '../../src/protocol/experiment';
import type { CustomDatasetConfig, DatasetConfigInput } from '../../src/protocol/experiment';

// The points test/data/reference_datasets.py gives too (same formulas, same float64 maths).
const CLASSIFICATION: ClassificationPoint[] = Array.from({ length: 50 }, (_, i) => [
  ((i * 37) % 50) / 25 - 1,
  ((i * 11) % 50) / 25 - 1,
  i % 3 === 0 ? 1 : 0,
]);
const REGRESSION: RegressionPoint[] = Array.from({ length: 40 }, (_, i) => {
  const x = ((i * 13) % 40) / 20 - 1;
  return [x, x * x * 3];
});

const runs = [{ optimizer: { type: 'Adam' as const } }];

function custom(
  points: ClassificationPoint[] | RegressionPoint[],
  extra: Partial<CustomDatasetConfig> = {},
): CustomDatasetConfig {
  return { type: 'custom', points, validationFraction: 0.3, seed: 1, ...extra };
}

/** Every point of both splits as [inputs..., target], sorted, for multiset comparison. */
function rows(dataset: Dataset): number[][] {
  const out: number[][] = [];
  for (const split of [dataset.train, dataset.validation]) {
    for (let i = 0; i < split.y.length; i++) {
      const inputs = split.x.subarray(i * dataset.inputDims, (i + 1) * dataset.inputDims);
      out.push([...inputs, split.y[i]]);
    }
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] ?? 0) - (b[2] ?? 0));
}

function messageOf(dataset: unknown): string {
  try {
    parseExperimentConfig({ dataset, runs });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the dataset to be rejected');
}

describe('a custom dataset is split as the generated ones are', () => {
  test.each([
    // From test/data/reference_datasets.py: the same seeded Fisher-Yates split, in Python.
    ['classification', CLASSIFICATION, 1, 0x36237a2c],
    ['classification', CLASSIFICATION, 7, 0xbb858204],
    ['regression', REGRESSION, 1, 0x36035550],
    ['regression', REGRESSION, 7, 0x584033dc],
  ] as const)(
    '%s, seed %i, hashes as the reference implementation computes',
    (_, points, seed, expected) => {
      const dataset = createDataset(custom(points, { seed }));
      expect(datasetHash(dataset).toString(16)).toBe(expected.toString(16));
    },
  );

  test('classification: 2 inputs, binary task, every point once, 30% held out (rounded down)', () => {
    const dataset = createDataset(custom(CLASSIFICATION));
    expect(dataset).toMatchObject({ type: 'custom', task: 'binary', inputDims: 2 });
    expect(dataset.train.y).toHaveLength(35);
    expect(dataset.validation.y).toHaveLength(15);
    const given = CLASSIFICATION.map((p) => p.map(Math.fround));
    expect(rows(dataset)).toEqual(rows(createDataset(custom(CLASSIFICATION, { seed: 99 }))));
    expect(rows(dataset)).toEqual(given.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]));
  });

  test('regression: [x, y] points are a 1-D regression like sine', () => {
    const dataset = createDataset(custom(REGRESSION, { validationFraction: 0.25 }));
    expect(dataset).toMatchObject({ type: 'custom', task: 'regression', inputDims: 1 });
    expect(dataset.train.x).toHaveLength(30);
    expect(dataset.validation.y).toHaveLength(10);
    for (let i = 0; i < dataset.train.y.length; i++) {
      const x = dataset.train.x[i];
      expect(dataset.train.y[i]).toBeCloseTo(3 * x * x, 5);
    }
  });

  test('the seed decides the split; the points are what was given', () => {
    const a = createDataset(custom(CLASSIFICATION, { seed: 3 }));
    const b = createDataset(custom(CLASSIFICATION, { seed: 3 }));
    const c = createDataset(custom(CLASSIFICATION, { seed: 4 }));
    expect(datasetHash(a)).toBe(datasetHash(b));
    expect(datasetHash(c)).not.toBe(datasetHash(a));
    expect(rows(c)).toEqual(rows(a));
  });

  test('the plane covers [-1, 1] padded by 10% and every point, however few or far', () => {
    // Points inside [-1, 1]^2: the frame's own padded plane, (1 - -1) * 0.1 = 0.2 each side.
    const inside = createDataset(custom([[0.1, 0.2, 1]]));
    expect(inside.xRange).toEqual([-1.2, 1.2]);
    expect(inside.yRange).toEqual([-1.2, 1.2]);
    // A point at x1 = 4: span [-1, 4], padded by 0.5 each side.
    const far = createDataset(
      custom([
        [4, 0, 0],
        [0, 0, 1],
      ]),
    );
    expect(far.xRange).toEqual([-1.5, 4.5]);
    expect(far.yRange).toEqual([-1.2, 1.2]);
    // Regression: the vertical axis spans the targets (3 x^2 reaches 3 at x = -1).
    const curve = createDataset(custom(REGRESSION));
    expect(curve.xRange).toEqual([-1.2, 1.2]);
    expect(curve.yRange[0]).toBeCloseTo(-1 - 0.4, 6);
    expect(curve.yRange[1]).toBeCloseTo(3 + 0.4, 6);
  });

  test('one point trains alone: nothing held out, one step an epoch', () => {
    const config = parseExperimentConfig({
      dataset: { type: 'custom', points: [[0.5, -0.5, 1]] },
      runs,
    });
    expect(trainingSampleCount(config.dataset)).toBe(1);
    expect(stepsPerEpoch(config)).toBe(1);
    const dataset = createDataset(config.dataset);
    expect(dataset.train.y).toEqual(new Float32Array([1]));
    expect(dataset.validation.y).toHaveLength(0);
  });
});

describe('dataset: { type: "custom", points } in the experiment config', () => {
  test('defaults as a generated dataset: 20% validation, a seed derived from the top one', () => {
    const config = parseExperimentConfig({
      seed: 5,
      dataset: { type: 'custom', points: CLASSIFICATION },
      runs,
    });
    const generated = parseExperimentConfig({ seed: 5, runs });
    expect(config.dataset).toEqual({
      type: 'custom',
      points: CLASSIFICATION,
      validationFraction: 0.2,
      seed: generated.dataset.seed,
    });
    expect(datasetSize(config.dataset)).toBe(50);
    // 50 - floor(50 * 0.2) = 40 training points, batches of 32: 2 steps an epoch.
    expect(trainingSampleCount(config.dataset)).toBe(40);
    expect(stepsPerEpoch(config)).toBe(2);
    expect(parseExperimentConfig(config)).toEqual(config);
  });

  test('the horizon a page previews (before validation) counts the points, as training does', () => {
    // 50 points, 30% held out: 35 training points; batches of 8 -> ceil(35 / 8) = 5 steps an
    // epoch; 7 epochs -> 35 steps. A generated dataset of the default 400 samples would give
    // 320 / 8 = 40 steps an epoch instead.
    const input = {
      dataset: { type: 'custom' as const, points: CLASSIFICATION, validationFraction: 0.3 },
      training: { batchSize: 8, epochs: 7 },
    };
    expect(experimentHorizon(input)).toEqual({ stepsPerEpoch: 5, totalSteps: 35 });
    const config = parseExperimentConfig({ ...input, runs });
    expect(experimentHorizon(input)).toEqual({
      stepsPerEpoch: stepsPerEpoch(config),
      totalSteps: totalSteps(config),
    });
    // `samples` is not a custom dataset's size, even where an unvalidated input has one.
    const withSamples = { ...input, dataset: { ...input.dataset, samples: 400 } };
    expect(experimentHorizon(withSamples).stepsPerEpoch).toBe(5);
    // Points that are not yet a list count as none: a step an epoch, never 0 or NaN.
    const unready = { dataset: { type: 'custom' as const }, training: { epochs: 3 } };
    expect(experimentHorizon(unready)).toEqual({ stepsPerEpoch: 1, totalSteps: 0 });
  });

  test('every problem names the point and the value', () => {
    const c = (points: unknown, extra: object = {}) => ({ type: 'custom', points, ...extra });
    const cases: Array<[unknown, string]> = [
      [
        c([
          [0, 0, 1],
          [1, 1, 0],
          [1, 2, 2],
        ]),
        'dataset.points[2][2]: must be 0 or 1',
      ],
      [
        c([
          [0, 0, 1],
          [1, 1],
        ]),
        'dataset.points[1]: must be [x1, x2, label] like the first point',
      ],
      [
        c([
          [0, 0],
          [1, 1, 1],
        ]),
        'dataset.points[1]: must be [x, y] like the first point',
      ],
      [
        c([[0, 0, 1, 1]]),
        'dataset.points[0]: must be [x1, x2, label] (a point of class 0 or 1) or [x, y] (a regression point)',
      ],
      [
        c(['0,0,1']),
        'dataset.points[0]: must be [x1, x2, label] (a point of class 0 or 1) or [x, y] (a regression point)',
      ],
      [c([[0, 0, 1], 'a']), 'dataset.points[1]: must be [x1, x2, label] like the first point'],
      [c([[0, '1', 1]]), 'dataset.points[0][1]: must be a finite number in [-1000000, 1000000]'],
      [
        c([
          [0, 0],
          [2e6, 0],
        ]),
        'dataset.points[1][0]: must be a finite number in [-1000000, 1000000]',
      ],
      [
        c([[0, Number.NaN]]),
        'dataset.points[0][1]: must be a finite number in [-1000000, 1000000]',
      ],
      [c([[0, 0, 0.5]]), 'dataset.points[0][2]: must be 0 or 1'],
      [c([]), 'dataset.points: must hold at least one point'],
      [c({}), 'dataset.points: must be an array of points, [x1, x2, label] or [x, y] each'],
      [{ type: 'custom' }, 'dataset.points: is required'],
      [
        c([[0, 1]], { samples: 10 }),
        'dataset.samples: is not used by a custom dataset: it has as many points as it lists',
      ],
      [
        c([[0, 1]], { noise: 0.1 }),
        'dataset.noise: is not used by a custom dataset: its points are used as given',
      ],
      [
        c([[0, 1]], { validationFraction: 1 }),
        'dataset.validationFraction: must be a number in [0, 0.9]',
      ],
      [c([[0, 1]], { shape: 'x' }), 'dataset.shape: unknown field (check the spelling)'],
      [{ type: 'spiral', points: [[0, 1]] }, "dataset.points: are given only with type: 'custom'"],
      [
        { type: 'Custom' },
        'dataset.type: must be one of circle, xor, gaussian, spiral, moons, checkerboard, sine, plane, custom, got "Custom"',
      ],
      [7, 'dataset: must be an object, got 7'],
    ];
    for (const [dataset, message] of cases) expect(messageOf(dataset)).toBe(message);
  });

  test(`at most MAX_CUSTOM_POINTS (${MAX_CUSTOM_POINTS}) points`, () => {
    const points = (n: number) =>
      Array.from({ length: n }, (_, i): RegressionPoint => [i / n, (i % 7) / 7]);
    const full: DatasetConfigInput = { type: 'custom', points: points(MAX_CUSTOM_POINTS) };
    expect(datasetSize(parseExperimentConfig({ dataset: full, runs }).dataset)).toBe(
      MAX_CUSTOM_POINTS,
    );
    expect(messageOf({ type: 'custom', points: points(MAX_CUSTOM_POINTS + 1) })).toBe(
      `dataset.points: must hold at most ${MAX_CUSTOM_POINTS} points`,
    );
  });

  test('a ConfigError carries the path apart from the detail', () => {
    try {
      parseExperimentConfig({
        dataset: {
          type: 'custom',
          points: [
            [0, 0, 1],
            [0, 0, 3],
          ],
        },
        runs,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ path: 'dataset.points[1][2]', detail: 'must be 0 or 1' });
    }
  });
});
