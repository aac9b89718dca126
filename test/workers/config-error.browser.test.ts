// A config the worker refuses arrives on the page as a ConfigError with its fields (not a
// plain Error whose message the page would have to split again): through the real worker,
// comlink and client, and through comlink over a MessageChannel for the error classes the
// trainer cannot be made to throw on demand.
import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/protocol/validation';
import { ExpressionError } from '../../src/schedule/expr/errors';
import type { TrainerClient } from '../../workers/client';
import { transferConfigErrors } from '../../workers/error-transfer';
import { adamExperiment, terminateAll, trackedClient } from './helpers';

let client: TrainerClient;

beforeAll(async () => {
  client = trackedClient({ backend: 'cpu' });
  await client.ready;
});

afterAll(terminateAll);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('ConfigError across the worker boundary', () => {
  it('configure: the refused field arrives as path and detail', async () => {
    const error = await rejection(
      client.configure({ runs: [{ optimizer: { type: 'Adam', lr: -1 } }] }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    const refused = error as ConfigError;
    expect(refused.name).toBe('ConfigError');
    expect(refused.path).toBe('runs[0].optimizer.lr');
    expect(refused.detail).toBe('must be a finite number >= 0, got -1');
    expect(refused.message).toBe('runs[0].optimizer.lr: must be a finite number >= 0, got -1');
    // The stack is the worker's: it says where the config was refused.
    expect(refused.stack).toMatch(/optim\/config|parseOptimizerConfig/);
  });

  it('every problem of one input travels, each with its own path', async () => {
    const error = (await rejection(
      client.configure({ runs: [{ optimizer: { type: 'Adam', lr: -1, eps: 0 } }] }),
    )) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect([error.path, ...error.others.map((o) => o.path)]).toEqual([
      'runs[0].optimizer.lr',
      'runs[0].optimizer.eps',
    ]);
    expect(error.others[0].detail).toBe('must be a finite number > 0, got 0');
  });

  it('control calls and findLr name their argument the same way', async () => {
    await client.configure(adamExperiment());
    const missing = (await rejection(client.removeRun('nope'))) as ConfigError;
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.path).toBe('runId');
    const finder = (await rejection(client.findLr({ startLr: 1, endLr: 0.5 }))) as ConfigError;
    expect(finder).toBeInstanceOf(ConfigError);
    expect([finder.path, finder.detail]).toEqual([
      'findLr.endLr',
      'must be > startLr (1), got 0.5',
    ]);
  });

  it('an error that is not about a field stays a plain Error', async () => {
    const fresh = trackedClient({ backend: 'cpu' });
    const error = await rejection(fresh.start());
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('configure() first');
  });

  it('an ExpressionError keeps its class and column (comlink over a MessageChannel)', async () => {
    transferConfigErrors();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(
      {
        compile: () => {
          throw new ExpressionError('unknown name "epch" at column 9', 9);
        },
      },
      port1,
    );
    const remote = Comlink.wrap<{ compile(): void }>(port2);
    const error = await rejection(remote.compile());
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ path: 'lrLambda', column: 9, name: 'ExpressionError' });
    expect((error as Error).message).toBe('lrLambda: unknown name "epch" at column 9');
    port1.close();
    port2.close();
  });
});
