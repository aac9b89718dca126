/**
 * Runs the measurements for one backend inside a worker (where the engine runs for real), all
 * in the same worker on the same backend and data: the naive minimize loop, and the Trainer
 * with the op-by-op engine and with the fused engine, each with 1 run and with 8 runs.
 * On WebGPU it also counts real GPUComputePassEncoder.dispatchWorkgroups calls per step.
 * Messages: page -> { backend, windowMs }; worker -> { kind: 'row' | 'skipped' | 'done' | 'error', ... }.
 */
/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/backend';
import type { BackendName } from '../src/backend';
import { createDataset } from '../src/data/dataset';
import { parseExperimentConfig } from '../src/protocol/experiment';
import type { ExperimentConfigInput, RunConfigInput } from '../src/protocol/experiment';
import type { EngineChoice } from '../src/train/engine';
import { Trainer } from '../src/train';
import { createNaiveLoop } from './naive-loop';

export interface BenchRequest {
  backend: BackendName;
  windowMs: number;
}

export type BenchLabel = 'naive' | EngineChoice;

export type BenchReply =
  | {
      kind: 'row';
      backend: BackendName;
      label: BenchLabel;
      runs: number;
      stepsPerSecond: number;
      /** What trained: 'ops', 'fused-cpu', 'fused-webgpu' (or 'naive'). */
      implementation: string;
      /** WebGPU only: dispatchWorkgroups calls per step (every run advanced one step). */
      dispatchesPerStep?: number;
    }
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
const BATCH = 32;

/** Real dispatchWorkgroups calls in this worker (TF.js's and the fused engine's). */
let dispatches = 0;
if (typeof GPUComputePassEncoder !== 'undefined') {
  const dispatch = GPUComputePassEncoder.prototype.dispatchWorkgroups;
  GPUComputePassEncoder.prototype.dispatchWorkgroups = function (...args) {
    dispatches++;
    return dispatch.apply(this, args);
  };
}

function experiment(runs: RunConfigInput[]): ExperimentConfigInput {
  // The default task (circle data, 2-16-16-1 relu MLP); long enough never to finish here.
  return { training: { batchSize: BATCH, steps: 10_000_000 }, runs };
}

/** Steps per second of the naive loop: a few warm-up steps, then as many as fit in the window. */
async function naive(warmup: number, windowMs: number): Promise<number> {
  const config = parseExperimentConfig(experiment([{ optimizer: { type: 'Adam' } }]));
  const { train } = createDataset(config.dataset);
  const loop = createNaiveLoop(train.x, train.y, BATCH);
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

/** The Trainer with `engine` (each step advances every run), with a progress subscriber. */
async function trainer(
  engine: EngineChoice,
  runs: RunConfigInput[],
  warmup: number,
  windowMs: number,
) {
  const trainer = new Trainer({ engine });
  try {
    await trainer.configure(experiment(runs));
    let messages = 0;
    await trainer.subscribe(() => void messages++);
    // Past the first epoch end too: its evaluation (and the GPU backends' shader compiles for
    // it) must not land in the measuring window.
    const { stepsPerEpoch } = await trainer.getState();
    await trainer.step(Math.max(warmup, stepsPerEpoch + 1));
    const before = (await trainer.getState()).runs[0].step;
    const dispatchesBefore = dispatches;
    const start = performance.now();
    await trainer.start();
    await sleep(windowMs);
    await trainer.pause();
    const elapsed = (performance.now() - start) / 1000;
    const state = await trainer.getState();
    const steps = state.runs[0].step - before;
    return {
      stepsPerSecond: steps / elapsed,
      implementation: state.engine?.implementation ?? engine,
      dispatchesPerStep: (dispatches - dispatchesBefore) / steps,
    };
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
    const gpu = backend === 'webgpu';
    post({
      kind: 'row',
      backend,
      label: 'naive',
      runs: 1,
      stepsPerSecond: await naive(warmup, windowMs),
      implementation: 'naive',
    });
    for (const engine of ['ops', 'fused'] as const) {
      for (const runs of [EIGHT_OPTIMIZERS.slice(2, 3), EIGHT_OPTIMIZERS]) {
        const result = await trainer(engine, runs, warmup, windowMs);
        post({
          kind: 'row',
          backend,
          label: engine,
          runs: runs.length,
          stepsPerSecond: result.stepsPerSecond,
          implementation: result.implementation,
          ...(gpu ? { dispatchesPerStep: result.dispatchesPerStep } : {}),
        });
      }
    }
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
