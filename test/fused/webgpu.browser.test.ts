/**
 * The fused WebGPU engine in real Chromium (WebGPU through SwiftShader): its optimizer update
 * against PyTorch's fixtures, whole experiments against the fused CPU loop (itself equal to the
 * op-by-op path), SWA averages kept in GPU buffers against the CPU loop's, the number of real
 * dispatchWorkgroups calls per step, and its GPU buffers counted on the device. SwiftShader
 * compiles slowly: step counts stay small.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUFFER_LABEL_PREFIX, liveFusedBuffers, WebGpuFusedEngine } from '../../src/fused';
import { tfjsDevice } from '../../src/fused/wgsl/pipelines';
import { createOptimizer } from '../../src/optim';
import type { OptimizerConfig } from '../../src/optim';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import { applyHyperparameters, hyperparametersOf } from '../../src/train/engine';
import type { EngineRun } from '../../src/train/engine';
import { Session } from '../../src/train/session';
import { Trainer } from '../../src/train/trainer';
import { STATEFUL_CONFIGS } from '../optim/cases';
import { gradientCases, mismatches, reference } from '../optim/reference';
import { expectClose } from './close';
import { collect } from '../train/helpers';

/** Every buffer the fused engines create on the device, and which of them were destroyed. */
const created = new Set<GPUBuffer>();
const destroyed = new Set<GPUBuffer>();
let dispatches = 0;
const restore: (() => void)[] = [];

beforeAll(async () => {
  await tf.setBackend('webgpu');
  await tf.ready();
  // Count on the real WebGPU objects (no mock): the prototypes every device's objects share.
  const createBuffer = GPUDevice.prototype.createBuffer;
  GPUDevice.prototype.createBuffer = function (descriptor: GPUBufferDescriptor) {
    const buffer = createBuffer.call(this, descriptor);
    if (descriptor.label?.startsWith(BUFFER_LABEL_PREFIX)) created.add(buffer);
    return buffer;
  };
  const destroy = GPUBuffer.prototype.destroy;
  GPUBuffer.prototype.destroy = function () {
    if (created.has(this)) destroyed.add(this);
    return destroy.call(this);
  };
  const dispatch = GPUComputePassEncoder.prototype.dispatchWorkgroups;
  GPUComputePassEncoder.prototype.dispatchWorkgroups = function (...args) {
    dispatches++;
    return dispatch.apply(this, args);
  };
  restore.push(
    () => (GPUDevice.prototype.createBuffer = createBuffer),
    () => (GPUBuffer.prototype.destroy = destroy),
    () => (GPUComputePassEncoder.prototype.dispatchWorkgroups = dispatch),
  );
});

afterAll(async () => {
  for (const undo of restore) undo();
  await tf.setBackend('cpu');
});

/** Live fused buffers as the device saw them made and destroyed. */
const liveOnDevice = () => created.size - destroyed.size;

describe('fused WebGPU update vs torch.optim 1.13', () => {
  it('every fixture case, step by step, to rel 1e-4', async () => {
    // A 2-2-1 MLP has 9 weights, as the fixtures' w (3x2) and b (3): the update is
    // elementwise, so the fixtures' values are laid into it in order.
    const session = new Session(
      parseExperimentConfig({ model: { hidden: [2] }, runs: [{ optimizer: { type: 'SGD' } }] }),
    );
    const engine = new WebGpuFusedEngine(session, tfjsDevice()!);
    try {
      const start = [...reference.params.w.values, ...reference.params.b.values];
      const cases = gradientCases.map((testCase) => {
        const run: EngineRun = {
          config: { optimizer: testCase.config },
          optimizer: createOptimizer(testCase.config),
        };
        engine.attach(
          run,
          [0, 4, 6, 8].map((at, i) => Float32Array.from(start.slice(at, [4, 6, 8, 9][i]))),
        );
        return { testCase, run };
      });
      for (let step = 0; step < reference.gradients.length; step++) {
        const grads = Float32Array.from([
          ...reference.gradients[step].w,
          ...reference.gradients[step].b,
        ]);
        const entries = cases.map(({ testCase, run }) => {
          for (const change of testCase.changes) {
            if (change.step !== step) continue;
            const held = hyperparametersOf(run.optimizer);
            applyHyperparameters(run.optimizer, {
              lr: change.lr ?? held.lr,
              momentum: change.momentum ?? change.betas?.[0] ?? held.momentum,
              beta2: change.betas?.[1] ?? held.beta2,
            });
          }
          return { run, grads, hyper: hyperparametersOf(run.optimizer) };
        });
        await engine.applyGradients(entries);
        for (const { testCase, run } of cases) {
          const weights = await engine.readWeights(run);
          expect(
            mismatches(weights, testCase.expected[step], 1e-4, 1e-6),
            `${testCase.name}, step ${step + 1}`,
          ).toEqual([]);
        }
      }
      cases.forEach(({ run }) => run.optimizer.dispose());
    } finally {
      engine.dispose();
    }
  });
});

/** One experiment on the GPU engine and on the CPU loop, same calls; their curves and grids. */
/** What a test does to the trainer; `settle` lets throttled progress arrive first. */
type Script = (trainer: Trainer, settle: () => Promise<void>) => Promise<void>;

async function bothEngines(config: ExperimentConfigInput, script: Script) {
  const record = async (backend: 'webgpu' | 'cpu') => {
    await tf.setBackend(backend);
    const trainer = new Trainer();
    await trainer.configure(config);
    const implementation = trainer.engineInfo?.implementation;
    const progress = await collect(trainer);
    await script(trainer, progress.settle);
    await progress.settle();
    const state = await trainer.getState();
    const grids = await Promise.all(state.runs.map((run) => trainer.predictGrid(run.id, 6)));
    const averaged = state.runs.filter((run) => (run.swa?.averaged ?? 0) > 0);
    for (const run of averaged)
      grids.push(await trainer.predictGrid(run.id, 6, { weights: 'swa' }));
    await trainer.dispose();
    return { implementation, curves: progress.curves, state, grids };
  };
  const gpu = await record('webgpu');
  const cpu = await record('cpu');
  await tf.setBackend('webgpu');
  return { gpu, cpu };
}

type Recorded = Awaited<ReturnType<typeof bothEngines>>['gpu'];

function expectSame(gpu: Recorded, cpu: Recorded): void {
  expect(gpu.implementation).toBe('fused-webgpu');
  expect(cpu.implementation).toBe('fused-cpu');
  expect(gpu.state.runs.map((r) => [r.step, r.status, r.swa?.averaged])).toEqual(
    cpu.state.runs.map((r) => [r.step, r.status, r.swa?.averaged]),
  );
  for (const [id, expected] of cpu.curves) {
    const actual = gpu.curves.get(id)!;
    expect(actual.steps, id).toEqual(expected.steps);
    expect(actual.evalSteps, id).toEqual(expected.evalSteps);
    close(actual.loss, expected.loss, `${id} loss`);
    close(actual.gradNorm, expected.gradNorm, `${id} gradNorm`);
    close(actual.valLoss, expected.valLoss, `${id} valLoss`);
    close(actual.valAccuracy, expected.valAccuracy, `${id} valAccuracy`);
    expect(actual.swaSteps, id).toEqual(expected.swaSteps);
    close(actual.swaValLoss, expected.swaValLoss, `${id} SWA valLoss`);
    close(actual.swaValAccuracy, expected.swaValAccuracy, `${id} SWA valAccuracy`);
    close(actual.swaTrainLoss, expected.swaTrainLoss, `${id} SWA trainLoss`);
  }
  expect(gpu.grids).toHaveLength(cpu.grids.length);
  gpu.grids.forEach((grid, i) => close(grid.values, cpu.grids[i].values, `grid ${i}`));
}

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) =>
  expectClose(actual, expected, what, 1e-4, 1e-6);

describe('fused WebGPU engine vs the fused CPU loop, whole experiments', () => {
  it.each([
    // 96 training points / batch 32: an evaluation every 3 steps.
    ['relu', 'circle', 0, [8, 6], 32],
    ['gelu', 'moons', 1e-3, [8, 6], 32],
    ['tanh', 'sine', 1e-3, [8, 6], 32],
    // Wider than a workgroup, batches larger than it, a last batch smaller than the others.
    ['leakyRelu', 'gaussian', 0, [70, 5], 80],
    ['sigmoid', 'xor', 1e-4, [5, 5, 5], 10],
    ['linear', 'plane', 0, [3], 96],
  ] as const)(
    '%s on %s (l2 %f, hidden %j, batch %i): every fixture optimizer, to rel 1e-4',
    async (activation, type, l2, hidden, batchSize) => {
      const { gpu, cpu } = await bothEngines(
        {
          seed: 5,
          dataset: { type, samples: 120 },
          model: { hidden: [...hidden], activation, l2 },
          training: { batchSize, steps: 50 },
          runs: STATEFUL_CONFIGS.map((optimizer: OptimizerConfig) => ({ optimizer })),
        },
        (trainer) => trainer.step(7),
      );
      expectSame(gpu, cpu);
    },
  );
});

describe('fused WebGPU engine mid-experiment', () => {
  it('an added run, an lr change, optimizer swaps (Lookahead restarts its slow weights), a removed run, a reset', async () => {
    const { gpu, cpu } = await bothEngines(
      {
        seed: 8,
        dataset: { type: 'circle', samples: 120 },
        model: { hidden: [8] },
        training: { batchSize: 40, steps: 60, evalEvery: 4 },
        runs: [
          { id: 'a', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
          { id: 'b', optimizer: { type: 'Lookahead', k: 2, optimizer: { type: 'Adam' } } },
        ],
      },
      async (trainer, settle) => {
        await trainer.step(3);
        await trainer.addRun({ id: 'late', optimizer: { type: 'Adagrad', lr: 0.1 } });
        await trainer.updateRun('a', { optimizer: { type: 'SGD', lr: 0.03, momentum: 0.9 } });
        await trainer.step(3);
        await trainer.updateRun('b', {
          optimizer: { type: 'Lookahead', k: 3, optimizer: { type: 'RMSprop', momentum: 0.5 } },
        });
        await settle();
        await trainer.removeRun('late');
        await trainer.addRun({ id: 'later', optimizer: { type: 'NAdam', lr: 0.01 } });
        await trainer.step(4);
        await settle();
        await trainer.reset();
        await trainer.step(5);
      },
    );
    expect(gpu.implementation).toBe('fused-webgpu');
    expectSame(gpu, cpu);
  });
});

describe('SWA on the GPU', () => {
  it('averages kept next to the weights: their evaluations and decision grids match the CPU loop', async () => {
    const { gpu, cpu } = await bothEngines(
      {
        seed: 6,
        dataset: { type: 'moons', samples: 120 },
        model: { hidden: [8, 6] },
        // 96 points / batch 24: 4 steps an epoch; evaluations every 3 steps.
        training: { batchSize: 24, steps: 24, evalEvery: 3 },
        runs: [
          {
            optimizer: { type: 'SGD', lr: 0.3, momentum: 0.9 },
            scheduler: { type: 'OneCycleLR', maxLr: 0.5, totalSteps: 24 },
            swa: { start: 1, swaLr: 0.05, annealEpochs: 2 },
          },
          {
            optimizer: { type: 'Adam', lr: 0.02 },
            swa: { start: 0, swaLr: 0.01, annealEpochs: 0 },
          },
          { optimizer: { type: 'RMSprop', lr: 0.01 } },
        ],
      },
      (trainer) => trainer.step(24),
    );
    expect(gpu.state.runs.map((run) => run.swa?.averaged)).toEqual([5, 6, undefined]);
    expect(gpu.curves.get('run-0')?.swaSteps).toEqual([9, 12, 15, 18, 21, 24]);
    expectSame(gpu, cpu);
  });
});

describe('divergence on the GPU', () => {
  it('lr = 100 diverges (reported with its step and lr) while the calm run trains on', async () => {
    await tf.setBackend('webgpu');
    const trainer = new Trainer();
    await trainer.configure({
      seed: 4,
      dataset: { type: 'circle', samples: 100 },
      model: { hidden: [8] },
      training: { batchSize: 16, steps: 30 },
      runs: [
        { id: 'wild', optimizer: { type: 'SGD', lr: 100 } },
        { id: 'calm', optimizer: { type: 'SGD', lr: 0.1 } },
      ],
    });
    expect(trainer.engineInfo?.implementation).toBe('fused-webgpu');
    const progress = await collect(trainer);
    await trainer.step(30);
    await progress.settle();
    const [wild, calm] = (await trainer.getState()).runs;
    expect(wild.status).toBe('diverged');
    expect(wild.diverged?.lr).toBe(100);
    expect(wild.step).toBe(wild.diverged?.step);
    const losses = progress.curve('wild').loss;
    const bad = losses.at(-1)!;
    expect(!Number.isFinite(bad) || bad > 1e3 * losses[0]).toBe(true);
    expect(calm).toMatchObject({ status: 'done', step: 30 });
    await trainer.dispose();
  });
});

describe('dispatches and GPU buffers', () => {
  it('8 runs, half averaging: at most 4 dispatchWorkgroups calls per step, all buffers destroyed on dispose', async () => {
    await tf.setBackend('webgpu');
    const trainer = new Trainer();
    // Every other run with SWA from the first epoch's end: its averaging rides in the train
    // dispatch, so the count per step is what it is without.
    const eight = STATEFUL_CONFIGS.slice(0, 8).map((optimizer: OptimizerConfig, i) =>
      i % 2 === 0 ? { optimizer, swa: { start: 0, swaLr: 0.01 } } : { optimizer },
    );
    await trainer.configure({
      dataset: { type: 'circle', samples: 200 },
      training: { batchSize: 32, steps: 1000 },
      runs: eight,
    });
    await trainer.step(3); // compiled, buffers made
    const before = dispatches;
    const steps = 40;
    await trainer.step(steps);
    const perStep = (dispatches - before) / steps;
    expect(perStep).toBeGreaterThan(0);
    expect(perStep).toBeLessThanOrEqual(4);
    // 200 points, 160 to train in batches of 32: 5 steps an epoch, 43 steps cross 8 averages.
    expect((await trainer.getState()).runs[0].swa?.averaged).toBe(8);
    await trainer.predictGrid('run-0', 8, { weights: 'swa' });
    expect(liveFusedBuffers()).toBeGreaterThan(0);
    expect(liveOnDevice()).toBe(liveFusedBuffers());

    // reset keeps the engine (and its buffers); a new seed or a new config replaces it, and
    // the old engine's buffers are destroyed.
    await trainer.reset();
    expect(liveOnDevice()).toBe(liveFusedBuffers());
    const atReset = liveFusedBuffers();
    await trainer.reset({ seed: 9 });
    await trainer.step(2);
    // The same buffers as before the reset: predictions too (the SWA one above made them).
    await trainer.predictGrid('run-0', 8);
    expect(liveOnDevice()).toBe(liveFusedBuffers());
    expect(liveFusedBuffers()).toBe(atReset);
    await trainer.configure({ dataset: { type: 'xor', samples: 100 }, runs: eight.slice(0, 2) });
    await trainer.step(2);
    expect(liveOnDevice()).toBe(liveFusedBuffers());
    expect(liveFusedBuffers()).toBeLessThanOrEqual(atReset);
    await trainer.dispose();
    expect(liveFusedBuffers()).toBe(0);
    expect(liveOnDevice()).toBe(0);
  });
});
