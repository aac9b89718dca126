/**
 * Leaks: tf.memory().numTensors stays flat over 2,000 steps (batch slicing across hundreds of
 * epochs, a scheduler, periodic evaluation, predictGrid, an SWA average updated and evaluated
 * every epoch), stays flat again after the optimizer is replaced mid-training, and drops to
 * zero when the trainer is disposed. Counted through getDiagnostics, as a page would count
 * them in the worker (its `tf` is tf.memory()).
 */
import { beforeAll, expect, test } from 'vitest';
import { Trainer } from '../../src/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

// Both engines: the op-by-op one makes tensors every step, the fused one should make none.
test.each(['ops', 'fused'] as const)(
  '%s engine: numTensors is flat over 2,000 steps and zero after dispose',
  { timeout: 180_000 },
  async (engine) => {
    const trainer = new Trainer({ engine });
    const tensors = async () => (await trainer.getDiagnostics()).tf.numTensors;
    await trainer.configure({
      dataset: { type: 'xor', samples: 60 },
      model: { hidden: [4] },
      // 48 training points, batch 8: 6 steps per epoch, so 2,000 steps cross ~330 epochs.
      training: { batchSize: 8, steps: 2400, evalEvery: 25 },
      runs: [
        {
          id: 'r',
          optimizer: { type: 'Adam', lr: 0.01 },
          scheduler: { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 2400 },
        },
        // Averaging from the end of epoch 5 (step 36), before the baseline below.
        { id: 's', optimizer: { type: 'SGD', lr: 0.05 }, swa: { start: 5, swaLr: 0.02 } },
      ],
    });
    await trainer.subscribe(() => undefined);
    await trainer.step(50); // warm-up: optimizer slots created, epoch cache full
    const baseline = await tensors();
    await trainer.step(1000);
    expect(await tensors()).toBe(baseline);
    await trainer.predictGrid('r', 16);
    await trainer.predictGrid('s', 16, { weights: 'swa' });
    await trainer.step(1000);
    expect(await tensors()).toBe(baseline);

    // A new optimizer type replaces the old one (disposing its slots) and creates its own.
    await trainer.updateRun('r', {
      optimizer: { type: 'SGD', lr: 0.01, momentum: 0.9 },
      scheduler: { type: 'ReduceLROnPlateau' },
    });
    await trainer.step(10);
    const afterSwap = await tensors();
    await trainer.step(300);
    expect(await tensors()).toBe(afterSwap);
    expect((await trainer.getState()).runs[0]).toMatchObject({ step: 2360, status: 'paused' });
    expect((await trainer.getState()).runs[1].swa?.averaged).toBe(Math.floor(2360 / 6) - 5);

    await trainer.dispose();
    expect(await tensors()).toBe(0);
  },
);
