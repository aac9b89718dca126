// Schedule lengths left to the training (src/protocol/horizon.ts): filled from the horizon
// of the moment, given ones kept, SequentialLR's inner spans after their milestones, per
// epoch in epochs. The truth is the horizon rule (ceil(train points / batch) per epoch,
// times epochs) worked out by hand in each case.
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import {
  fillExperimentHorizons,
  fillScheduleHorizon,
  followTraining,
  followedLengths,
  scheduleSpan,
} from '../../src/protocol/horizon';
import type { LabExperimentInput, SchedulerConfigInput } from '../../src/protocol/horizon';

const warmupCosine: SchedulerConfigInput = {
  type: 'SequentialLR',
  schedulers: [
    { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
    { type: 'CosineAnnealingLR' },
  ],
  milestones: [10],
};

describe('fillScheduleHorizon', () => {
  it('fills each scheduler option that spans the training, and nothing else', () => {
    expect(fillScheduleHorizon({ type: 'OneCycleLR', maxLr: 0.1 }, 300)).toEqual({
      type: 'OneCycleLR',
      maxLr: 0.1,
      totalSteps: 300,
    });
    expect(fillScheduleHorizon({ type: 'CosineAnnealingLR' }, 300)).toEqual({
      type: 'CosineAnnealingLR',
      tMax: 300,
    });
    expect(fillScheduleHorizon({ type: 'PolynomialLR', power: 2 }, 300)).toEqual({
      type: 'PolynomialLR',
      power: 2,
      totalIters: 300,
    });
    // LinearLR's totalIters is a warm-up's length, not the training's: torch's default stays.
    expect(fillScheduleHorizon({ type: 'LinearLR' }, 300)).toEqual({ type: 'LinearLR' });
    expect(fillScheduleHorizon({ type: 'StepLR', stepSize: 7 }, 300)).toEqual({
      type: 'StepLR',
      stepSize: 7,
    });
  });

  it('keeps a length that is given', () => {
    const given = { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 50 } as const;
    expect(fillScheduleHorizon(given, 300)).toEqual(given);
  });

  it('spans the steps after the milestone inside SequentialLR', () => {
    // 300 steps, a 10-step warm-up: the cosine anneals over the other 290.
    expect(fillScheduleHorizon(warmupCosine, 300)).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
        { type: 'CosineAnnealingLR', tMax: 290 },
      ],
      milestones: [10],
    });
  });

  it('passes what is not a config through for the validator to name', () => {
    expect(fillScheduleHorizon(null as unknown as SchedulerConfigInput, 10)).toBeNull();
    expect(fillScheduleHorizon({ type: 'OneCycleLR', maxLr: 1 }, Number.NaN)).toEqual({
      type: 'OneCycleLR',
      maxLr: 1,
      totalSteps: 1,
    });
  });
});

describe('followedLengths and followTraining', () => {
  it('name the lengths left to the training, by their path in the config', () => {
    expect(followedLengths({ type: 'OneCycleLR', maxLr: 0.1 })).toEqual(['totalSteps']);
    expect(followedLengths({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 9 })).toEqual([]);
    expect(followedLengths(warmupCosine)).toEqual(['schedulers[1].tMax']);
    expect(followedLengths({ type: 'StepLR', stepSize: 3 })).toEqual([]);
    expect(followedLengths(undefined)).toEqual([]);
  });

  it('followTraining leaves every such length out, the rest as it is', () => {
    expect(followTraining({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 9 })).toEqual({
      type: 'OneCycleLR',
      maxLr: 0.1,
    });
    expect(followTraining(fillScheduleHorizon(warmupCosine, 300))).toEqual(warmupCosine);
    expect(followTraining({ type: 'LinearLR', totalIters: 4 })).toEqual({
      type: 'LinearLR',
      totalIters: 4,
    });
  });
});

describe('fillExperimentHorizons', () => {
  const experiment = (training: object, dataset: object = {}): LabExperimentInput => ({
    dataset: { samples: 200, ...dataset },
    training,
    runs: [
      { optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1 } },
      {
        optimizer: { type: 'SGD', lr: 0.1 },
        scheduler: { type: 'CosineAnnealingLR' },
        schedulerStepOn: 'epoch',
      },
      { optimizer: { type: 'Adam' } },
    ],
  });
  const lengths = (input: LabExperimentInput) =>
    fillExperimentHorizons(input).runs.map((run) => {
      const scheduler = run.scheduler as unknown as Record<string, unknown> | undefined;
      return scheduler?.totalSteps ?? scheduler?.tMax;
    });

  it('fills from the experiment as it is now, so another training length gives other lengths', () => {
    // 200 points, 20% validation: 160 to train on; batch 32: 5 steps per epoch.
    expect(lengths(experiment({ epochs: 4 }))).toEqual([20, 4, undefined]);
    expect(lengths(experiment({ epochs: 10 }))).toEqual([50, 10, undefined]);
    // Batch 16: 10 steps per epoch.
    expect(lengths(experiment({ epochs: 4, batchSize: 16 }))).toEqual([40, 4, undefined]);
    expect(lengths(experiment({ steps: 33 }))).toEqual([33, 7, undefined]);
  });

  it('counts custom points: 10 points, 8 to train on, batch 4 -> 2 steps per epoch', () => {
    const points = Array.from({ length: 10 }, (_, i) => [i / 10, -i / 10, i % 2]);
    const input = experiment({ epochs: 3, batchSize: 4 }, { type: 'custom', points });
    delete (input.dataset as { samples?: number }).samples;
    expect(lengths(input)).toEqual([6, 3, undefined]);
    // And the result is a config the trainer's parser accepts as it is.
    expect(() => parseExperimentConfig(fillExperimentHorizons(input))).not.toThrow();
  });

  it('scheduleSpan: optimizer steps, or epochs (rounded) for a run stepped per epoch', () => {
    expect(scheduleSpan({ stepsPerEpoch: 5, totalSteps: 33 })).toBe(33);
    expect(scheduleSpan({ stepsPerEpoch: 5, totalSteps: 33 }, 'epoch')).toBe(7);
    expect(scheduleSpan({ stepsPerEpoch: 5, totalSteps: 1 }, 'epoch')).toBe(1);
  });
});
