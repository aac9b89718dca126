// getDiagnostics through the real client and worker: sensible numbers on wasm and cpu, the
// worker's tensors flat across reconfigure / train / reset / LR-test cycles (the leak test a
// page can run from outside), steps per second only while training, and on webgpu
// (SwiftShader) the fused engine's GPU buffers and TF.js's buffer pool back where they were
// after each reconfigure. WebGPU compiles slowly on SwiftShader: its step counts stay small.
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import type { TrainerClient } from '../../workers/client';
import { adamExperiment, terminateAll, trackedClient } from './helpers';

afterEach(terminateAll);

/** Two runs, one with a scheduler, both far longer than any test trains. */
const twoRuns = (seed: number): ExperimentConfigInput =>
  adamExperiment({
    seed,
    runs: [
      { id: 'adam', optimizer: { type: 'Adam', lr: 0.02 } },
      {
        id: 'sgd',
        optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
        scheduler: { type: 'StepLR', stepSize: 50 },
      },
    ],
  });

/** What a page does with a lab, once over: new experiment, train, look, test an lr, reset. */
async function cycle(client: TrainerClient, seed: number, steps: number): Promise<void> {
  await client.configure(twoRuns(seed));
  await client.step(steps);
  await client.predictGrid('adam', 16);
  await client.getDataset();
  await client.findLr({ steps: 10 });
  await client.reset();
  await client.step(2);
}

describe('getDiagnostics', () => {
  it.each(['wasm', 'cpu'] as const)(
    "%s: sensible numbers, and the worker's tensors flat across cycles",
    async (backend) => {
      const client = trackedClient({ backend });
      await client.ready;
      expect(await client.getDiagnostics()).toMatchObject({
        backend,
        engine: null,
        status: 'unconfigured',
        step: 0,
        totalSteps: 0,
        runs: 0,
        stepsPerSecond: null,
        gpu: { buffers: 0, bytes: 0, tfjs: null },
      });

      await cycle(client, 1, 20);
      const baseline = await client.getDiagnostics();
      expect(baseline).toMatchObject({
        backend,
        engine: { engine: 'fused', implementation: 'fused-cpu' },
        status: 'paused',
        step: 2,
        runs: 2,
        stepsPerSecond: null,
        gpu: { buffers: 0, bytes: 0, tfjs: null },
      });
      expect(baseline.totalSteps).toBe((await client.getState()).totalSteps);
      for (const count of ['numTensors', 'numBytes', 'numDataBuffers'] as const) {
        expect(Number.isInteger(baseline.tf[count]), count).toBe(true);
        expect(baseline.tf[count], count).toBeGreaterThanOrEqual(0);
      }

      for (let seed = 2; seed <= 4; seed++) await cycle(client, seed, 20);
      const after = await client.getDiagnostics();
      expect(after.tf).toEqual(baseline.tf);
      expect(after.generation).toBe(baseline.generation + 6);
    },
  );

  it('steps per second while training, null before and after', async () => {
    const client = trackedClient({ backend: 'wasm' });
    await client.configure(adamExperiment());
    expect((await client.getDiagnostics()).stepsPerSecond).toBeNull();
    await client.start();
    // Asked while the loop runs: answered between its chunks, once one has been measured.
    await expect
      .poll(async () => (await client.getDiagnostics()).stepsPerSecond, { timeout: 60_000 })
      .toBeGreaterThan(0);
    const training = await client.getDiagnostics();
    expect(training.status).toBe('running');
    expect(training.step).toBeGreaterThan(0);
    expect(Number.isFinite(training.stepsPerSecond)).toBe(true);
    await client.pause();
    expect(await client.getDiagnostics()).toMatchObject({ status: 'paused', stepsPerSecond: null });
  });

  it("webgpu: the fused engine's GPU buffers and TF.js's pool come back to the same after each reconfigure", async () => {
    const client = trackedClient({ backend: 'webgpu' });
    expect(await client.ready).toMatchObject({ backend: 'webgpu' });
    const fresh = await client.getDiagnostics();
    expect(fresh).toMatchObject({ backend: 'webgpu', gpu: { buffers: 0, bytes: 0 } });
    expect(fresh.gpu.tfjs).not.toBeNull();

    const oneRun = adamExperiment();
    await client.configure(oneRun);
    await client.step(2);
    const one = await client.getDiagnostics();
    expect(one.engine).toMatchObject({ implementation: 'fused-webgpu' });
    expect(one.gpu.buffers).toBeGreaterThan(0);
    // Every buffer is at least 16 bytes (gpu-buffers.ts rounds sizes up to 16).
    expect(one.gpu.bytes).toBeGreaterThanOrEqual(16 * one.gpu.buffers);
    const { usedBuffers, bytesUsed } = one.gpu.tfjs!;
    expect(usedBuffers).toBeGreaterThanOrEqual(0);
    expect(bytesUsed).toBeGreaterThanOrEqual(0);

    // Two runs hold more weights and optimizer state than one.
    await client.configure(twoRuns(1));
    await client.step(2);
    const two = await client.getDiagnostics();
    expect(two.gpu.bytes).toBeGreaterThan(one.gpu.bytes);

    for (let i = 0; i < 2; i++) {
      await client.configure(twoRuns(2));
      await client.step(1);
      await client.reset();
      await client.configure(oneRun);
      await client.step(2);
      const again = await client.getDiagnostics();
      expect(again.gpu.buffers).toBe(one.gpu.buffers);
      expect(again.gpu.bytes).toBe(one.gpu.bytes);
      expect(again.tf.numTensors).toBe(one.tf.numTensors);
      expect(again.gpu.tfjs).toMatchObject({ usedBuffers, bytesUsed });
    }
  });
});
