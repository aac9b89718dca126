// The client trains in a real module Worker (real comlink, real TF.js) on each backend
// Chromium offers here, and reports which backend it used and why others were skipped.
import { afterEach, describe, expect, it } from 'vitest';
import { adamExperiment, lossesOf, record, stepsOf, terminateAll, trackedClient } from './helpers';

afterEach(terminateAll);

/** First-step losses per backend: the same seed must give the same loss everywhere. */
const firstLoss = new Map<string, number>();

describe('training in the worker on each backend', () => {
  // WebGPU on SwiftShader compiles shaders for seconds on its first steps: keep it short.
  it.each([
    ['webgpu', 4],
    ['wasm', 60],
    ['cpu', 60],
  ] as const)('trains on %s when asked for it', async (backend, steps) => {
    const client = trackedClient({ backend });
    expect(await client.ready).toMatchObject({ backend, skipped: [], engine: 'fused' });
    await client.configure(adamExperiment());
    const { batches } = await record(client);
    await client.step(steps);
    const state = await client.getState();
    expect(state.runs[0].step).toBe(steps);
    expect(state.status).toBe('paused');
    // Every step arrives exactly once, in order (batches may end after step() resolves).
    await expect.poll(() => stepsOf(batches, 'adam').length).toBe(steps);
    expect(stepsOf(batches, 'adam')).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
    const losses = lossesOf(batches, 'adam');
    expect(losses.every(Number.isFinite)).toBe(true);
    firstLoss.set(backend, losses[0]);
    if (steps >= 60) {
      // Adam on separable circle data: the loss of the last steps is well below the first.
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(losses.slice(-10))).toBeLessThan(0.8 * mean(losses.slice(0, 10)));
    }
  });

  it('computes the same first-step loss on every backend (same seed, same weights)', () => {
    const cpu = firstLoss.get('cpu');
    expect(cpu).toBeDefined();
    for (const backend of ['webgpu', 'wasm']) {
      expect(firstLoss.get(backend)).toBeCloseTo(cpu ?? NaN, 4);
    }
  });

  it('auto measures here, picks the faster and says why (the adapter is software)', async () => {
    const client = trackedClient();
    const info = await client.ready;
    expect(info.measured?.map((m) => m.backend).sort()).toEqual(['wasm', 'webgpu']);
    expect(info.measured?.[0].backend).toBe(info.backend);
    expect(info.adapter?.software).toBe(true);
    expect(info.reason).toContain('software adapter');
  });

  it('falls back, and says why, when the wasm binaries cannot be fetched', async () => {
    // Port 9 (discard) refuses connections: the fetch of the .wasm file fails.
    const client = trackedClient({ backend: 'wasm', wasmPaths: 'http://127.0.0.1:9/missing/' });
    const info = await client.ready;
    // The fallback is auto's measured choice among the others.
    expect(['webgpu', 'cpu']).toContain(info.backend);
    expect(info.skipped).toHaveLength(1);
    expect(info.skipped[0].backend).toBe('wasm');
    expect(info.skipped[0].reason).toContain('http://127.0.0.1:9/missing/tfjs-backend-wasm');
  });

  it('rejects an unknown backend name, naming the option and the allowed values', async () => {
    const client = trackedClient({ backend: 'tpu' as never });
    await expect(client.ready).rejects.toThrow(
      'init options.backend: must be one of auto, webgpu, webgl, wasm, cpu',
    );
  });
});
