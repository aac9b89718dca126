import { MAX_EPOCHS } from '../../src/protocol/experiment';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import type { ProgressBatch } from '../../src/protocol/progress';
import { createTrainerClient } from '../../workers/client';
import type { TrainerClient, TrainerClientOptions } from '../../workers/client';

/** The default task: circle data, 2-16-16-1 MLP, one Adam run. */
export function adamExperiment(
  overrides: Partial<ExperimentConfigInput> = {},
): ExperimentConfigInput {
  return {
    seed: 7,
    dataset: { type: 'circle', samples: 200 },
    // The schema's longest training: still running whenever a test pauses it, however fast.
    training: { batchSize: 32, epochs: MAX_EPOCHS },
    runs: [{ id: 'adam', optimizer: { type: 'Adam', lr: 0.02 } }],
    ...overrides,
  };
}

/** Clients made through here are terminated by `terminateAll` (call it in afterEach). */
const live = new Set<TrainerClient>();

export function trackedClient(options?: TrainerClientOptions): TrainerClient {
  const client = createTrainerClient(options);
  live.add(client);
  return client;
}

export function terminateAll(): void {
  for (const client of live) client.terminate();
  live.clear();
}

export interface ReceivedBatch {
  at: number;
  msg: ProgressBatch;
}

/** Subscribes and keeps every message with its arrival time. */
export async function record(
  client: TrainerClient,
  maxRate?: number,
): Promise<{ batches: ReceivedBatch[]; unsubscribe: () => Promise<void> }> {
  const batches: ReceivedBatch[] = [];
  const unsubscribe = await client.subscribe(
    (msg) => batches.push({ at: performance.now(), msg }),
    maxRate === undefined ? undefined : { maxRate },
  );
  return { batches, unsubscribe };
}

/** Every step index of `runId` received, in arrival order. */
export function stepsOf(batches: readonly ReceivedBatch[], runId: string): number[] {
  return batches.flatMap(({ msg }) =>
    msg.runs.filter((r) => r.runId === runId).flatMap((r) => [...r.steps]),
  );
}

export function lossesOf(batches: readonly ReceivedBatch[], runId: string): number[] {
  return batches.flatMap(({ msg }) =>
    msg.runs.filter((r) => r.runId === runId).flatMap((r) => [...r.loss]),
  );
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with how `promise` settled, or 'timeout' if it has not within `ms`. */
export async function settleWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<
  { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown } | 'timeout'
> {
  const timeout = sleep(ms).then(() => 'timeout' as const);
  const settled = promise.then(
    (value) => ({ status: 'fulfilled' as const, value }),
    (reason: unknown) => ({ status: 'rejected' as const, reason }),
  );
  return Promise.race([settled, timeout]);
}

/** Waits until `condition()` holds, polling; fails the test after `ms`. */
export async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}
