/**
 * Whole experiments on the fused CPU engine against the op-by-op engine (the reference) on
 * TF.js's cpu backend: same losses, gradient norms, lr/momentum, evaluations and decision
 * grid, step by step, across optimizers (every fixture's stateful config), schedulers (batch-
 * and epoch-stepped, momentum-cycling, ReduceLROnPlateau), activations, inits, both tasks,
 * the L2 penalty, mid-experiment changes (added run, lr change, optimizer swap, reset), and
 * Stochastic Weight Averaging (its evaluations and the average's decision grid).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import type { EngineChoice } from '../../src/train/engine';
import { Trainer } from '../../src/train/trainer';
import { STATEFUL_CONFIGS } from '../optim/cases';
import { expectClose } from './close';
import { collect, useCpu } from '../train/helpers';

beforeAll(useCpu);

const trainers: Trainer[] = [];
afterEach(async () => {
  for (const trainer of trainers.splice(0)) await trainer.dispose();
  expect(tf.memory().numTensors).toBe(0);
});

/** What a test does to the trainer; `settle` lets throttled progress arrive (reset drops the rest). */
type Script = (trainer: Trainer, settle: () => Promise<void>) => Promise<void>;

/** Runs `script` on a fresh trainer with `engine`; returns every run's curves and grids. */
async function record(engine: EngineChoice, config: ExperimentConfigInput, script: Script) {
  const trainer = new Trainer({ engine });
  trainers.push(trainer);
  await trainer.configure(config);
  expect(trainer.engineInfo?.implementation).toBe(engine === 'fused' ? 'fused-cpu' : 'ops');
  const progress = await collect(trainer);
  await script(trainer, progress.settle);
  await progress.settle();
  const state = await trainer.getState();
  const grids = await Promise.all(state.runs.map((run) => trainer.predictGrid(run.id, 9)));
  const averaged = state.runs.filter((run) => (run.swa?.averaged ?? 0) > 0);
  const swaGrids = await Promise.all(
    averaged.map((run) => trainer.predictGrid(run.id, 9, { weights: 'swa' })),
  );
  return { curves: progress.curves, state, grids: [...grids, ...swaGrids] };
}

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) =>
  expectClose(actual, expected, what, 1e-5, 1e-7);

async function compare(config: ExperimentConfigInput, script: Script) {
  const ops = await record('ops', config, script);
  const fused = await record('fused', config, script);
  expect(fused.state.runs.map((r) => [r.id, r.step, r.status, r.swa?.averaged])).toEqual(
    ops.state.runs.map((r) => [r.id, r.step, r.status, r.swa?.averaged]),
  );
  for (const [id, reference] of ops.curves) {
    const curve = fused.curves.get(id)!;
    expect(curve.steps, id).toEqual(reference.steps);
    expect(curve.evalSteps, id).toEqual(reference.evalSteps);
    expect(curve.lr, id).toEqual(reference.lr);
    expect(curve.momentum, id).toEqual(reference.momentum);
    close(curve.loss, reference.loss, `${id} loss`);
    close(curve.gradNorm, reference.gradNorm, `${id} gradNorm`);
    close(curve.valLoss, reference.valLoss, `${id} valLoss`);
    close(curve.trainAccuracy, reference.trainAccuracy, `${id} trainAccuracy`);
    expect(curve.swaSteps, id).toEqual(reference.swaSteps);
    close(curve.swaValLoss, reference.swaValLoss, `${id} SWA valLoss`);
    close(curve.swaValAccuracy, reference.swaValAccuracy, `${id} SWA valAccuracy`);
    close(curve.swaTrainLoss, reference.swaTrainLoss, `${id} SWA trainLoss`);
  }
  expect(fused.grids).toHaveLength(ops.grids.length);
  fused.grids.forEach((grid, i) => close(grid.values, ops.grids[i].values, `grid ${i}`));
  return fused;
}

const small = (overrides: Partial<ExperimentConfigInput>): ExperimentConfigInput => ({
  seed: 12,
  dataset: { type: 'circle', samples: 120 },
  model: { hidden: [8, 6] },
  // 96 training points / batch 16: 6 steps per epoch, an evaluation each.
  training: { batchSize: 16, steps: 36 },
  runs: [],
  ...overrides,
});

describe('fused CPU engine vs op-by-op engine, whole experiments', () => {
  test('every optimizer and option of the fixtures, with the L2 penalty', async () => {
    const runs = STATEFUL_CONFIGS.map((optimizer) => ({ optimizer }));
    await compare(small({ model: { hidden: [8, 6], l2: 1e-3 }, runs }), (t) => t.step(36));
  });

  test('schedulers: per batch, per epoch, cycling momentum, plateau, chained', async () => {
    const runs = [
      {
        optimizer: { type: 'SGD', lr: 0.5, momentum: 0.9, nesterov: true },
        scheduler: { type: 'OneCycleLR', maxLr: 0.5, totalSteps: 36 },
      },
      {
        optimizer: { type: 'Adam', lr: 0.05 },
        scheduler: {
          type: 'CyclicLR',
          baseLr: 0.001,
          maxLr: 0.05,
          stepSizeUp: 5,
          cycleMomentum: false,
        },
      },
      {
        optimizer: { type: 'RMSprop', lr: 0.01, momentum: 0.5 },
        scheduler: { type: 'StepLR', stepSize: 2, gamma: 0.5 },
        schedulerStepOn: 'epoch',
      },
      {
        optimizer: { type: 'SGD', lr: 0.2 },
        scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 0.5 },
      },
      {
        optimizer: { type: 'Lookahead', k: 4, optimizer: { type: 'NAdam', lr: 0.02 } },
        scheduler: {
          type: 'SequentialLR',
          schedulers: [
            { type: 'LinearLR', startFactor: 0.1, totalIters: 6 },
            { type: 'CosineAnnealingWarmRestarts', t0: 5 },
          ],
          milestones: [6],
        },
      },
    ] as ExperimentConfigInput['runs'];
    await compare(small({ runs }), (t) => t.step(36));
  });

  test.each([
    ['tanh', 'glorot', 'sine'],
    ['sigmoid', 'auto', 'xor'],
    ['gelu', 'he', 'moons'],
    ['leakyRelu', 'auto', 'plane'],
    ['linear', 'auto', 'gaussian'],
  ] as const)('%s activation, %s init, %s data', async (activation, init, type) => {
    const runs = [
      { optimizer: { type: 'Adam', lr: 0.02, amsgrad: true } },
      { optimizer: { type: 'RAdam', lr: 0.05 } },
      { optimizer: { type: 'Adadelta', weightDecay: 0.01, maximize: false } },
    ] as ExperimentConfigInput['runs'];
    await compare(
      small({
        dataset: { type, samples: 120 },
        model: { hidden: [7, 5], activation, init, l2: type === 'sine' ? 1e-3 : 0 },
        runs,
      }),
      (t) => t.step(30),
    );
  });

  test('SWA: starts, anneals, schedulers per batch, per epoch and on plateaus, Lookahead, evalEvery off the epochs', async () => {
    const runs = [
      {
        optimizer: { type: 'SGD', lr: 0.3, momentum: 0.9 },
        scheduler: { type: 'OneCycleLR', maxLr: 0.5, totalSteps: 42 },
        swa: { start: 2, swaLr: 0.05, annealEpochs: 2 },
      },
      {
        optimizer: { type: 'Adam', lr: 0.03 },
        scheduler: { type: 'StepLR', stepSize: 1, gamma: 0.7 },
        schedulerStepOn: 'epoch',
        swa: { start: 0, swaLr: 0.01, annealEpochs: 3, annealStrategy: 'linear' },
      },
      {
        optimizer: { type: 'SGD', lr: 0.2 },
        scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 0.5 },
        swa: { start: 3, swaLr: 0.02, annealEpochs: 0 },
      },
      {
        optimizer: { type: 'Lookahead', k: 3, optimizer: { type: 'RMSprop', lr: 0.01 } },
        swa: { start: 4, swaLr: 0.005 },
      },
      { optimizer: { type: 'AdamW', lr: 0.02 } },
    ] as ExperimentConfigInput['runs'];
    // 6 steps per epoch, evaluations every 4 steps: the averages at epoch ends fall between.
    const fused = await compare(
      small({ training: { batchSize: 16, steps: 42, evalEvery: 4 }, runs }),
      (t) => t.step(42),
    );
    // Averages since the ends of epochs 2, 0, 3, 4 (of 7): evaluated at steps 20, 8, 24, 32 on.
    expect(fused.state.runs.map((run) => run.swa?.averaged)).toEqual([5, 7, 4, 3, undefined]);
    expect([...fused.curves.values()].map((c) => c.swaSteps[0])).toEqual([
      20,
      8,
      24,
      32,
      undefined,
    ]);
    expect(fused.grids).toHaveLength(5 + 4);
  });

  test('mid-experiment: an added run, an lr change, an optimizer swap, a reset', async () => {
    const config = small({
      training: { batchSize: 100, steps: 40, evalEvery: 7 },
      runs: [
        { id: 'a', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
        { id: 'b', optimizer: { type: 'Adam', lr: 0.01 } },
      ],
    });
    await compare(config, async (t, settle) => {
      await t.step(9);
      await t.addRun({ id: 'late', optimizer: { type: 'Adagrad', lr: 0.1, lrDecay: 0.01 } });
      await t.updateRun('a', { optimizer: { type: 'SGD', lr: 0.03, momentum: 0.9 } });
      await t.updateRun('b', { swa: { start: 0, swaLr: 0.005, annealEpochs: 1 } });
      await t.step(6);
      await t.updateRun('b', { optimizer: { type: 'Lookahead', optimizer: { type: 'AdamW' } } });
      await settle();
      await t.removeRun('late');
      await t.step(5);
      await settle();
      await t.reset();
      await t.step(12);
    });
  });
});
