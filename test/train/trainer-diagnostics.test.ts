/**
 * Trainer.getDiagnostics in Node (cpu backend): the backend and engine, where training stands,
 * tf.memory() as TF.js counts it, no GPU, and steps per second only while the loop runs
 * (asked from inside the loop, between chunks, as a page's call would be answered).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostics } from '../../src/protocol/diagnostics';
import { Trainer } from '../../src/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

let trainer: Trainer;

/** tf.memory() now, as getDiagnostics reports it (the cpu backend calls its count unreliable). */
function memoryNow(): Diagnostics['tf'] {
  const { numTensors, numBytes, numDataBuffers, unreliable, reasons } = tf.memory();
  return { numTensors, numBytes, numDataBuffers, unreliable: unreliable === true, reasons };
}
afterEach(() => trainer?.dispose());

const small = {
  seed: 4,
  dataset: { type: 'circle', samples: 100 },
  model: { hidden: [8] },
  training: { batchSize: 16, steps: 400 },
  runs: [
    { id: 'a', optimizer: { type: 'Adam' } },
    { id: 'b', optimizer: { type: 'SGD' } },
  ],
};

describe('Trainer.getDiagnostics', () => {
  test('before configure: the backend, nothing trained, no GPU', async () => {
    trainer = new Trainer();
    expect(await trainer.getDiagnostics()).toEqual({
      backend: 'cpu',
      engine: null,
      status: 'unconfigured',
      generation: 0,
      step: 0,
      totalSteps: 0,
      runs: 0,
      stepsPerSecond: null,
      tf: memoryNow(),
      gpu: { buffers: 0, bytes: 0, tfjs: null },
    } satisfies Diagnostics);
  });

  test.each(['fused', 'ops'] as const)(
    '%s engine: the step, the engine, tf.memory(), and a rate only while training',
    async (engine) => {
      const during: Diagnostics[] = [];
      let yields = 0;
      // Counted only once start() trains: how many chunks step(7) takes depends on how fast
      // this machine steps (the chunk grows to fill 16 ms), so no yield of it may pause.
      let armed = false;
      trainer = new Trainer({
        engine,
        // Asked between chunks, as a page's call is answered; the 6th yield pauses.
        yieldToEventLoop: async () => {
          if (armed) yields++;
          if (yields === 3) during.push(await trainer.getDiagnostics());
          if (yields === 6) void trainer.pause();
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      await trainer.configure(small);
      await trainer.step(7);
      const paused = await trainer.getDiagnostics();
      expect(paused).toMatchObject({
        backend: 'cpu',
        engine: { engine },
        status: 'paused',
        generation: 1,
        step: 7,
        totalSteps: 400,
        runs: 2,
        stepsPerSecond: null,
      });
      expect(paused.tf).toEqual(memoryNow());
      armed = true;
      await trainer.start();
      await trainer.waitForStop();
      expect(during).toHaveLength(1);
      expect(during[0].status).toBe('running');
      expect(during[0].step).toBeGreaterThan(7);
      expect(during[0].stepsPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(during[0].stepsPerSecond)).toBe(true);
      const after = await trainer.getDiagnostics();
      expect(after).toMatchObject({ status: 'paused', stepsPerSecond: null });
      await trainer.reset();
      expect(await trainer.getDiagnostics()).toMatchObject({
        status: 'idle',
        step: 0,
        generation: 2,
      });
    },
  );
});
