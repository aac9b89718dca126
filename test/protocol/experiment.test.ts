import { describe, expect, test } from 'vitest';
import {
  ConfigError,
  parseExperimentConfig,
  stepsPerEpoch,
  totalSteps,
} from '../../src/protocol/experiment';

const minimal = { runs: [{ optimizer: { type: 'Adam' } }] };

function messageOf(input: unknown): string {
  try {
    parseExperimentConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseExperimentConfig', () => {
  test('a single Adam run is a complete experiment with documented defaults', () => {
    const config = parseExperimentConfig(minimal);
    expect(config.dataset).toMatchObject({
      type: 'circle',
      samples: 400,
      noise: 0.1,
      validationFraction: 0.2,
    });
    expect(config.model).toMatchObject({
      hidden: [16, 16],
      activation: 'relu',
      init: 'auto',
      l2: 0,
    });
    expect(config.training).toMatchObject({ batchSize: 32, epochs: 50, evalEvery: 0 });
    expect(config.training.steps).toBeUndefined();
    expect(config.runs).toHaveLength(1);
    expect(config.runs[0]).toMatchObject({
      id: 'run-0',
      label: 'Adam',
      schedulerStepOn: 'batch',
      scheduler: { type: 'None' },
    });
    // PyTorch's Adam defaults come from the optimizer's own parser.
    expect(config.runs[0].optimizer).toMatchObject({
      type: 'Adam',
      lr: 0.001,
      betas: [0.9, 0.999],
    });
  });

  test('400 samples, 20% validation, batch 32: 320 training points make 10 steps per epoch', () => {
    const config = parseExperimentConfig(minimal);
    expect(stepsPerEpoch(config)).toBe(10);
    expect(totalSteps(config)).toBe(500);
    const bySteps = parseExperimentConfig({ ...minimal, training: { steps: 123, batchSize: 100 } });
    // ceil(320 / 100) = 4 steps per epoch, the last with 20 points.
    expect(stepsPerEpoch(bySteps)).toBe(4);
    expect(totalSteps(bySteps)).toBe(123);
  });

  test('parsing is idempotent: a parsed config parses to itself', () => {
    const config = parseExperimentConfig({
      seed: 7,
      dataset: { type: 'spiral', noise: 0 },
      training: { steps: 100 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
          scheduler: { type: 'StepLR', stepSize: 10 },
        },
        { id: 'b', optimizer: { type: 'AdamW' } },
      ],
    });
    expect(parseExperimentConfig(config)).toEqual(config);
  });

  test('the top-level seed derives distinct dataset, model and shuffle seeds; explicit ones win', () => {
    const a = parseExperimentConfig({ ...minimal, seed: 5 });
    const b = parseExperimentConfig({ ...minimal, seed: 6 });
    const seeds = [a.dataset.seed, a.model.seed, a.training.shuffleSeed];
    expect(new Set(seeds).size).toBe(3);
    expect(b.dataset.seed).not.toBe(a.dataset.seed);
    const fixed = parseExperimentConfig({ ...minimal, seed: 6, dataset: { seed: 42 } });
    expect(fixed.dataset.seed).toBe(42);
    expect(fixed.model.seed).toBe(b.model.seed);
  });

  test('labels default to optimizer + scheduler; ids must be unique', () => {
    const config = parseExperimentConfig({
      runs: [
        {
          optimizer: { type: 'SGD' },
          scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 },
        },
      ],
    });
    expect(config.runs[0].label).toBe('SGD + OneCycleLR');
    expect(
      messageOf({
        runs: [
          { id: 'x', optimizer: { type: 'SGD' } },
          { id: 'x', optimizer: { type: 'Adam' } },
        ],
      }),
    ).toBe('runs[1].id: duplicate id "x"');
  });

  test.each([
    [{ runs: [] }, /^runs: must contain at least one run/],
    [{}, /^runs: /],
    [
      { runs: [{ optimizer: { type: 'Adam' } }], dataset: { type: 'donut' } },
      /^dataset\.type: must be one of circle, xor/,
    ],
    [
      { ...minimal, dataset: { samples: 5 } },
      /^dataset\.samples: must be an integer in \[10, 100000\]/,
    ],
    [
      { ...minimal, dataset: { validationFraction: 1 } },
      /^dataset\.validationFraction: must be a number in \[0, 0\.9\]/,
    ],
    [
      { ...minimal, model: { hidden: [16, 0] } },
      /^model\.hidden\[1\]: must be an integer in \[1, 1024\]/,
    ],
    [
      { ...minimal, model: { activation: 'swish' } },
      /^model\.activation: must be one of relu, leakyRelu/,
    ],
    [
      { ...minimal, training: { epochs: 2, steps: 3 } },
      /^training: give either epochs or steps, not both/,
    ],
    [{ ...minimal, training: { batchSize: 0 } }, /^training\.batchSize: must be an integer/],
    [{ ...minimal, seed: -1 }, /^seed: must be an integer seed >= 0/],
    [{ ...minimal, dataset: { sample: 400 } }, /^dataset\.sample: unknown field/],
    [
      { runs: [{ optimizer: { type: 'Adam' } }, { optimizer: { type: 'Adam', lr: -1 } }] },
      /^runs\[1\]\.optimizer\.lr: /,
    ],
    [
      { runs: [{ optimizer: { type: 'Adamm' } }] },
      /^runs\[0\]\.optimizer\.type: unknown optimizer "Adamm"/,
    ],
    [{ runs: [{}] }, /^runs\[0\]\.optimizer: is required/],
    [
      { runs: [{ optimizer: { type: 'SGD' }, scheduler: { type: 'StepLR' } }] },
      /^runs\[0\]\.scheduler\.stepSize: /,
    ],
    [
      { runs: [{ optimizer: { type: 'SGD' }, schedulerStepOn: 'step' }] },
      /^runs\[0\]\.schedulerStepOn: must be 'batch' or 'epoch'/,
    ],
    [null, /^experiment config must be an object/],
    [{ ...minimal, dataset: 'circle' }, /^dataset: must be an object, got "circle"/],
    [{ runs: ['Adam'] }, /^runs\[0\]: must be an object, got "Adam"/],
  ])('rejects %j naming the field', (input, expected) => {
    expect(messageOf(input)).toMatch(expected);
  });

  test('errors are ConfigErrors carrying the path separately', () => {
    try {
      parseExperimentConfig({ runs: [{ optimizer: { type: 'SGD', momentum: 'high' } }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).path).toBe('runs[0].optimizer.momentum');
    }
  });
});
