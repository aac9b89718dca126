/**
 * A grid search end to end on the cpu backend: gridRuns' runs train as one experiment and
 * rankRuns orders the real outcome (a useful lr first, a too-small one behind it, a diverged
 * one last).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { Trainer } from '../../src/train/trainer';
import { gridRuns, rankRuns } from '../../src/train/grid-search';
import { useCpu } from './helpers';

beforeAll(useCpu);

let trainer: Trainer;
afterEach(async () => {
  await trainer?.dispose();
  expect(tf.memory().numTensors).toBe(0);
});

test('train a grid, then rank it', async () => {
  const runs = gridRuns(
    { id: 'sgd', optimizer: { type: 'SGD', momentum: 0.9 } },
    { lr: [1e-4, 0.1, 1e3] },
  );
  trainer = new Trainer();
  await trainer.configure({
    seed: 5,
    dataset: { type: 'circle', samples: 200 },
    model: { hidden: [8] },
    training: { batchSize: 32, epochs: 15 },
    runs,
  });
  await trainer.start();
  await trainer.waitForStop();
  const state = await trainer.getState();
  const ranked = rankRuns(state);
  expect(ranked.map((run) => run.label)).toEqual(['SGD lr=0.1', 'SGD lr=0.0001', 'SGD lr=1000']);
  expect(ranked.map((run) => run.runId)).toEqual(['sgd-1', 'sgd-0', 'sgd-2']);
  expect(ranked[2].status).toBe('diverged');
  expect(ranked[0].valLoss).toBeLessThan(ranked[1].valLoss);
  expect(ranked[0].valAccuracy).toBeGreaterThan(0.8);
});
