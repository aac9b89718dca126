/**
 * findLr through the Trainer on the cpu backend: it sees the runs' starting weights and
 * batches, leaves the runs exactly as they were, stops when the loss blows up, suggests a
 * plausible lr for Adam on the circle data, and frees every tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { MAX_EPOCHS } from '../../src/protocol/experiment';
import { Trainer } from '../../src/train/trainer';
import { collect, useCpu } from './helpers';

beforeAll(useCpu);

let trainer: Trainer;
afterEach(async () => {
  await trainer?.dispose();
  expect(tf.memory().numTensors).toBe(0);
});

// 160 training points / batch 16 = 10 steps per epoch: a 100-step ramp crosses 10 epochs.
const circle = {
  seed: 3,
  dataset: { type: 'circle', samples: 200 },
  model: { hidden: [16, 16] },
  training: { batchSize: 16, steps: 200 },
};

/** The debiased EMA written as its closed form: a weighted mean of the losses so far. */
function closedFormEma(losses: ArrayLike<number>, beta: number): number[] {
  return Array.from(losses, (_, n) => {
    let sum = 0;
    for (let i = 0; i <= n; i++) sum += (1 - beta) * beta ** (n - i) * losses[i];
    return sum / (1 - beta ** (n + 1));
  });
}

describe('findLr on the circle data', () => {
  test('Adam: a full ramp or an early stop, a suggestion in a plausible band, no leaks', async () => {
    trainer = new Trainer();
    await trainer.configure({ ...circle, runs: [{ optimizer: { type: 'Adam' } }] });
    // The shared batch cache holds at most 4 shuffled epochs (2 tensors each); a first test
    // fills it, so a second one must leave the count exactly where it was.
    const empty = tf.memory().numTensors;
    await trainer.findLr();
    const warm = tf.memory().numTensors;
    expect(warm - empty).toBeLessThanOrEqual(8);
    const result = await trainer.findLr();
    expect(tf.memory().numTensors).toBe(warm);

    const n = result.lr.length;
    expect(result.loss).toHaveLength(n);
    expect(result.smoothedLoss).toHaveLength(n);
    expect(result.lr[0]).toBe(Math.fround(1e-7));
    // The ramp is the default exp ramp, point for point.
    for (let i = 0; i < n; i++) expect(result.lr[i]).toBe(Math.fround(1e-7 * 10 ** ((8 * i) / 99)));
    expect(n === 100 || result.stoppedEarly).toBe(true);
    // smoothedLoss is the debiased EMA (beta 0.98) of loss.
    closedFormEma(result.loss, 0.98).forEach((expected, i) =>
      expect(result.smoothedLoss[i]).toBeCloseTo(expected, 5),
    );
    const { steepest, minimumDiv10 } = result.suggestion;
    expect(steepest).toBeGreaterThanOrEqual(1e-4);
    expect(steepest).toBeLessThanOrEqual(1);
    expect(minimumDiv10).toBeGreaterThanOrEqual(1e-4);
    expect(minimumDiv10).toBeLessThanOrEqual(1);
    // The low end of the ramp barely moves the weights; the curve dips before it explodes.
    const lowest = Math.min(...result.smoothedLoss);
    expect(lowest).toBeLessThan(0.9 * result.smoothedLoss[0]);
  });

  test('leaves the runs untouched: the curves after it match a fresh experiment', async () => {
    const config = {
      ...circle,
      runs: [
        { id: 'adam', optimizer: { type: 'Adam', lr: 0.01 } },
        { id: 'sgd', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
      ],
    };
    trainer = new Trainer();
    await trainer.configure(config);
    const probed = await collect(trainer);
    await trainer.step(25);
    const stateBefore = await trainer.getState();
    await trainer.findLr({ endLr: 100 });
    await trainer.findLr({ optimizer: { type: 'SGD' }, steps: 40, mode: 'linear', endLr: 1 });
    const stateAfter = await trainer.getState();
    expect(stateAfter).toEqual(stateBefore);
    await trainer.step(35);
    await probed.settle();
    await probed.unsubscribe();

    const fresh = new Trainer();
    try {
      await fresh.configure(config);
      const plain = await collect(fresh);
      await fresh.step(60);
      await plain.settle();
      for (const id of ['adam', 'sgd']) {
        expect(probed.curve(id).steps).toEqual(plain.curve(id).steps);
        expect(probed.curve(id).loss).toEqual(plain.curve(id).loss);
        expect(probed.curve(id).valLoss).toEqual(plain.curve(id).valLoss);
      }
      expect((await trainer.getState()).runs.map((run) => run.step)).toEqual([60, 60]);
      await plain.unsubscribe();
    } finally {
      await fresh.dispose();
    }
  });

  test("sees the runs' batches in the runs' order, from the experiment's initial weights", async () => {
    // With lr held (almost) fixed at 0.05, the range test is plain SGD at 0.05: its losses
    // must retrace an SGD run's over 25 steps, across epoch boundaries (10 steps each).
    trainer = new Trainer();
    await trainer.configure({
      ...circle,
      runs: [{ id: 'sgd', optimizer: { type: 'SGD', lr: 0.05 } }],
    });
    const progress = await collect(trainer);
    const result = await trainer.findLr({
      startLr: 0.05,
      endLr: 0.05 * (1 + 1e-7),
      steps: 25,
      mode: 'linear',
    });
    await trainer.step(25);
    await progress.settle();
    const runLoss = progress.curve('sgd').loss;
    expect(result.stoppedEarly).toBe(false);
    expect(result.loss).toHaveLength(25);
    // Step 1's loss is computed before any update: bit-identical.
    expect(result.loss[0]).toBe(runLoss[0]);
    for (let i = 0; i < 25; i++) expect(result.loss[i]).toBeCloseTo(runLoss[i], 4);
    await progress.unsubscribe();
  });

  test('a seed starts from other weights; the model seed reproduces the default', async () => {
    trainer = new Trainer();
    const config = await trainer.configure({ ...circle, runs: [{ optimizer: { type: 'Adam' } }] });
    const options = { steps: 5 };
    const own = await trainer.findLr(options);
    const same = await trainer.findLr({ ...options, seed: config.model.seed });
    const other = await trainer.findLr({ ...options, seed: config.model.seed + 1 });
    expect(same.loss).toEqual(own.loss);
    expect(other.loss[0]).not.toBe(own.loss[0]);
  });

  test('stops early when the loss blows up (SGD up to lr 100 on a regression)', async () => {
    // Mean squared error has no ceiling (binary cross-entropy on this net saturates near 1):
    // SGD with lr far above 2 / curvature makes it grow geometrically.
    trainer = new Trainer();
    await trainer.configure({
      ...circle,
      dataset: { type: 'plane', samples: 200 },
      runs: [{ optimizer: { type: 'SGD' } }],
    });
    const result = await trainer.findLr({ startLr: 1e-3, endLr: 100, steps: 60 });
    expect(result.stoppedEarly).toBe(true);
    const n = result.lr.length;
    expect(n).toBeLessThan(60);
    const last = result.smoothedLoss[n - 1];
    const best = Math.min(...result.smoothedLoss.subarray(0, n - 1));
    expect(!Number.isFinite(last) || last > 4 * best).toBe(true);
    // Every earlier point was within the rule: it stopped at the first breach.
    for (let i = 1; i < n - 1; i++) {
      const bestSoFar = Math.min(...result.smoothedLoss.subarray(0, i));
      expect(result.smoothedLoss[i]).toBeLessThanOrEqual(4 * bestSoFar);
    }
    // The suggestions come from before the blow-up.
    expect(result.suggestion.steepest).toBeLessThan(result.lr[n - 1]);
    expect(result.suggestion.minimumDiv10).toBeLessThan(result.lr[n - 1] / 10);
  });

  test('divergeFactor Infinity runs the whole ramp unless the loss turns non-finite', async () => {
    trainer = new Trainer();
    await trainer.configure({ ...circle, runs: [{ optimizer: { type: 'Adam' } }] });
    const result = await trainer.findLr({
      startLr: 1e-4,
      endLr: 1,
      steps: 30,
      divergeFactor: Infinity,
    });
    expect(result.stoppedEarly).toBe(false);
    expect(result.lr).toHaveLength(30);
    expect(result.lr[29]).toBe(1);
  });
});

describe('findLr control and validation', () => {
  test('refuses while training is running, works once paused', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...circle,
      // The schema's longest training: still running when findLr is asked, however fast.
      training: { batchSize: 16, epochs: MAX_EPOCHS },
      runs: [{ optimizer: { type: 'Adam' } }],
    });
    await trainer.start();
    await expect(trainer.findLr({ steps: 5 })).rejects.toThrow(
      'findLr: training is running; pause() first',
    );
    await trainer.pause();
    const stepAtPause = (await trainer.getState()).runs[0].step;
    const result = await trainer.findLr({ steps: 5 });
    expect(result.lr).toHaveLength(5);
    expect((await trainer.getState()).runs[0].step).toBe(stepAtPause);
  });

  test('a start() sent during the test waits for it', async () => {
    trainer = new Trainer();
    await trainer.configure({ ...circle, runs: [{ id: 'a', optimizer: { type: 'Adam' } }] });
    const order: string[] = [];
    const finding = trainer.findLr({ steps: 50 }).then(() => order.push('findLr'));
    const starting = trainer.start().then(() => order.push('start'));
    await Promise.all([finding, starting]);
    expect(order).toEqual(['findLr', 'start']);
    await trainer.pause();
  });

  test('uses the first run by default and needs an optimizer when there are no runs', async () => {
    trainer = new Trainer();
    await trainer.configure({ ...circle, runs: [{ id: 'only', optimizer: { type: 'Adam' } }] });
    const byDefault = await trainer.findLr({ steps: 8 });
    const explicit = await trainer.findLr({ steps: 8, optimizer: { type: 'Adam' } });
    expect(byDefault.loss).toEqual(explicit.loss);
    await trainer.removeRun('only');
    await expect(trainer.findLr({ steps: 8 })).rejects.toThrow(
      'findLr.optimizer: is required when the experiment has no runs',
    );
    expect((await trainer.findLr({ steps: 8, optimizer: { type: 'Adam' } })).loss).toEqual(
      explicit.loss,
    );
  });

  test('needs an experiment', async () => {
    trainer = new Trainer();
    await expect(trainer.findLr()).rejects.toThrow('configure() first');
  });

  test.each([
    [{ endLr: 1e-8 }, 'findLr.endLr: must be > startLr (1e-7), got 1e-8'],
    [{ startLr: 0.1, endLr: 0.1 }, 'findLr.endLr: must be > startLr (0.1), got 0.1'],
    [{ startLr: 0 }, 'findLr.startLr: must be a finite number > 0'],
    [{ endLr: Infinity }, 'findLr.endLr: must be a finite number > 0'],
    [{ steps: 1 }, 'findLr.steps: must be an integer in [2, 10000]'],
    [{ steps: 2.5 }, 'findLr.steps: must be an integer in [2, 10000]'],
    [{ mode: 'log' }, "findLr.mode: must be 'exp' or 'linear'"],
    [{ smoothing: 1 }, 'findLr.smoothing: must be a number in [0, 1)'],
    [{ divergeFactor: 1 }, 'findLr.divergeFactor: must be a number > 1'],
    [{ seed: -1 }, 'findLr.seed: must be an integer seed'],
    [{ endlr: 1 }, 'findLr.endlr: unknown option; allowed: optimizer, startLr, endLr'],
    [{ optimizer: { type: 'Adamm' } }, 'findLr.optimizer.type: unknown optimizer'],
    [{ optimizer: { type: 'SGD', momentum: -1 } }, 'findLr.optimizer.momentum:'],
    ['fast', 'findLr: options must be an object'],
  ])('rejects %j naming the field', async (options, message) => {
    trainer = new Trainer();
    await trainer.configure({ ...circle, runs: [{ optimizer: { type: 'Adam' } }] });
    await expect(trainer.findLr(options)).rejects.toThrow(message);
  });
});
