/**
 * Training works: Adam reaches high training accuracy on the classic 2-D toy problems within
 * a bounded number of steps. Full-batch steps (batchSize >= training set) keep the step count,
 * and so the test time, small.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Trainer } from '../../src/train/trainer';
import { collect, useCpu } from './helpers';

const trainer = new Trainer();

beforeAll(useCpu);
afterAll(() => trainer.dispose());

test.each([
  // [dataset, noise, steps, minimum training accuracy]
  ['circle', 0.1, 100, 0.95],
  ['xor', 0.1, 150, 0.95],
  ['spiral', 0.05, 250, 0.9],
] as const)(
  'Adam on %s (noise %f) passes the bar within %i steps',
  async (type, noise, steps, bar) => {
    await trainer.configure({
      seed: 3,
      dataset: { type, noise },
      training: { batchSize: 400, steps, evalEvery: 50 },
      runs: [{ optimizer: { type: 'Adam', lr: 0.02 } }],
    });
    const progress = await collect(trainer);
    await trainer.start();
    await trainer.waitForStop();
    await progress.settle();
    await progress.unsubscribe();
    const curve = progress.curve('run-0');
    expect(curve.steps).toHaveLength(steps);
    expect(curve.evalSteps.at(-1)).toBe(steps);
    const accuracy = curve.trainAccuracy.at(-1)!;
    expect(accuracy).toBeGreaterThan(bar);
    // Learning, not luck: the loss fell well below its starting value (ln 2 for balanced classes).
    expect(curve.loss.at(-1)!).toBeLessThan(0.5 * curve.loss[0]);
    expect((await trainer.getState()).status).toBe('done');
  },
);

test('no tensors outlive the trainer', async () => {
  await trainer.dispose();
  // Only the backend's own bookkeeping may remain; the trainer held everything else.
  expect(tf.memory().numTensors).toBe(0);
});
