/**
 * Runs the measurements for one backend inside a worker (where the engine runs for real):
 * the naive minimize loop and the engine's Trainer, same worker, same backend, same data.
 * Messages: page -> { backend, windowMs }; worker -> { kind: 'row' | 'skipped' | 'done' | 'error', ... }.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/backend';
import type { BackendName } from '../src/backend';
import { createDataset } from '../src/data/dataset';
import { parseExperimentConfig } from '../src/protocol/experiment';
import type { ExperimentConfigInput, RunConfigInput } from '../src/protocol/experiment';
import { Trainer } from '../src/train';
import { createNaiveLoop } from './naive-loop';

export interface BenchRequest {
  backend: BackendName;
  windowMs: number;
}

export type BenchReply =
  | { kind: 'row'; backend: BackendName; label: string; batchSize: number; stepsPerSecond: number }
  | { kind: 'skipped'; backend: BackendName; reason: string }
  | { kind: 'done'; backend: BackendName }
  | { kind: 'error'; backend: BackendName; message: string };

const post = (reply: BenchReply) => self.postMessage(reply);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const EIGHT_OPTIMIZERS: RunConfigInput[] = [
  { optimizer: { type: 'SGD', lr: 0.1 } },
  { optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9, nesterov: true } },
  { optimizer: { type: 'Adam', lr: 0.01 } },
  { optimizer: { type: 'AdamW', lr: 0.01 } },
  { optimizer: { type: 'NAdam', lr: 0.01 } },
  { optimizer: { type: 'RAdam', lr: 0.01 } },
  { optimizer: { type: 'RMSprop', lr: 0.01 } },
  { optimizer: { type: 'Adagrad', lr: 0.05 } },
];

function experiment(batchSize: number, runs: RunConfigInput[]): ExperimentConfigInput {
  // The default task (circle data, 2-16-16-1 relu MLP); long enough never to finish here.
  return { training: { batchSize, steps: 10_000_000 }, runs };
}

/** Steps per second of the naive loop: a few warm-up steps, then as many as fit in the window. */
async function naive(batchSize: number, warmup: number, windowMs: number): Promise<number> {
  const config = parseExperimentConfig(experiment(batchSize, [{ optimizer: { type: 'Adam' } }]));
  const { train } = createDataset(config.dataset);
  const loop = createNaiveLoop(train.x, train.y, batchSize);
  try {
    for (let i = 0; i < warmup; i++) await loop.step();
    let steps = 0;
    const start = performance.now();
    while (performance.now() - start < windowMs) {
      await loop.step();
      steps++;
    }
    return steps / ((performance.now() - start) / 1000);
  } finally {
    loop.dispose();
  }
}

/** Steps per second of the engine (each step advances every run), with a progress subscriber. */
async function engine(
  batchSize: number,
  runs: RunConfigInput[],
  warmup: number,
  windowMs: number,
): Promise<number> {
  const trainer = new Trainer();
  try {
    await trainer.configure(experiment(batchSize, runs));
    let messages = 0;
    await trainer.subscribe(() => void messages++);
    // Past the first epoch end too: its evaluation (and the GPU backends' shader compiles for
    // it) must not land in the measuring window.
    const { stepsPerEpoch } = await trainer.getState();
    await trainer.step(Math.max(warmup, stepsPerEpoch + 1));
    const before = (await trainer.getState()).runs[0].step;
    const start = performance.now();
    await trainer.start();
    await sleep(windowMs);
    await trainer.pause();
    const elapsed = (performance.now() - start) / 1000;
    const after = (await trainer.getState()).runs[0].step;
    return (after - before) / elapsed;
  } finally {
    await trainer.dispose();
  }
}

self.addEventListener('message', async (event: MessageEvent<BenchRequest>) => {
  const { backend, windowMs } = event.data;
  try {
    const selection = await selectBackend(backend);
    if (selection.backend !== backend) {
      post({ kind: 'skipped', backend, reason: selection.skipped[0]?.reason ?? 'unavailable' });
      return;
    }
    // WebGPU on SwiftShader compiles shaders during its first steps: warm up longer there.
    const warmup = backend === 'webgpu' || backend === 'webgl' ? 5 : 20;
    for (const batchSize of [32, 256]) {
      const row = { kind: 'row' as const, backend, batchSize };
      post({
        ...row,
        label: 'naive minimize',
        stepsPerSecond: await naive(batchSize, warmup, windowMs),
      });
      const single = await engine(
        batchSize,
        [{ optimizer: { type: 'Adam', lr: 0.01 } }],
        warmup,
        windowMs,
      );
      post({ ...row, label: 'engine, 1 run', stepsPerSecond: single });
    }
    const eight = await engine(32, EIGHT_OPTIMIZERS, warmup, windowMs);
    post({ kind: 'row', backend, batchSize: 32, label: 'engine, 8 runs', stepsPerSecond: eight });
    post({ kind: 'done', backend });
  } catch (error) {
    post({
      kind: 'error',
      backend,
      message: error instanceof Error ? error.message : String(error),
    });
  } finally {
    tf.disposeVariables();
  }
});
