// Controlling a training worker from the page: pause latency, progress throttling and bad
// input, against the real worker on the cpu backend (fast, and steady under load).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerClient } from '../../workers/client';
import {
  adamExperiment,
  record,
  sleep,
  stepsOf,
  terminateAll,
  trackedClient,
  until,
} from './helpers';

let client: TrainerClient;

beforeAll(async () => {
  client = trackedClient({ backend: 'cpu' });
  await client.ready;
});

afterAll(terminateAll);

describe('a training worker under control of the page', () => {
  it('pauses within 100 ms and sends no later steps', async () => {
    await client.configure(adamExperiment());
    const { batches, unsubscribe } = await record(client);
    await client.start();
    await until(() => stepsOf(batches, 'adam').length >= 50, 20_000, '50 steps of progress');
    const asked = performance.now();
    await client.pause();
    const latency = performance.now() - asked;
    expect(latency).toBeLessThan(100);
    const { runs, status } = await client.getState();
    expect(status).toBe('paused');
    const stoppedAt = runs[0].step;
    // A message already queued may still arrive, but no step after the one paused at.
    await sleep(300);
    const seen = stepsOf(batches, 'adam');
    expect(Math.max(...seen)).toBe(stoppedAt);
    expect((await client.getState()).runs[0].step).toBe(stoppedAt);
    // Resuming continues from there.
    await client.resume();
    await until(
      () => Math.max(...stepsOf(batches, 'adam')) > stoppedAt + 20,
      20_000,
      'steps after resume',
    );
    await client.pause();
    expect(stepsOf(batches, 'adam')).toEqual(
      Array.from({ length: stepsOf(batches, 'adam').length }, (_, i) => i + 1),
    );
    await unsubscribe();
  });

  it('throttles progress to about 30 messages a second, each carrying several steps', async () => {
    await client.configure(adamExperiment());
    const { batches, unsubscribe } = await record(client);
    await client.start();
    await sleep(300); // past start-up
    const from = batches.length;
    const t0 = performance.now();
    await sleep(2000);
    const window = batches.slice(from);
    const seconds = (performance.now() - t0) / 1000;
    await client.pause();
    await unsubscribe();
    expect(window.length / seconds).toBeLessThanOrEqual(35);
    expect(window.length).toBeGreaterThan(10);
    const stepsPerMessage = window.map(({ msg }) => msg.runs[0].steps.length);
    const mean = stepsPerMessage.reduce((a, b) => a + b, 0) / stepsPerMessage.length;
    expect(mean).toBeGreaterThan(2);
    // Arrays arrive typed (the worker transfers their buffers rather than copying JSON).
    expect(window[0].msg.runs[0].loss).toBeInstanceOf(Float32Array);
    expect(window[0].msg.runs[0].steps).toBeInstanceOf(Int32Array);
  });

  it('honours a lower maxRate per subscription', async () => {
    await client.configure(adamExperiment());
    const { batches, unsubscribe } = await record(client, 5);
    await client.start();
    await sleep(300);
    const from = batches.length;
    const t0 = performance.now();
    await sleep(2000);
    const count = batches.length - from;
    const seconds = (performance.now() - t0) / 1000;
    await client.pause();
    await unsubscribe();
    expect(count / seconds).toBeLessThanOrEqual(6);
    expect(count).toBeGreaterThanOrEqual(5);
  });

  it('stops calling a listener once it unsubscribed', async () => {
    await client.configure(adamExperiment());
    const { batches, unsubscribe } = await record(client);
    await client.start();
    await until(() => batches.length >= 3, 20_000, 'three messages');
    await unsubscribe();
    const after = batches.length;
    await sleep(300);
    await client.pause();
    expect(batches.length).toBe(after);
  });

  it('rejects an invalid config naming the field, then trains on the same worker', async () => {
    const bad = adamExperiment({ runs: [{ optimizer: { type: 'Adam', lr: -1 } }] });
    const error = await client.configure(bad).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ConfigError');
    expect((error as Error).message).toMatch(/^runs\[0\]\.optimizer\.lr: must be/);

    const unknownField = adamExperiment({ training: { batchSize: 32, stepz: 5 } as never });
    await expect(client.configure(unknownField)).rejects.toThrow('training.stepz');

    await client.configure(adamExperiment());
    await client.step(5);
    expect((await client.getState()).runs[0].step).toBe(5);
  });

  it('turns a failing call into a rejected Error and keeps serving', async () => {
    await expect(client.predictGrid('no-such-run', 8)).rejects.toThrow(
      'runId: no run "no-such-run"',
    );
    const grid = await client.predictGrid('adam', 8);
    expect(grid.values).toHaveLength(64);
    expect(grid.values.every((p) => p >= 0 && p <= 1)).toBe(true);
  });
});
