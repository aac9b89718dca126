// The surface engine through the real worker (comlink, TF.js cpu backend) in Chromium:
// results equal PyTorch's, progress streams, newer computations supersede older ones, bad
// configs are refused as ConfigErrors naming the field and the worker stays usable, and a
// dying worker rejects what is pending.
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { createSurfaceClient } from '../../workers/surface-client';
import type { SurfaceClient, SurfaceClientOptions } from '../../workers/surface-client';
import { WorkerGoneError } from '../../workers/errors';
import { ConfigError } from '../../src/protocol/validation';
import type { SurfaceResult } from '../../src/surface/types';
import { mismatches } from '../support/tolerance';
import { cases } from './reference';

const live = new Set<SurfaceClient>();
function client(options?: SurfaceClientOptions): SurfaceClient {
  const made = createSurfaceClient(options);
  live.add(made);
  return made;
}
afterEach(() => {
  for (const made of live) made.terminate();
  live.clear();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const zoo = (steps: number) =>
  ({
    function: 'rosenbrock',
    steps,
    optimizers:
      'SGD SGD+momentum Nesterov Adam AdamW NAdam RAdam Adamax Adagrad Adadelta RMSprop Lookahead',
  }) as const;

describe('the surface worker', () => {
  it('starts on the cpu backend and matches PyTorch step by step', async () => {
    const surfaces = client();
    expect(await surfaces.ready).toEqual({ backend: 'cpu' });
    for (const name of [
      'rosenbrock Lookahead Adam',
      'beale Adam OneCycleLR beta1',
      'expression transcendental RMSprop',
    ]) {
      const c = cases.find((candidate) => candidate.name === name);
      if (c === undefined) throw new Error(`fixture case ${name} missing`);
      const { runs } = await surfaces.compute(c.config);
      expect(runs[0].steps, name).toBe(c.config.steps);
      c.expected.points.forEach((point, i) => {
        const ours = [runs[0].points[2 * i], runs[0].points[2 * i + 1]];
        expect(mismatches(ours, point as number[]), `${name}, point ${i}`).toEqual([]);
      });
    }
  });

  it('streams progress: steps count up in every run until the result', async () => {
    const surfaces = client();
    const seen: number[][] = [];
    let last: SurfaceResult | undefined;
    const result = await surfaces.compute(zoo(120), {
      chunkSteps: 20,
      onProgress: (progress) => {
        seen.push(progress.runs.map((run) => run.steps));
        last = progress;
      },
    });
    expect(seen[0]).toEqual(new Array(12).fill(0));
    expect(seen.length).toBe(7); // begin, then 6 chunks of 20
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toEqual(new Array(12).fill(20 * i));
    expect(last?.runs).toBe(result.runs);
    expect(result.runs.map((run) => run.status)).toEqual(new Array(12).fill('done'));
    expect(result.config.steps).toBe(120);
  });

  it('a newer compute supersedes the one in flight; cancel and an abort signal stop one', async () => {
    const surfaces = client();
    const first = surfaces.compute(zoo(10_000));
    const second = surfaces.compute({ function: 'saddle', steps: 30, optimizers: 'Adam' });
    const error = await rejection(first);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect((error as DOMException).message).toContain('superseded');
    expect((await second).runs[0].steps).toBe(30);

    const cancelled = surfaces.compute(zoo(10_000));
    surfaces.cancel();
    expect(((await rejection(cancelled)) as DOMException).name).toBe('AbortError');

    const controller = new AbortController();
    const aborted = surfaces.compute(zoo(10_000), { signal: controller.signal });
    controller.abort();
    expect(((await rejection(aborted)) as DOMException).name).toBe('AbortError');
    // Still usable afterwards.
    expect((await surfaces.compute({ steps: 5, optimizers: 'SGD' })).runs[0].steps).toBe(5);
  });

  it('refuses a bad config naming the field, and stays usable', async () => {
    const surfaces = client();
    const error = await rejection(
      surfaces.compute({ runs: [{ optimizer: { type: 'Adam', lr: -1 } }] }),
    );
    expect((error as Error).message).toBe(
      'runs[0].optimizer.lr: must be a finite number >= 0, got -1',
    );
    // It crosses typed (workers/error-transfer.ts): the page reads the field, not a string.
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe('runs[0].optimizer.lr');
    expect((error as ConfigError).detail).toBe('must be a finite number >= 0, got -1');
    const expression = await rejection(
      surfaces.compute({ function: 'expression', expression: 'x +* y', optimizers: 'SGD' }),
    );
    expect((expression as Error).message).toBe('expression: unexpected "*" at column 4');
    expect(expression).toBeInstanceOf(ConfigError);
    expect((expression as ConfigError).path).toBe('expression');
    expect((await surfaces.compute({ steps: 3, optimizers: 'Adam' })).runs[0].steps).toBe(3);
  });

  it('rejects the pending computation when the worker dies, and reports it once', async () => {
    const errors: Error[] = [];
    const surfaces = client({
      createWorker: () =>
        new Worker(new URL('./fixtures/closes-on-compute.worker.ts', import.meta.url), {
          type: 'module',
        }),
      onError: (error) => errors.push(error),
    });
    await surfaces.ready;
    const error = await rejection(surfaces.compute(zoo(10)));
    expect(error).toBeInstanceOf(WorkerGoneError);
    expect((error as Error).message).toBe(
      'The surface worker stopped unexpectedly (closed or terminated)',
    );
    expect(errors).toHaveLength(1);
    expect(surfaces.closed).toBe(true);
    await expect(surfaces.compute(zoo(10))).rejects.toBeInstanceOf(WorkerGoneError);
  });

  it('terminate() rejects what is pending', async () => {
    const surfaces = client();
    await surfaces.ready;
    const pending = surfaces.compute(zoo(10_000));
    surfaces.terminate();
    expect(await rejection(pending)).toBeInstanceOf(WorkerGoneError);
    surfaces.terminate(); // twice is harmless
  });

  it('terminated with a computation in flight, the client and its worker can be collected', async () => {
    // Comlink keeps a worker (and every unanswered call on it) for as long as its proxy
    // lives, and an unanswered call keeps the connection, so the proxy: the client releases
    // the proxy when it terminates, or it and whatever owns it would never be collected.
    // (In a function of its own: the rejection's stack holds the client while it is in scope.)
    const used = async () => {
      const surfaces = createSurfaceClient();
      await surfaces.ready;
      const pending = surfaces.compute(zoo(10_000));
      surfaces.terminate();
      await rejection(pending);
      return new WeakRef(surfaces);
    };
    const ref = await used();
    for (let i = 0; i < 10 && ref.deref() !== undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await cdp().send('HeapProfiler.collectGarbage');
    }
    expect(ref.deref()).toBeUndefined();
  });
});
