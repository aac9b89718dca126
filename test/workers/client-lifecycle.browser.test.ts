// The client owns the worker's life: terminate and start again, and a worker that dies
// (closes itself, throws, or is terminated behind the client's back) rejects pending calls
// instead of leaving them hanging (comlink alone never settles them: comlink #601).
import { afterEach, describe, expect, it } from 'vitest';
import { TrainerWorkerError } from '../../workers/errors';
import { adamExperiment, settleWithin, terminateAll, trackedClient } from './helpers';

afterEach(terminateAll);

async function trainableClient(createWorker?: () => Worker, onError?: (error: Error) => void) {
  const client = trackedClient({ backend: 'cpu', createWorker, onError });
  await client.ready;
  await client.configure(adamExperiment());
  return client;
}

describe('worker lifecycle', () => {
  it('terminates, rejects calls afterwards, and a new client trains', async () => {
    const first = await trainableClient();
    await first.start();
    const pending = first.waitForStop();
    first.terminate();
    const settled = await settleWithin(pending, 2000);
    expect(settled).toMatchObject({ status: 'rejected', reason: expect.any(TrainerWorkerError) });
    await expect(first.getState()).rejects.toThrow('The training worker was terminated');
    expect(first.closed).toBe(true);
    first.terminate(); // twice is harmless

    const second = await trainableClient();
    await second.step(3);
    expect((await second.getState()).runs[0].step).toBe(3);
  });

  it.each([
    [
      'closes itself mid-call',
      () =>
        new Worker(new URL('./fixtures/closes-on-step.worker.ts', import.meta.url), {
          type: 'module',
        }),
      'stopped unexpectedly',
    ],
    [
      'throws an uncaught error mid-call',
      () =>
        new Worker(new URL('./fixtures/throws-on-step.worker.ts', import.meta.url), {
          type: 'module',
        }),
      'boom: the test worker threw',
    ],
  ] as const)(
    'rejects the pending call when the worker %s',
    async (_how, createWorker, message) => {
      const errors: Error[] = [];
      const client = await trainableClient(createWorker, (error) => errors.push(error));
      const settled = await settleWithin(client.step(1_000_000), 5000);
      expect(settled).toMatchObject({ status: 'rejected', reason: expect.any(TrainerWorkerError) });
      expect((settled as { reason: Error }).reason.message).toContain(message);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toContain(message);
      await expect(client.getState()).rejects.toBeInstanceOf(TrainerWorkerError);

      const fresh = await trainableClient();
      await fresh.step(2);
      expect((await fresh.getState()).runs[0].step).toBe(2);
    },
  );

  it('rejects the pending call when the worker is terminated behind the client', async () => {
    let worker: Worker | undefined;
    const errors: Error[] = [];
    const client = await trainableClient(
      () => {
        worker = new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), {
          type: 'module',
        });
        return worker;
      },
      (error) => errors.push(error),
    );
    const pending = client.step(1_000_000);
    worker?.terminate();
    const settled = await settleWithin(pending, 5000);
    expect(settled).toMatchObject({ status: 'rejected', reason: expect.any(TrainerWorkerError) });
    expect(errors).toHaveLength(1);
  });
});
