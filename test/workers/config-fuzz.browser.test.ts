// The config fuzz through the real worker (comlink, the trainer on wasm, and on webgpu where
// the fused engine holds GPU buffers): 1,200 seeded experiments, each broken in one place
// (test/support/invalid-configs.ts), are all refused with a ConfigError naming that place,
// and after every one the experiment that was there is intact (same state, same tensors and
// GPU buffers, as getDiagnostics counts them) and trains on. The lambdas that used to pass validation and
// then destroy the experiment while it was installed are named exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/protocol/validation';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import type { TrainerClient } from '../../workers/client';
import { invalidConfigs, isUnder, validExperiment } from '../support/invalid-configs';
import { terminateAll, trackedClient } from './helpers';

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'accepted',
    (error: unknown) => error,
  );
}

// webgpu is SwiftShader here: slower to start, so it takes a quarter of the cases.
describe.each([
  ['wasm', 1200],
  ['webgpu', 300],
] as const)('invalid configs through the worker on %s', (backend, count) => {
  let client: TrainerClient;

  beforeAll(async () => {
    client = trackedClient({ backend });
    expect((await client.ready).backend).toBe(backend);
    await client.configure(validExperiment() as unknown as ExperimentConfigInput);
    await client.step(5);
  });

  afterAll(terminateAll);

  /** What the worker holds: a refused config must not add to any of it. */
  async function held(): Promise<{ tensors: number; buffers: number; bytes: number }> {
    const { tf, gpu } = await client.getDiagnostics();
    return { tensors: tf.numTensors, buffers: gpu.buffers, bytes: gpu.bytes };
  }

  it(`refuses each of ${count}, naming its path, and leaves the experiment as it was`, async () => {
    const before = await client.getState();
    const holding = await held();
    // On webgpu the fused engine's weights and state live in GPU buffers: those are counted.
    if (backend === 'webgpu') expect(holding.buffers).toBeGreaterThan(0);
    const misses: string[] = [];
    const cases = invalidConfigs(count, 23);
    for (const [i, { what, config, path }] of cases.entries()) {
      const error = await refusal(client.configure(config as unknown as ExperimentConfigInput));
      if (!(error instanceof ConfigError)) misses.push(`${what}: ${String(error)}`);
      else if (!isUnder(error.path, path)) misses.push(`${what}: named ${error.path}`);
      else if (error.message.length > 400) misses.push(`${what}: ${error.message.length} chars`);
      if (i % 100 === 99) {
        expect(await client.getState()).toEqual(before);
        expect(await held()).toEqual(holding);
      }
    }
    expect(misses).toEqual([]);
    expect(await client.getState()).toEqual(before);
    expect(await held()).toEqual(holding);
    await client.step(1);
    expect((await client.getState()).runs.map((run) => run.step)).toEqual([6, 6, 6]);
  });

  it.each([
    ['1/0', 'division by zero at column 2'],
    ['log(0)', 'log of 0 (math domain error) at column 1'],
    ['sqrt(-1)', 'sqrt of -1 (math domain error) at column 1'],
    ['1/(epoch-epoch)', 'division by zero at column 2'],
    ['exp(1000)', 'result overflows (Infinity) at column 1'],
  ])('LambdaLR %s: refused with its path, nothing lost, no tensor left', async (lambda, detail) => {
    const before = await client.getState();
    const holding = await held();
    const config = {
      ...validExperiment(),
      runs: [{ optimizer: { type: 'SGD' }, scheduler: { type: 'LambdaLR', lrLambda: lambda } }],
    };
    for (let i = 0; i < 20; i++) {
      const error = await refusal(client.configure(config as unknown as ExperimentConfigInput));
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(
        `runs[0].scheduler.lrLambda: ${detail} (epoch = 0)`,
      );
    }
    expect(await client.getState()).toEqual(before);
    expect(await held()).toEqual(holding);
  });
});
