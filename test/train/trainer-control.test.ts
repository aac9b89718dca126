/**
 * Trainer controls and fairness: identical runs give identical curves, reset replays,
 * divergence stops only the run that diverged, pause stops stepping, bad input names the field.
 * Small networks and datasets keep steps cheap on a busy CPU.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { MAX_EPOCHS } from '../../src/protocol/experiment';
import { Trainer } from '../../src/train/trainer';
import { collect, useCpu } from './helpers';

beforeAll(useCpu);

let trainer: Trainer;
afterEach(async () => {
  await trainer?.dispose();
  expect(tf.memory().numTensors).toBe(0);
});

const small = {
  seed: 4,
  dataset: { type: 'circle', samples: 100 },
  model: { hidden: [8] },
  training: { batchSize: 16, steps: 40 },
};

describe('fairness and reproducibility', () => {
  test('two runs with identical configs give bit-identical curves', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      runs: [
        { id: 'a', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
        { id: 'b', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
      ],
    });
    const progress = await collect(trainer);
    await trainer.step(40);
    await progress.settle();
    const a = progress.curve('a');
    const b = progress.curve('b');
    expect(a.steps).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(b.loss).toEqual(a.loss);
    expect(b.gradNorm).toEqual(a.gradNorm);
    expect(b.valLoss).toEqual(a.valLoss);
    // A different optimizer on the same batches gives a different curve from the same start.
    expect(a.loss[a.loss.length - 1]).toBeLessThan(a.loss[0]);
  });

  test('all runs start from the same weights: step-1 losses agree across optimizers', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      runs: [
        { optimizer: { type: 'SGD', lr: 0.5 } },
        { optimizer: { type: 'Adam' } },
        { optimizer: { type: 'RMSprop' } },
      ],
    });
    const progress = await collect(trainer);
    await trainer.step(2);
    await progress.settle();
    const first = ['run-0', 'run-1', 'run-2'].map((id) => progress.curve(id).loss[0]);
    expect(first[1]).toBe(first[0]);
    expect(first[2]).toBe(first[0]);
    // The second step's loss reflects each optimizer's first update.
    const second = ['run-0', 'run-1', 'run-2'].map((id) => progress.curve(id).loss[1]);
    expect(new Set(second).size).toBe(3);
  });

  test('reset with the same seed reproduces the curve; a new seed changes it', async () => {
    trainer = new Trainer();
    await trainer.configure({ ...small, runs: [{ optimizer: { type: 'Adam', lr: 0.01 } }] });
    const progress = await collect(trainer);
    const lossesAfter = async () => {
      progress.curve('run-0').loss.length = 0;
      await trainer.step(25);
      await progress.settle();
      return [...progress.curve('run-0').loss];
    };
    const first = await lossesAfter();
    const generation = (await trainer.getState()).generation;
    await trainer.reset();
    const state = await trainer.getState();
    expect(state.generation).toBe(generation + 1);
    expect(state.runs[0]).toMatchObject({ step: 0, status: 'idle' });
    expect(await lossesAfter()).toEqual(first);
    await trainer.reset({ seed: 4 }); // the seed the config already had: same experiment
    expect(await lossesAfter()).toEqual(first);
    await trainer.reset({ seed: 5 });
    const other = await lossesAfter();
    expect(other).toHaveLength(25);
    expect(other).not.toEqual(first);
    expect((await trainer.getState()).config?.seed).toBe(5);
  });
});

describe('divergence', () => {
  test('lr = 100 diverges with its step and lr reported while the other run trains on', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      training: { batchSize: 16, steps: 60 },
      runs: [
        { id: 'wild', optimizer: { type: 'SGD', lr: 100 } },
        { id: 'calm', optimizer: { type: 'SGD', lr: 0.1 } },
      ],
    });
    const progress = await collect(trainer);
    await trainer.start();
    await trainer.waitForStop();
    await progress.settle();
    const state = await trainer.getState();
    const wild = state.runs.find((r) => r.id === 'wild')!;
    const calm = state.runs.find((r) => r.id === 'calm')!;
    expect(wild.status).toBe('diverged');
    expect(wild.diverged).toBeDefined();
    expect(wild.diverged!.lr).toBe(100);
    expect(wild.step).toBe(wild.diverged!.step);
    expect(wild.step).toBeLessThan(60);
    // The reported loss is the first one that is non-finite or 1000x the first step's loss.
    const wildCurve = progress.curve('wild');
    const bad = wildCurve.loss.at(-1)!;
    expect(!Number.isFinite(bad) || bad > 1e3 * wildCurve.loss[0]).toBe(true);
    expect(wildCurve.steps.at(-1)).toBe(wild.diverged!.step);
    expect(
      wildCurve.loss
        .slice(0, -1)
        .every((l) => Number.isFinite(l) && l <= 1e3 * Math.max(wildCurve.loss[0], 0.01)),
    ).toBe(true);
    const lastWildMessage = progress.messages
      .filter((m) => m.runs.some((r) => r.runId === 'wild' && r.diverged))
      .at(0);
    expect(lastWildMessage?.runs.find((r) => r.runId === 'wild')?.status).toBe('diverged');
    expect(calm.status).toBe('done');
    expect(calm.step).toBe(60);
    expect(state.status).toBe('done');
  });
});

describe('controls', () => {
  test('pause stops stepping promptly; resume goes on from there', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      // The schema's longest training, so it is still running when paused, however fast.
      training: { batchSize: 16, epochs: MAX_EPOCHS },
      runs: [{ optimizer: { type: 'Adam' } }],
    });
    await trainer.start();
    expect((await trainer.getState()).status).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const asked = performance.now();
    await trainer.pause();
    const latency = performance.now() - asked;
    const paused = await trainer.getState();
    expect(paused.status).toBe('paused');
    expect(paused.runs[0].status).toBe('paused');
    expect(paused.runs[0].step).toBeGreaterThan(0);
    // Generous for a loaded CI machine; the chunk target is 16 ms.
    expect(latency).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await trainer.getState()).runs[0].step).toBe(paused.runs[0].step);
    await trainer.resume();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await trainer.pause();
    expect((await trainer.getState()).runs[0].step).toBeGreaterThan(paused.runs[0].step);
  });

  test('the loop yields through the injected yieldToEventLoop after every chunk', async () => {
    let yields = 0;
    trainer = new Trainer({
      chunkTargetMs: 0.001, // every chunk is a single step
      yieldToEventLoop: () => {
        yields++;
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    await trainer.configure({ ...small, runs: [{ optimizer: { type: 'Adam' } }] });
    await trainer.step(12);
    expect(yields).toBe(12);
  });

  test('progress messages respect maxRate and carry every step exactly once', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      // The schema's longest training, so it is still running when paused, however fast.
      training: { batchSize: 16, epochs: MAX_EPOCHS },
      runs: [{ optimizer: { type: 'SGD' } }],
    });
    const times: number[] = [];
    const steps: number[] = [];
    await trainer.subscribe(
      (msg) => {
        times.push(performance.now());
        steps.push(...(msg.runs[0]?.steps ?? []));
      },
      { maxRate: 10 },
    );
    await trainer.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await trainer.pause();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // 10 per second: consecutive messages at least 100 ms apart (timer granularity aside).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(95);
    expect(times.length).toBeLessThanOrEqual(9);
    const taken = (await trainer.getState()).runs[0].step;
    expect(steps).toEqual(Array.from({ length: taken }, (_, i) => i + 1));
  });

  test('step(n) takes exactly n steps per run and pauses', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      runs: [{ optimizer: { type: 'SGD' } }, { optimizer: { type: 'Adam' } }],
    });
    await trainer.step(7);
    let state = await trainer.getState();
    expect(state.runs.map((r) => [r.step, r.status])).toEqual([
      [7, 'paused'],
      [7, 'paused'],
    ]);
    expect(state.status).toBe('paused');
    await trainer.step(100); // capped at the 40-step budget
    state = await trainer.getState();
    expect(state.runs.map((r) => [r.step, r.status])).toEqual([
      [40, 'done'],
      [40, 'done'],
    ]);
    expect(state.status).toBe('done');
    await expect(trainer.step(0)).rejects.toThrow(/^n: must be an integer >= 1/);
  });

  test('evaluation runs each epoch and at the end; epochs are fractional', async () => {
    trainer = new Trainer();
    // 100 samples, 20 for validation: 80 training points, batch 16 -> 5 steps per epoch.
    await trainer.configure({
      ...small,
      training: { batchSize: 16, steps: 12 },
      runs: [{ optimizer: { type: 'SGD' } }],
    });
    const progress = await collect(trainer);
    await trainer.step(12);
    await progress.settle();
    const curve = progress.curve('run-0');
    expect(curve.evalSteps).toEqual([5, 10, 12]);
    const epochs = progress.messages.flatMap((m) => [...(m.runs[0]?.epochs ?? [])]);
    expect(epochs[0]).toBeCloseTo(0.2, 6);
    expect(epochs.at(-1)).toBeCloseTo(2.4, 6);
    expect(curve.valAccuracy.every((a) => a >= 0 && a <= 1)).toBe(true);
    expect(progress.messages[0].stepsPerEpoch).toBe(5);
  });

  test('an lr change mid-training applies from the next step, keeping the optimizer state', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      runs: [{ id: 'r', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } }],
    });
    const progress = await collect(trainer);
    await trainer.step(3);
    const updated = await trainer.updateRun('r', {
      optimizer: { type: 'SGD', lr: 0.02, momentum: 0.9 },
    });
    expect(updated.optimizer).toMatchObject({ lr: 0.02 });
    await trainer.step(2);
    await progress.settle();
    expect(progress.curve('r').lr.map((lr) => Math.fround(lr))).toEqual(
      [0.1, 0.1, 0.1, 0.02, 0.02].map(Math.fround),
    );
    await trainer.updateRun('r', { optimizer: { type: 'Adam', lr: 0.005 } });
    const state = await trainer.getState();
    expect(state.runs[0].config.optimizer.type).toBe('Adam');
    expect(state.runs[0].lr).toBe(0.005);
    await expect(trainer.updateRun('r', { optimizer: { type: 'Adam', lr: -1 } })).rejects.toThrow(
      /^update\.optimizer\.lr: /,
    );
    await expect(trainer.updateRun('r', { momentum: 0.5 })).rejects.toThrow(
      /^update\.momentum: unknown field/,
    );
    await expect(trainer.updateRun('nope', {})).rejects.toThrow(
      /^runId: no run "nope" \(runs: "r"\)/,
    );
  });

  test('a batch-stepped scheduler sets each step lr; momentum is reported when it cycles', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      training: { batchSize: 16, steps: 10 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 1, momentum: 0.9 },
          scheduler: { type: 'OneCycleLR', maxLr: 1, totalSteps: 10 },
        },
        {
          optimizer: { type: 'SGD', lr: 1 },
          scheduler: { type: 'StepLR', stepSize: 1, gamma: 0.5 },
          schedulerStepOn: 'epoch',
        },
      ],
    });
    const progress = await collect(trainer);
    await trainer.step(10);
    await progress.settle();
    const cycle = progress.curve('run-0');
    // OneCycleLR starts at maxLr / divFactor = 1/25 and peaks mid-schedule (pctStart 0.3).
    expect(cycle.lr[0]).toBeCloseTo(0.04, 6);
    expect(Math.max(...cycle.lr)).toBeCloseTo(1, 5);
    expect(cycle.momentum).toHaveLength(10);
    expect(cycle.momentum[0]).toBeCloseTo(0.95, 6); // maxMomentum while lr is lowest
    // Stepped per epoch (5 steps): lr halves after step 5.
    const stepped = progress.curve('run-1');
    expect(stepped.lr.map((v) => Math.fround(v))).toEqual(
      [1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5].map(Math.fround),
    );
    expect(stepped.momentum).toHaveLength(0);
  });

  test('ReduceLROnPlateau is fed the validation loss at each evaluation', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      training: { batchSize: 16, steps: 30 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 1e-6 },
          scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 0.5 },
        },
      ],
    });
    const progress = await collect(trainer);
    await trainer.step(30);
    await progress.settle();
    const lr = progress.curve('run-0').lr;
    // threshold 0.5 (rel): only a 50% drop counts as better; lr 1e-6 never achieves one
    // (and lr stays large enough for torch's eps = 1e-8 rule to let each halving through).
    // Evaluations after steps 5, 10, ..., 30 (5 steps per epoch). Metrics are float32.
    const f = Math.fround;
    expect(lr[4]).toBe(f(1e-6)); // step 5 ran before the first evaluation
    expect(lr[5]).toBe(f(1e-6)); // the first evaluation only sets `best`
    expect(lr[10]).toBe(f(0.5e-6)); // evaluation 2 (after step 10): 1 bad epoch > patience 0
    expect(lr[15]).toBe(f(0.25e-6));
    expect(lr[29]).toBe(f(1e-6 / 2 ** 4)); // evaluations 2..5 halved it; the 6th came after
  });

  test('add and remove runs mid-experiment; added runs start from the shared initial weights', async () => {
    trainer = new Trainer();
    await trainer.configure({ ...small, runs: [{ id: 'first', optimizer: { type: 'Adam' } }] });
    const progress = await collect(trainer);
    await trainer.step(5);
    const id = await trainer.addRun({ optimizer: { type: 'Adam' } });
    expect(id).toBe('run-1');
    await trainer.step(5);
    await progress.settle();
    let state = await trainer.getState();
    expect(state.runs.map((r) => [r.id, r.step])).toEqual([
      ['first', 10],
      ['run-1', 5],
    ]);
    // Same optimizer, same start, same batches: the late run replays the first run's steps.
    expect(progress.curve('run-1').loss).toEqual(progress.curve('first').loss.slice(0, 5));
    await expect(trainer.addRun({ id: 'first', optimizer: { type: 'SGD' } })).rejects.toThrow(
      /^run\.id: duplicate id "first"/,
    );
    await expect(trainer.addRun({ optimizer: { type: 'SGD', nesterov: 'yes' } })).rejects.toThrow(
      /^run\.optimizer\.nesterov: /,
    );
    await trainer.removeRun('first');
    await progress.settle();
    state = await trainer.getState();
    expect(state.runs.map((r) => r.id)).toEqual(['run-1']);
    expect(progress.messages.some((m) => m.removedRuns.includes('first'))).toBe(true);
    await expect(trainer.removeRun('first')).rejects.toThrow(/^runId: no run "first"/);
  });
});

describe('bad input', () => {
  test('an invalid config rejects naming the field and leaves the current experiment usable', async () => {
    trainer = new Trainer();
    await expect(trainer.start()).rejects.toThrow(/configure\(\) first/);
    await trainer.configure({ ...small, runs: [{ optimizer: { type: 'Adam' } }] });
    await expect(
      trainer.configure({
        runs: [{ optimizer: { type: 'Adam' } }, { optimizer: { type: 'SGD', lr: 'fast' } }],
      }),
    ).rejects.toThrow(/^runs\[1\]\.optimizer\.lr: /);
    await expect(
      trainer.configure({
        runs: [{ optimizer: { type: 'Adam' } }],
        model: { activation: 'swish' },
      }),
    ).rejects.toThrow(
      /^model\.activation: must be one of relu, leakyRelu, tanh, sigmoid, gelu, linear/,
    );
    await trainer.step(3);
    expect((await trainer.getState()).runs[0].step).toBe(3);
    await expect(trainer.reset({ seed: -2 })).rejects.toThrow(/^seed: /);
    await expect(trainer.predictGrid('run-0', 1)).rejects.toThrow(
      /^n: must be an integer in \[2, 512\]/,
    );
  });
});

describe('views', () => {
  test('predictGrid gives probabilities over the data plane; getDataset gives copies of the points', async () => {
    trainer = new Trainer();
    await trainer.configure({ ...small, runs: [{ optimizer: { type: 'Adam' } }] });
    const grid = await trainer.predictGrid('run-0', 5);
    expect(grid.values).toHaveLength(25);
    expect([...grid.values].every((p) => p > 0 && p < 1)).toBe(true);
    const data = await trainer.getDataset();
    expect(grid.xRange).toEqual(data.xRange);
    expect(data.train.y).toHaveLength(80);
    expect(data.validation.y).toHaveLength(20);
    data.train.x.fill(0);
    expect((await trainer.getDataset()).train.x.some((v) => v !== 0)).toBe(true);
  });

  test('predictGrid on 1-D regression gives n values along x', async () => {
    trainer = new Trainer();
    await trainer.configure({
      ...small,
      dataset: { type: 'sine' },
      runs: [{ optimizer: { type: 'Adam' } }],
    });
    const grid = await trainer.predictGrid('run-0', 7);
    expect(grid.values).toHaveLength(7);
    const data = await trainer.getDataset();
    expect(data.task).toBe('regression');
    expect(data.inputDims).toBe(1);
  });
});
