/**
 * Stochastic Weight Averaging in the Trainer, against values derived by hand: when the
 * average takes the weights in (the end of every epoch from `start` on), the lr SWALR sets
 * from then on while the run's own scheduler rests, the average being the equal mean of the
 * epoch-end weights (fused CPU engine, to float32 rounding), what a frozen run's average
 * scores, and predictGrid's `weights: 'swa'`. Both engines; PyTorch itself checks the rest
 * (test/export/pytorch-reference.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CpuFusedEngine } from '../../src/fused';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import type { EngineChoice, EngineRun } from '../../src/train/engine';
import { TrainingRun } from '../../src/train/run';
import { Session } from '../../src/train/session';
import { Trainer } from '../../src/train/trainer';
import { collect, useCpu } from './helpers';

beforeAll(useCpu);

let trainer: Trainer | undefined;
afterEach(async () => {
  await trainer?.dispose();
  trainer = undefined;
  expect(tf.memory().numTensors).toBe(0);
});

/** 100 points, 20 held out: 80 / batch 16 = 5 steps per epoch, an evaluation each. */
const base = (runs: ExperimentConfigInput['runs'], epochs = 6): ExperimentConfigInput => ({
  seed: 4,
  dataset: { type: 'circle', samples: 100 },
  model: { hidden: [8] },
  training: { batchSize: 16, epochs },
  runs,
});

describe.each(['ops', 'fused'] as EngineChoice[])('SWA on the %s engine', (engine) => {
  test("the run's scheduler until epoch `start`, then SWALR at each epoch's end, averaging there", async () => {
    trainer = new Trainer({ engine });
    await trainer.configure(
      base([
        {
          id: 'swa',
          optimizer: { type: 'SGD', lr: 0.1 },
          scheduler: { type: 'StepLR', stepSize: 1, gamma: 0.5 },
          schedulerStepOn: 'epoch',
          swa: { start: 2, swaLr: 0.01, annealEpochs: 2, annealStrategy: 'linear' },
        },
      ]),
    );
    const progress = await collect(trainer);
    await trainer.step(30);
    await progress.settle();
    const curve = progress.curve('swa');
    // StepLR halves the lr after epochs 0 and 1. At the end of epoch 2 (step 15) SWALR takes
    // over from 0.025: alpha = 1/2 gives 0.5 * 0.01 + 0.5 * 0.025 = 0.0175; at the end of
    // epoch 3 prev_lr = (0.0175 - 0.5 * 0.01) / 0.5 = 0.025 and alpha = 1 gives 0.01, then held.
    const perEpoch = [0.1, 0.05, 0.025, 0.0175, 0.01, 0.01];
    const expected = perEpoch.flatMap((lr) => Array<number>(5).fill(lr));
    expect(curve.lr).toHaveLength(30);
    curve.lr.forEach((lr, i) => expect(lr, `step ${i + 1}`).toBeCloseTo(expected[i], 7));
    expect(curve.evalSteps).toEqual([5, 10, 15, 20, 25, 30]);
    expect(curve.swaSteps).toEqual([15, 20, 25, 30]);
    const [run] = (await trainer.getState()).runs;
    expect(run.swa).toMatchObject({ averaged: 4 });
    expect(run.swa!.valLoss).toBe(curve.swaValLoss.at(-1));
    expect(run.swa!.trainLoss).toBe(curve.swaTrainLoss.at(-1));
    // An average of different weights scores differently from the last of them.
    expect(curve.swaValLoss.at(-1)).not.toBe(curve.valLoss.at(-1));
  });

  test('annealEpochs 0 jumps to swaLr at the first average; at swaLr 0 the run freezes, so its average is itself', async () => {
    trainer = new Trainer({ engine });
    await trainer.configure(
      base([
        {
          id: 'frozen',
          optimizer: { type: 'SGD', lr: 0.2 },
          scheduler: { type: 'OneCycleLR', maxLr: 0.3, totalSteps: 30 },
          swa: { start: 1, swaLr: 0, annealEpochs: 0 },
        },
      ]),
    );
    const progress = await collect(trainer);
    await trainer.step(30);
    await progress.settle();
    const curve = progress.curve('frozen');
    // OneCycleLR steps after every batch of epoch 0 only (steps 1-5), then rests; SWALR,
    // built at the end of epoch 1 (step 10), jumps to 0 at once.
    expect(new Set(curve.lr.slice(0, 6)).size).toBe(6);
    expect(curve.lr.slice(6, 10)).toEqual(Array<number>(4).fill(curve.lr[5]));
    expect(curve.lr.slice(10)).toEqual(Array<number>(20).fill(0));
    expect(curve.swaSteps).toEqual([10, 15, 20, 25, 30]);
    // SGD without momentum at lr 0 leaves the weights as they were at step 10: every average
    // of them is them.
    expect(curve.swaValLoss).toEqual(curve.valLoss.slice(1));
    expect(curve.swaTrainLoss).toEqual(Array<number>(5).fill(curve.swaTrainLoss[0]));
    const grid = await trainer.predictGrid('frozen', 5);
    const average = await trainer.predictGrid('frozen', 5, { weights: 'swa' });
    expect(Array.from(average.values)).toEqual(Array.from(grid.values));
  });

  test('ReduceLROnPlateau watches only the epochs before the average; a run without swa is untouched', async () => {
    trainer = new Trainer({ engine });
    const plateau = { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 10 };
    await trainer.configure(
      base(
        [
          { id: 'plain', optimizer: { type: 'SGD', lr: 0.1 }, scheduler: plateau },
          {
            id: 'swa',
            optimizer: { type: 'SGD', lr: 0.1 },
            scheduler: plateau,
            swa: { start: 1, swaLr: 0.1, annealEpochs: 0 },
          },
        ] as ExperimentConfigInput['runs'],
        4,
      ),
    );
    const progress = await collect(trainer);
    await trainer.step(20);
    await progress.settle();
    // threshold 10 (rel): no evaluation is ever an improvement, so every one halves the lr.
    const lrs = (id: string) => [1, 6, 11, 16].map((step) => progress.curve(id).lr[step - 1]);
    const f32 = (values: number[]) => values.map(Math.fround);
    expect(lrs('plain')).toEqual(f32([0.1, 0.05, 0.025, 0.0125]));
    // With SWA from epoch 1: the evaluation after epoch 0 halves it, then SWALR (annealEpochs
    // 0) sets swaLr at the end of epoch 1 and holds it; the plateau no longer acts.
    expect(lrs('swa')).toEqual(f32([0.1, 0.05, 0.1, 0.1]));
    expect(progress.curve('plain').swaSteps).toEqual([]);
    expect((await trainer.getState()).runs[0]).not.toHaveProperty('swa');
  });

  test('chunks of any size stop at every average: long chunks take in each epoch end once', async () => {
    // A clock that never moves: chunks double up to the trainer's cap, far past an epoch.
    trainer = new Trainer({ engine, now: () => 0, chunkTargetMs: 1e9 });
    await trainer.configure({
      ...base([{ id: 'a', optimizer: { type: 'SGD', lr: 0.05 }, swa: { start: 20, swaLr: 0.02 } }]),
      training: { batchSize: 16, steps: 2003, evalEvery: 1000 },
    });
    await trainer.step(2003);
    // Epoch ends 21 * 5 = 105, 110, ..., 2000: (2000 - 105) / 5 + 1 = 380 averages.
    const [run] = (await trainer.getState()).runs;
    expect(run.step).toBe(2003);
    expect(run.swa?.averaged).toBe(380);
  });

  test("predictGrid({ weights: 'swa' }) before the average exists, or for a run without swa, is refused", async () => {
    trainer = new Trainer({ engine });
    await trainer.configure(
      base([
        { id: 'a', optimizer: { type: 'Adam', lr: 0.01 }, swa: { start: 1, swaLr: 0.005 } },
        { id: 'b', optimizer: { type: 'Adam', lr: 0.01 } },
      ]),
    );
    await trainer.step(9);
    await expect(trainer.predictGrid('a', 4, { weights: 'swa' })).rejects.toThrow(
      'options.weights: run "a" has no SWA average yet: it begins at the end of epoch 2',
    );
    await expect(trainer.predictGrid('b', 4, { weights: 'swa' })).rejects.toThrow(
      'options.weights: run "b" has no swa option',
    );
    await expect(
      trainer.predictGrid('a', 4, { weights: 'mean' } as unknown as { weights: 'swa' }),
    ).rejects.toThrow(`options.weights: must be 'run' or 'swa', got "mean"`);
    await trainer.step(1);
    const average = await trainer.predictGrid('a', 4, { weights: 'swa' });
    expect(average.values).toHaveLength(16);
  });

  test('a new swa setting starts the average afresh (refused ones change nothing); reset clears it', async () => {
    trainer = new Trainer({ engine });
    await trainer.configure(
      base([
        {
          id: 'a',
          optimizer: { type: 'SGD', lr: 0.1 },
          swa: { start: 0, swaLr: 0.05, annealEpochs: 0 },
        },
      ]),
    );
    const progress = await collect(trainer);
    await trainer.step(10);
    expect((await trainer.getState()).runs[0].swa?.averaged).toBe(2);
    await expect(trainer.updateRun('a', { swa: { start: 0, swaLr: -1 } })).rejects.toThrow(
      'update.swa.swaLr: must be a finite number >= 0, got -1',
    );
    expect((await trainer.getState()).runs[0].swa?.averaged).toBe(2);
    // Start already past: the average begins again at the next epoch end (step 15).
    await trainer.updateRun('a', { swa: { start: 1, swaLr: 0.02, annealEpochs: 0 } });
    expect((await trainer.getState()).runs[0].swa).toMatchObject({ averaged: 0 });
    await trainer.step(5);
    await progress.settle();
    const curve = progress.curve('a');
    expect(curve.swaSteps).toEqual([5, 10, 15]);
    expect((await trainer.getState()).runs[0].swa?.averaged).toBe(1);
    // A new SWALR (annealEpochs 0) took over at step 15: swaLr at once.
    expect((await trainer.getState()).runs[0].lr).toBeCloseTo(0.02, 8);
    await trainer.updateRun('a', { swa: null });
    expect((await trainer.getState()).runs[0]).not.toHaveProperty('swa');
    await trainer.reset();
    await trainer.updateRun('a', { swa: { start: 0, swaLr: 0.05 } });
    await trainer.reset();
    expect((await trainer.getState()).runs[0].swa).toEqual({
      averaged: 0,
      valLoss: NaN,
      valAccuracy: NaN,
      trainLoss: NaN,
    });
  });
});

describe('the fused CPU engine keeps the equal mean of the epoch-end weights', () => {
  test("every average is the float64 mean of the weights at the SWA epochs' ends, to float32 rounding", async () => {
    const config = parseExperimentConfig(
      base([
        {
          optimizer: { type: 'SGD', lr: 0.3, momentum: 0.9 },
          swa: { start: 1, swaLr: 0.3, annealEpochs: 0 },
        },
      ]),
    );
    const session = new Session(config);
    const engine = new CpuFusedEngine(session);
    const run = new TrainingRun(config.runs[0]);
    const asEngineRun: EngineRun = run;
    engine.attach(asEngineRun, session.initialWeights);
    const snapshots: Float32Array[] = [];
    for (let epoch = 0; epoch < 6; epoch++) {
      const firstStep = epoch * 5;
      run.step = firstStep;
      const { hyper } = run.scheduleAhead(5, 5);
      const updateAverage = run.averagesAfter(firstStep + 5, 5) ? run.swaAveraged : undefined;
      await engine.train(5, [{ run, firstStep, hyper, evaluate: false, updateAverage }]);
      if (updateAverage === undefined) {
        expect(engine.averageOf(run)).toBeNull();
        continue;
      }
      run.swaAveraged++;
      snapshots.push(engine.weightsOf(run));
      const average = engine.averageOf(run)!;
      const mean = average.map(
        (_, i) => snapshots.reduce((sum, w) => sum + w[i], 0) / snapshots.length,
      );
      average.forEach((value, i) =>
        expect(Math.abs(value - mean[i]), `epoch ${epoch}, weight ${i}`).toBeLessThanOrEqual(
          4e-7 * Math.max(1, Math.abs(mean[i])) * snapshots.length,
        ),
      );
    }
    expect(snapshots).toHaveLength(5);
    // The weights did move between the epochs averaged.
    expect(snapshots[0]).not.toEqual(snapshots[4]);
    engine.dispose();
    run.dispose();
  });
});
