// The generated bridge: every FORWARDED_METHODS call made on the client reaches the engine
// behind the real worker service with its arguments, and its answer comes back; a call the
// worker never answers is rejected when the worker dies, whichever way it dies.
import { afterEach, describe, expect, it } from 'vitest';
import { FORWARDED_METHODS } from '../../src/protocol/api';
import type { ForwardedMethod } from '../../src/protocol/api';
import { TrainerClient } from '../../workers/client';
import { TrainerWorkerError } from '../../workers/errors';
import type { Echo } from './fixtures/echo-engine.worker';
import { settleWithin, terminateAll, trackedClient } from './helpers';

afterEach(terminateAll);

function echoClient(onError?: (error: Error) => void): { client: TrainerClient; worker: Worker } {
  let worker: Worker | undefined;
  const client = trackedClient({
    backend: 'cpu',
    onError,
    createWorker: () => {
      worker = new Worker(new URL('./fixtures/echo-engine.worker.ts', import.meta.url), {
        type: 'module',
      });
      return worker;
    },
  });
  return { client, worker: worker! };
}

/** Arguments of each kind the API takes: objects, strings, numbers, nothing. */
const ARGS: Record<ForwardedMethod, unknown[]> = {
  configure: [{ runs: [{ optimizer: { type: 'Adam' } }] }],
  start: [],
  pause: [],
  resume: [],
  step: [3],
  waitForStop: [],
  reset: [{ seed: 2 }],
  addRun: [{ id: 'b', optimizer: { type: 'SGD', lr: 0.1 } }],
  removeRun: ['b'],
  updateRun: ['a', { label: 'renamed' }],
  getState: [],
  predictGrid: ['a', 16],
  getDataset: [],
  getDiagnostics: [],
};

describe('the generated worker bridge', () => {
  it('puts every forwarded method on the client, where a spy can find it', () => {
    for (const method of FORWARDED_METHODS) {
      expect(typeof TrainerClient.prototype[method], method).toBe('function');
      expect(TrainerClient.prototype[method].name).toBe(method);
    }
  });

  it('forwards every method with its arguments to the engine and returns its answer', async () => {
    const { client } = echoClient();
    await client.ready;
    for (const method of FORWARDED_METHODS.filter((m) => m !== 'waitForStop')) {
      const call = client[method] as (...args: unknown[]) => Promise<unknown>;
      const answer = (await call.apply(client, ARGS[method])) as Echo;
      expect(answer, method).toEqual({ method, args: ARGS[method] });
    }
  });

  it('rejects a call still pending when the worker is terminated behind the client', async () => {
    const errors: Error[] = [];
    const { client, worker } = echoClient((error) => errors.push(error));
    await client.ready;
    const pending = client.waitForStop();
    worker.terminate();
    const settled = await settleWithin(pending, 5000);
    expect(settled).toMatchObject({ status: 'rejected', reason: expect.any(TrainerWorkerError) });
    expect(errors).toHaveLength(1);
    await expect(client.getState()).rejects.toBeInstanceOf(TrainerWorkerError);
  });

  it('rejects a pending call when the client terminates the worker', async () => {
    const { client } = echoClient();
    await client.ready;
    const pending = client.waitForStop();
    client.terminate();
    const settled = await settleWithin(pending, 2000);
    expect(settled).toMatchObject({ status: 'rejected', reason: expect.any(TrainerWorkerError) });
  });
});
