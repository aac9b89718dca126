/**
 * How `auto` compares backends: a short probe of the fused training step itself (8 Adam runs
 * on the default task, the race a reader starts first), timed on the CPU loop and on the
 * WebGPU kernels. Measured, because availability says nothing about speed: a software WebGPU
 * adapter is slower than the CPU loop, a real GPU is not.
 */
/// <reference types="@webgpu/types" />
import { CpuFusedEngine, WebGpuFusedEngine } from '../fused';
import { fusedPipelines } from '../fused/wgsl/pipelines';
import { createOptimizer } from '../optim';
import { parseExperimentConfig } from '../protocol/experiment';
import { hyperparametersOf } from '../train/engine';
import type { EngineRun, TrainingEngine } from '../train/engine';
import { Session } from '../train/session';

/** Runs in the probe experiment. */
export const PROBE_RUNS = 8;
/** Steps per probe chunk. */
const PROBE_CHUNK = 16;

/** The probe's time: the CPU loop's and the GPU's measurements, and how long the GPU's pipeline
 * may still compile when its turn comes. About 300 ms in all, at the most. */
export const PROBE_BUDGET_MS = { cpu: 60, gpuCompile: 150, gpu: 60 } as const;

export interface ProbeResult {
  /** NaN when not even one chunk finished in time. */
  stepsPerSecond: number;
  /** Why the probe has no number, when it has none. */
  unfinished?: string;
}

function probeSession(): Session {
  return new Session(
    parseExperimentConfig({
      training: { batchSize: 32, steps: 1_000_000 },
      runs: Array.from({ length: PROBE_RUNS }, () => ({ optimizer: { type: 'Adam', lr: 0.01 } })),
    }),
  );
}

const now = () => performance.now();

/** Chunks of PROBE_CHUNK steps of every run for about `windowMs`, after one warm-up chunk. */
async function timeEngine(
  engine: TrainingEngine,
  session: Session,
  windowMs: number,
): Promise<number> {
  const runs: EngineRun[] = session.config.runs.map((run) => ({
    config: run,
    optimizer: createOptimizer(run.optimizer),
  }));
  try {
    for (const run of runs) engine.attach(run, session.initialWeights);
    let step = 0;
    const chunk = async () => {
      const entries = runs.map((run) => ({
        run,
        firstStep: step,
        hyper: Array.from({ length: PROBE_CHUNK }, () => hyperparametersOf(run.optimizer)),
        evaluate: false,
      }));
      const outcomes = await engine.train(PROBE_CHUNK, entries);
      const failed = outcomes.find((outcome) => outcome.error !== undefined);
      if (failed) throw new Error(failed.error);
      step += PROBE_CHUNK;
    };
    await chunk();
    const started = now();
    let steps = 0;
    do {
      await chunk();
      steps += PROBE_CHUNK;
    } while (now() - started < windowMs);
    return (steps * 1000) / (now() - started);
  } finally {
    for (const run of runs) run.optimizer.dispose();
  }
}

/** The fused CPU loop's speed (the same on wasm and cpu: TF.js is not involved). */
export async function probeCpuLoop(windowMs: number = PROBE_BUDGET_MS.cpu): Promise<ProbeResult> {
  const session = probeSession();
  const engine = new CpuFusedEngine(session);
  try {
    return { stepsPerSecond: await timeEngine(engine, session, windowMs) };
  } finally {
    engine.dispose();
  }
}

/**
 * The fused WebGPU kernels' speed on `device`. Its pipelines compile asynchronously (start that
 * early with fusedPipelines); if they are not ready within `compileMs`, there is no number.
 */
export async function probeWebGpu(
  device: GPUDevice,
  compileMs: number = PROBE_BUDGET_MS.gpuCompile,
  windowMs: number = PROBE_BUDGET_MS.gpu,
): Promise<ProbeResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), compileMs);
  });
  const ready = await Promise.race([fusedPipelines(device).then(() => 'ready' as const), deadline]);
  clearTimeout(timer);
  if (ready === 'late') {
    return {
      stepsPerSecond: NaN,
      unfinished: `its fused kernels did not compile within ${compileMs} ms`,
    };
  }
  const session = probeSession();
  const engine = new WebGpuFusedEngine(session, device);
  try {
    return { stepsPerSecond: await timeEngine(engine, session, windowMs) };
  } finally {
    engine.dispose();
  }
}
