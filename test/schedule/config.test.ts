import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseSchedulerConfig,
  SCHEDULER_TYPES,
  SchedulerConfigError,
  schedulerDefaults,
} from '../../src/schedule';
import type { SchedulerType } from '../../src/schedule';

/** Defaults read by schedule_reference.py from torch's own constructor signatures. */
const torchDefaults = (
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../reference/schedule.json', import.meta.url)), 'utf8'),
  ) as { defaults: Record<string, Record<string, unknown>> }
).defaults;

describe('schedulerDefaults / parseSchedulerConfig defaults', () => {
  it('lists every scheduler type of the contract', () => {
    expect([...SCHEDULER_TYPES].sort()).toEqual(
      [...Object.keys(torchDefaults), 'None', 'SequentialLR'].sort(),
    );
  });

  it.each(Object.keys(torchDefaults))('%s has torch 1.13 defaults', (type) => {
    const { type: reportedType, ...defaults } = schedulerDefaults(type as SchedulerType);
    expect(reportedType).toBe(type);
    expect(defaults).toEqual(torchDefaults[type]);
  });

  it('fills defaults and keeps given options', () => {
    expect(
      parseSchedulerConfig({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100, pctStart: 0.5 }),
    ).toEqual({
      ...torchDefaults.OneCycleLR,
      type: 'OneCycleLR',
      maxLr: 0.1,
      totalSteps: 100,
      pctStart: 0.5,
    });
    expect(parseSchedulerConfig({ type: 'None' })).toEqual({ type: 'None' });
  });

  it('fills defaults inside SequentialLR', () => {
    const parsed = parseSchedulerConfig({
      type: 'SequentialLR',
      schedulers: [{ type: 'LinearLR' }, { type: 'CosineAnnealingLR', tMax: 10 }],
      milestones: [5],
    });
    expect(parsed).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 1 / 3, endFactor: 1, totalIters: 5 },
        { type: 'CosineAnnealingLR', tMax: 10, etaMin: 0 },
      ],
      milestones: [5],
    });
  });

  it('does not invent stepSizeDown for CyclicLR (torch: None means = stepSizeUp)', () => {
    const parsed = parseSchedulerConfig({ type: 'CyclicLR', baseLr: 0.01, maxLr: 0.1 });
    expect('stepSizeDown' in parsed).toBe(false);
  });
});

describe('parseSchedulerConfig errors name the field and what is allowed', () => {
  it.each<[string, unknown, string]>([
    [
      'unknown type',
      { type: 'Nope' },
      'scheduler.type: unknown scheduler "Nope"; expected one of None, StepLR, MultiStepLR',
    ],
    [
      'missing type',
      { stepSize: 3 },
      'scheduler.type: unknown scheduler undefined; expected one of',
    ],
    [
      'type on the prototype',
      { type: 'constructor' },
      'scheduler.type: unknown scheduler "constructor"',
    ],
    ['not an object', 'StepLR', 'scheduler: must be an object with a "type", got "StepLR"'],
    ['null', null, 'scheduler: must be an object with a "type", got null'],
    ['array', [], 'scheduler: must be an object with a "type", got []'],
    [
      'misspelled option',
      { type: 'StepLR', stepSize: 3, gama: 0.5 },
      'scheduler.gama: unknown option for StepLR; allowed: type, stepSize, gamma',
    ],
    [
      'snake_case option',
      { type: 'CosineAnnealingLR', T_max: 10 },
      'scheduler.tMax: is required for CosineAnnealingLR',
    ],
    ['missing required', { type: 'StepLR' }, 'scheduler.stepSize: is required for StepLR'],
    [
      'milestones decreasing',
      { type: 'MultiStepLR', milestones: [30, 10] },
      'scheduler.milestones: must be strictly increasing, got [30, 10]',
    ],
    [
      'milestones repeated',
      { type: 'MultiStepLR', milestones: [10, 10] },
      'scheduler.milestones: must be strictly increasing',
    ],
    [
      'milestone not integer',
      { type: 'MultiStepLR', milestones: [1.5] },
      'scheduler.milestones[0]: must be an integer >= 0, got 1.5',
    ],
    [
      'totalSteps 0',
      { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 0 },
      'scheduler.totalSteps: must be an integer >= 1, got 0',
    ],
    [
      'totalSteps float',
      { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 2.5 },
      'scheduler.totalSteps: must be an integer >= 1, got 2.5',
    ],
    [
      'maxLr NaN',
      { type: 'OneCycleLR', maxLr: Number.NaN, totalSteps: 10 },
      'scheduler.maxLr: must be a finite number > 0, got NaN',
    ],
    [
      'maxLr negative',
      { type: 'OneCycleLR', maxLr: -1, totalSteps: 10 },
      'scheduler.maxLr: must be a finite number > 0, got -1',
    ],
    [
      'gamma as a string',
      { type: 'ExponentialLR', gamma: '0.9' },
      'scheduler.gamma: must be a finite number > 0, got "0.9"',
    ],
    [
      'gamma Infinity',
      { type: 'ExponentialLR', gamma: Infinity },
      'scheduler.gamma: must be a finite number > 0, got Infinity',
    ],
    [
      'pctStart > 1',
      { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 10, pctStart: 1.5 },
      'scheduler.pctStart: must be in [0, 1], got 1.5',
    ],
    [
      'bad mode',
      { type: 'CyclicLR', baseLr: 0.1, maxLr: 1, mode: 'sawtooth' },
      "scheduler.mode: must be one of 'triangular', 'triangular2', 'exp_range', got \"sawtooth\"",
    ],
    [
      'bad boolean',
      { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 10, threePhase: 'yes' },
      'scheduler.threePhase: must be true or false, got "yes"',
    ],
    [
      'startFactor 0',
      { type: 'LinearLR', startFactor: 0 },
      'scheduler.startFactor: must be in (0, 1], got 0',
    ],
    [
      'plateau factor 1',
      { type: 'ReduceLROnPlateau', factor: 1 },
      'scheduler.factor: must be in [0, 1), got 1',
    ],
    [
      'patience negative',
      { type: 'ReduceLROnPlateau', patience: -1 },
      'scheduler.patience: must be an integer >= 0, got -1',
    ],
    [
      'thresholdMode',
      { type: 'ReduceLROnPlateau', thresholdMode: 'relative' },
      "scheduler.thresholdMode: must be one of 'rel', 'abs'",
    ],
    [
      'tMult 0',
      { type: 'CosineAnnealingWarmRestarts', t0: 10, tMult: 0 },
      'scheduler.tMult: must be an integer >= 1, got 0',
    ],
    [
      'annealStrategy',
      { type: 'SWALR', swaLr: 0.1, annealStrategy: 'step' },
      "scheduler.annealStrategy: must be one of 'cos', 'linear'",
    ],
    [
      'lrLambda syntax',
      { type: 'LambdaLR', lrLambda: '0.5 * )' },
      'scheduler.lrLambda: unexpected ")" at column 7',
    ],
    [
      'lrLambda name',
      { type: 'LambdaLR', lrLambda: 'foo' },
      'scheduler.lrLambda: unknown name "foo" at column 1; allowed: epoch',
    ],
    [
      'lrLambda not a string',
      { type: 'MultiplicativeLR', lrLambda: 0.95 },
      'scheduler.lrLambda: must be a string expression in epoch',
    ],
    [
      'nested error path',
      {
        type: 'SequentialLR',
        schedulers: [{ type: 'LinearLR' }, { type: 'CosineAnnealingLR', tMax: 0 }],
        milestones: [5],
      },
      'scheduler.schedulers[1].tMax: must be an integer >= 1, got 0',
    ],
    [
      'nested unknown type',
      { type: 'SequentialLR', schedulers: [{ type: 'Warmup' }], milestones: [] },
      'scheduler.schedulers[0].type: unknown scheduler "Warmup"',
    ],
    [
      'milestone count',
      {
        type: 'SequentialLR',
        schedulers: [{ type: 'LinearLR' }, { type: 'ExponentialLR', gamma: 0.9 }],
        milestones: [],
      },
      'scheduler.milestones: must have one fewer entry than schedulers (1), got 0',
    ],
    [
      'no schedulers',
      { type: 'SequentialLR', schedulers: [], milestones: [] },
      'scheduler.schedulers: must hold at least one scheduler',
    ],
    [
      'plateau in sequence',
      {
        type: 'SequentialLR',
        schedulers: [{ type: 'LinearLR' }, { type: 'ReduceLROnPlateau' }],
        milestones: [5],
      },
      'scheduler.schedulers[1].type: ReduceLROnPlateau cannot be chained by SequentialLR',
    ],
    [
      'None in sequence',
      { type: 'SequentialLR', schedulers: [{ type: 'None' }], milestones: [] },
      'scheduler.schedulers[0].type: None cannot be chained by SequentialLR',
    ],
    [
      'nested SequentialLR second',
      {
        type: 'SequentialLR',
        schedulers: [
          { type: 'LinearLR' },
          { type: 'SequentialLR', schedulers: [{ type: 'LinearLR' }], milestones: [] },
        ],
        milestones: [5],
      },
      'scheduler.schedulers[1].type: a nested SequentialLR can only be the first scheduler',
    ],
  ])('%s', (_name, input, message) => {
    expect(() => parseSchedulerConfig(input)).toThrow(message);
    expect(() => parseSchedulerConfig(input)).toThrow(SchedulerConfigError);
  });

  it('exposes the path and detail separately for callers that re-prefix it', () => {
    try {
      parseSchedulerConfig({ type: 'StepLR', stepSize: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SchedulerConfigError);
      expect((error as SchedulerConfigError).path).toBe('scheduler.stepSize');
      expect((error as SchedulerConfigError).detail).toBe('must be an integer >= 1, got 0');
    }
  });

  it('does not modify its input', () => {
    const input = { type: 'StepLR', stepSize: 3 };
    parseSchedulerConfig(input);
    expect(input).toEqual({ type: 'StepLR', stepSize: 3 });
  });
});
