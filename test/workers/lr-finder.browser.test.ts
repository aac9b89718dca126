// The LR range test from the page: through the real worker and client on the cpu backend
// (steady under load), typed arrays arriving intact and errors keeping their field names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerClient } from '../../workers/client';
import { adamExperiment, terminateAll, trackedClient } from './helpers';

let client: TrainerClient;

beforeAll(async () => {
  client = trackedClient({ backend: 'cpu' });
  await client.ready;
});

afterAll(terminateAll);

describe('findLr through the worker', () => {
  it('returns the ramp, the losses and a suggestion, and leaves the run at step 0', async () => {
    await client.configure(adamExperiment());
    const result = await client.findLr({ startLr: 1e-5, endLr: 10, steps: 40 });
    expect(result.lr).toBeInstanceOf(Float32Array);
    expect(result.loss).toBeInstanceOf(Float32Array);
    expect(result.smoothedLoss).toBeInstanceOf(Float32Array);
    const n = result.lr.length;
    expect(n === 40 || result.stoppedEarly).toBe(true);
    expect(result.loss).toHaveLength(n);
    // 1e-5 * 1e6^(i/39), as float32.
    expect(result.lr[0]).toBe(Math.fround(1e-5));
    expect(result.lr[13]).toBe(Math.fround(1e-5 * 1e6 ** (13 / 39)));
    // Binary cross-entropy of an untrained net starts near ln 2.
    expect(result.loss[0]).toBeGreaterThan(0.3);
    expect(result.loss[0]).toBeLessThan(1.5);
    expect(result.suggestion.steepest).toBeGreaterThanOrEqual(1e-5);
    expect(result.suggestion.steepest).toBeLessThanOrEqual(10);
    expect(Number.isFinite(result.suggestion.minimumDiv10)).toBe(true);
    const { runs, status } = await client.getState();
    expect(status).toBe('idle');
    expect(runs[0].step).toBe(0);
  });

  it('rejects bad options with the field named, and while training runs', async () => {
    await client.configure(adamExperiment());
    await expect(client.findLr({ startLr: 1, endLr: 0.5 })).rejects.toThrow(
      'findLr.endLr: must be > startLr (1), got 0.5',
    );
    await client.start();
    await expect(client.findLr({ steps: 5 })).rejects.toThrow('training is running');
    await client.pause();
    const result = await client.findLr({ steps: 5 });
    expect(result.lr).toHaveLength(5);
  });
});
