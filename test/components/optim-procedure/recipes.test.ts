/**
 * The procedure's pure parts that make runs: the published presets, step 2's grid, step 5's
 * schedules and the recipe helpers. Every run they make must be an experiment the trainer
 * accepts and toPyTorch exports; the numbers are worked out in the comments.
 */
import { describe, expect, test } from 'vitest';
import { gridAround, gridRunsAround } from '../../../components/optim-procedure/grid';
import { PRESETS, warmupCosine } from '../../../components/optim-procedure/presets';
import { readProblem } from '../../../components/optim-procedure/problem';
import {
  makeRecipe,
  sameRun,
  scheduleSpan,
  withLr,
} from '../../../components/optim-procedure/recipe';
import {
  SCHEDULE_CHOICES,
  scheduleFor,
  withSchedule,
} from '../../../components/optim-procedure/schedules';
import { toPyTorch } from '../../../src/export/index';
import { experimentHorizon, parseExperimentConfig } from '../../../src/protocol/experiment';
import type { RunConfigInput } from '../../../src/protocol/experiment';

// The default problem: 400 spiral points, 320 for training in batches of 32 -> 10 steps an
// epoch; 50 epochs -> 500 steps.
const settings = readProblem({}).settings;
const horizon = experimentHorizon(settings);

const valid = (run: RunConfigInput) => parseExperimentConfig(makeRecipe(settings, run));

describe('the problem and its recipe', () => {
  test('defaults: the spiral at noise 0.05, a 32-32 MLP, 50 epochs of 10 steps', () => {
    expect(settings).toEqual({
      dataset: { type: 'spiral', noise: 0.05 },
      model: { hidden: [32, 32] },
      training: { epochs: 50 },
    });
    expect(horizon).toEqual({ stepsPerEpoch: 10, totalSteps: 500 });
    expect(scheduleSpan(horizon, 'epoch')).toBe(50);
  });

  test('attributes are read as the lab reads them, problems named by attribute', () => {
    const setup = readProblem({ dataset: 'moons', epochs: 'ten', layers: '4' });
    expect(setup.settings.dataset).toEqual({ type: 'moons', noise: 0.05 });
    expect(setup.settings.model).toEqual({ hidden: [4] });
    expect(setup.settings.training).toEqual({ epochs: 50 });
    expect(setup.problems.map((p) => p.attribute)).toEqual(['epochs']);
    // A length in steps (from config) replaces the default epochs instead of clashing.
    const steps = readProblem({ config: '{"training":{"steps":120}}' }).settings;
    expect(steps.training).toEqual({ steps: 120 });
  });

  test('withLr keeps OneCycleLR peaking at the lr the recipe says', () => {
    const run: RunConfigInput = {
      optimizer: { type: 'AdamW', lr: 1e-3 },
      scheduler: { type: 'OneCycleLR', maxLr: 1e-3, totalSteps: 500 },
    };
    expect(withLr(run, 0.03)).toEqual({
      optimizer: { type: 'AdamW', lr: 0.03 },
      scheduler: { type: 'OneCycleLR', maxLr: 0.03, totalSteps: 500 },
    });
    expect(sameRun(run, { ...run, label: 'x', id: 'y' })).toBe(true);
    expect(sameRun(run, withLr(run, 0.03))).toBe(false);
  });
});

describe('presets', () => {
  test.each(PRESETS.map((p) => [p.name, p] as const))(
    '%s is a valid run that toPyTorch exports',
    (_name, preset) => {
      const run = preset.run(horizon);
      expect(() => valid(run)).not.toThrow();
      expect(toPyTorch(makeRecipe(settings, run))).toContain(`torch.optim.${run.optimizer.type}(`);
    },
  );

  test('ResNet: milestones at half and three quarters of 50 epochs, stepped per epoch', () => {
    const run = PRESETS[0].run(horizon);
    expect(run.scheduler).toEqual({ type: 'MultiStepLR', milestones: [25, 38], gamma: 0.1 });
    expect(run.schedulerStepOn).toBe('epoch');
    // Two epochs: the milestones stay distinct and reachable.
    expect(PRESETS[0].run({ stepsPerEpoch: 5, totalSteps: 10 }).scheduler).toEqual({
      type: 'MultiStepLR',
      milestones: [1, 2],
      gamma: 0.1,
    });
  });

  test('warm-up: a tenth of 500 steps linear from 1 %, then cosine over the other 450', () => {
    expect(warmupCosine(horizon)).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.01, totalIters: 50 },
        { type: 'CosineAnnealingLR', tMax: 450 },
      ],
      milestones: [50],
    });
  });
});

describe('the grid around a recipe', () => {
  test('SGD: lr at a third, once and three times, crossed with three momenta', () => {
    const run = PRESETS[0].run(horizon);
    expect(gridAround(run)).toEqual({ lr: [0.0333, 0.1, 0.3], momentum: [0.8, 0.9, 0.95] });
    const runs = gridRunsAround(run);
    expect(runs).toHaveLength(9);
    expect(runs.map((r) => r.id)).toEqual(Array.from({ length: 9 }, (_, i) => `grid-${i}`));
    expect(runs[8].optimizer).toEqual({ type: 'SGD', lr: 0.3, momentum: 0.95, weightDecay: 1e-4 });
    expect(runs[8].label).toBe('SGD + MultiStepLR lr=0.3 momentum=0.95');
    for (const r of runs) expect(() => valid(r)).not.toThrow();
  });

  test('Adam family: beta1; RMSprop: its momentum from 0', () => {
    expect(gridAround({ optimizer: { type: 'AdamW', lr: 0.01 } })).toEqual({
      lr: [0.00333, 0.01, 0.03],
      'betas.0': [0.8, 0.9, 0.95],
    });
    expect(gridAround({ optimizer: { type: 'RMSprop', lr: 0.01 } })).toEqual({
      lr: [0.00333, 0.01, 0.03],
      momentum: [0, 0.5, 0.9],
    });
  });

  test('1cycle cycles the momentum itself: the weight decay varies, and the peak follows the lr', () => {
    const run = PRESETS[2].run(horizon);
    expect(gridAround(run)).toEqual({ lr: [0.000333, 0.001, 0.003], weightDecay: [0, 1e-3, 1e-2] });
    const runs = gridRunsAround(run);
    for (const r of runs) {
      expect(r.scheduler).toMatchObject({
        type: 'OneCycleLR',
        maxLr: (r.optimizer as { lr: number }).lr,
      });
    }
  });
});

describe('step 5 schedules', () => {
  test.each(SCHEDULE_CHOICES.map((type) => [type]))('%s fits the training and is valid', (type) => {
    const schedule = scheduleFor(type, 0.02, horizon);
    expect(schedule.scheduler.type).toBe(type);
    const run = withSchedule({ optimizer: { type: 'Adam', lr: 0.02 } }, schedule);
    expect(() => valid(run)).not.toThrow();
    expect(toPyTorch(makeRecipe(settings, run))).toContain(`lr_scheduler.${type}(`);
  });

  test('their lengths, for 50 epochs of 10 steps', () => {
    const of = (type: (typeof SCHEDULE_CHOICES)[number]) => scheduleFor(type, 0.02, horizon);
    expect(of('StepLR')).toEqual({
      scheduler: { type: 'StepLR', stepSize: 17, gamma: 0.1 }, // round(50 / 3)
      schedulerStepOn: 'epoch',
    });
    expect(of('MultiStepLR').scheduler).toEqual({
      type: 'MultiStepLR',
      milestones: [25, 38],
      gamma: 0.1,
    });
    expect(of('ReduceLROnPlateau').scheduler).toEqual({
      type: 'ReduceLROnPlateau',
      factor: 0.1,
      patience: 5,
    });
    expect(of('OneCycleLR')).toEqual({
      scheduler: { type: 'OneCycleLR', maxLr: 0.02, totalSteps: 500 },
      schedulerStepOn: 'batch',
    });
    // Restarts after 71, 71 + 142 = 213 and 213 + 284 = 497 of the 500 steps (1/7, 3/7, 7/7).
    expect(of('CosineAnnealingWarmRestarts').scheduler).toEqual({
      type: 'CosineAnnealingWarmRestarts',
      t0: 71,
      tMult: 2,
    });
  });
});
