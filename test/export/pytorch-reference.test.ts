/**
 * The engine against PyTorch running the scripts toPyTorch exports: for every experiment in
 * experiments.ts, the real Trainer (cpu backend) trains each run and its per-step training
 * losses must match what torch 1.13 computed with the exported script (export.json, written
 * by test/reference/export_reference.py) to 1e-4 relative, and so must every evaluation of a
 * run's Stochastic Weight Averaging (torch's AveragedModel after SWALR). The fixture is tied to the
 * exporter: the sha256 of each script torch ran must be that of the script toPyTorch writes
 * now, so changing the exporter without `npm run reference` fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPyTorch } from '../../src/export';
import { pythonLambda } from '../../src/export/lambda';
import { OPTIMIZER_TYPES } from '../../src/optim/defaults';
import { pointsTask } from '../../src/protocol/custom-points';
import type { ClassificationPoint } from '../../src/protocol/custom-points';
import {
  parseExperimentConfig,
  stepsPerEpoch,
  totalSteps,
  trainingSampleCount,
} from '../../src/protocol/experiment';
import type { ExperimentConfig } from '../../src/protocol/experiment';
import { compileExpression } from '../../src/schedule/expr';
import type { SchedulerConfig } from '../../src/schedule/types';
import { epochOrder } from '../../src/train/batches';
import { Trainer } from '../../src/train/trainer';
import { collect, useCpu } from '../train/helpers';
import { EXPORT_EXPERIMENTS, EXPORT_LAMBDAS } from './experiments';
import { loadExportFixture, relativeDifference, sha256 } from './export-fixture';

const TOLERANCE = 1e-4;
const fixture = loadExportFixture();
const parsed = EXPORT_EXPERIMENTS.map(({ config }) => parseExperimentConfig(config));
const trainer = new Trainer();

beforeAll(useCpu);
afterAll(() => trainer.dispose());

function schedulerTypes(config: SchedulerConfig): string[] {
  if (config.type !== 'SequentialLR') return [config.type];
  return [config.type, ...config.schedulers.flatMap(schedulerTypes)];
}

/** When a run's scheduler steps, as the exported loop words it. */
function planOf(type: SchedulerConfig['type'], on: 'batch' | 'epoch'): string {
  return type === 'None' ? 'None' : type === 'ReduceLROnPlateau' ? 'plateau' : on;
}

function runsOf(configs: readonly ExperimentConfig[]) {
  return configs.flatMap((config) => config.runs.map((run) => ({ config, run })));
}

describe('export.json is what torch made of the scripts toPyTorch writes now', () => {
  it('holds exactly the experiments and lambdas of experiments.ts', () => {
    expect(fixture.torch).toMatch(/^1\.13/);
    expect(fixture.experiments.map(({ name, config }) => ({ name, config }))).toEqual(
      EXPORT_EXPERIMENTS,
    );
    expect(fixture.lambdas.map(({ source }) => source)).toEqual(EXPORT_LAMBDAS);
  });

  it.each(fixture.experiments.map((e) => [e.name, e] as const))(
    '%s: same script (else run `npm run reference`)',
    (_name, experiment) => {
      expect(sha256(toPyTorch(experiment.config))).toBe(experiment.sha256);
    },
  );

  it('the lambdas are the ones pythonLambda prints now', () => {
    for (const lambda of fixture.lambdas) expect(pythonLambda(lambda.source)).toBe(lambda.python);
  });
});

describe('the experiments cover what the exporter must get right', () => {
  const runs = runsOf(parsed);

  it('every optimizer type, each scheduler family, per batch, per epoch and on plateaus', () => {
    const optimizers = new Set(runs.map(({ run }) => run.optimizer.type));
    expect([...optimizers].sort()).toEqual([...OPTIMIZER_TYPES].sort());
    const schedulers = new Set(runs.flatMap(({ run }) => schedulerTypes(run.scheduler)));
    for (const type of [
      'StepLR',
      'MultiStepLR',
      'OneCycleLR',
      'CosineAnnealingWarmRestarts',
      'ReduceLROnPlateau',
      'LambdaLR',
      'MultiplicativeLR',
      'SequentialLR',
      'CyclicLR',
      'LinearLR',
      'PolynomialLR',
      'SWALR',
    ]) {
      expect(schedulers, type).toContain(type);
    }
    const stepping = (on: string) =>
      runs.filter(
        ({ run }) =>
          run.scheduler.type !== 'None' &&
          run.scheduler.type !== 'ReduceLROnPlateau' &&
          run.schedulerStepOn === on,
      ).length;
    expect(stepping('batch')).toBeGreaterThan(3);
    expect(stepping('epoch')).toBeGreaterThan(3);
  });

  it('SWA after schedulers per batch, per epoch, on plateaus and none, each anneal, both tasks', () => {
    const averaged = runs.filter(({ run }) => run.swa);
    const stepping = new Set(
      averaged.map(({ run }) => planOf(run.scheduler.type, run.schedulerStepOn)),
    );
    expect([...stepping].sort()).toEqual(['None', 'batch', 'epoch', 'plateau']);
    const anneals = new Set(
      averaged.map(({ run }) => `${run.swa!.annealStrategy} ${run.swa!.annealEpochs > 0}`),
    );
    expect([...anneals].sort()).toEqual(['cos false', 'cos true', 'linear true']);
    expect(averaged.some(({ run }) => run.optimizer.type === 'Lookahead')).toBe(true);
    expect(new Set(averaged.map(({ config }) => config.dataset.type))).toEqual(
      new Set(['moons', 'sine']),
    );
    expect(averaged.some(({ config }) => config.dataset.validationFraction === 0)).toBe(true);
    // Evaluations that miss the epochs' ends, and a training that ends mid-epoch.
    expect(
      averaged.some(({ config }) => config.training.evalEvery % stepsPerEpoch(config) !== 0),
    ).toBe(true);
    expect(averaged.some(({ config }) => totalSteps(config) % stepsPerEpoch(config) !== 0)).toBe(
      true,
    );
    // Runs without SWA share those scripts (None in their table row).
    expect(runs.some(({ config, run }) => !run.swa && config.runs.some((other) => other.swa))).toBe(
      true,
    );
  });

  it('both tasks, every activation, L2, no validation split, partial batches and epochs', () => {
    const tasks = new Set(parsed.map((c) => c.dataset.type));
    expect(tasks).toContain('sine');
    expect(tasks).toContain('circle');
    expect(new Set(parsed.map((c) => c.model.activation)).size).toBe(6);
    expect(parsed.some((c) => c.model.l2 > 0)).toBe(true);
    expect(parsed.some((c) => c.dataset.validationFraction === 0)).toBe(true);
    expect(parsed.some((c) => trainingSampleCount(c.dataset) % c.training.batchSize !== 0)).toBe(
      true,
    );
    expect(parsed.some((c) => c.training.steps !== undefined)).toBe(true);
  });

  it("custom points of both shapes, both labels, some beyond the generators' [-1, 1]", () => {
    const custom = parsed.flatMap((c) => (c.dataset.type === 'custom' ? [c.dataset.points] : []));
    expect(custom.map(pointsTask).sort()).toEqual(['binary', 'regression']);
    const drawn = custom.find((points) => pointsTask(points) === 'binary') as ClassificationPoint[];
    expect(new Set(drawn.map((point) => point[2]))).toEqual(new Set([0, 1]));
    expect(Math.max(...drawn.map((point) => Math.abs(point[0])))).toBeGreaterThan(2);
  });
});

describe("the script's batch order is the engine's", () => {
  it.each(fixture.experiments.map((e, i) => [e.name, e, parsed[i]] as const))(
    '%s',
    (_name, experiment, config) => {
      const count = trainingSampleCount(config.dataset);
      experiment.epochOrders.forEach((order, epoch) => {
        expect(order).toEqual(Array.from(epochOrder(count, config.training.shuffleSeed, epoch)));
      });
    },
  );
});

describe('the exported lrLambda computes what the engine evaluates', () => {
  it.each(fixture.lambdas.map((l) => [l.source, l] as const))('%s', (source, lambda) => {
    const evaluate = compileExpression(source);
    lambda.values.forEach((value, epoch) => {
      // math.cos & co. may differ from V8's by an ulp; operators and their grouping may not.
      expect(relativeDifference(evaluate(epoch), value), `epoch ${epoch}`).toBeLessThan(1e-15);
    });
  });
});

describe('the engine matches PyTorch running the exported script, step by step', () => {
  let worst = { relative: 0, where: '' };
  afterAll(() => {
    console.log(
      `worst relative loss difference: ${worst.relative.toExponential(2)} (${worst.where})`,
    );
  });

  it.each(fixture.experiments.map((e) => [e.name, e] as const))('%s', async (name, experiment) => {
    await trainer.configure(experiment.config);
    const progress = await collect(trainer);
    await trainer.start();
    await trainer.waitForStop();
    await progress.settle();
    await progress.unsubscribe();
    const state = await trainer.getState();
    expect(Object.keys(experiment.losses)).toEqual(state.runs.map((run) => run.id));
    for (const run of state.runs) {
      expect(run.status, `${run.id}: ${run.error ?? ''}`).toBe('done');
      if (run.config.scheduler.type === 'ReduceLROnPlateau') {
        // Meaningful only if the plateau fired: the lr it sees must have been cut.
        const lr = progress.curve(run.id).lr;
        expect(Math.min(...lr), `${run.id}: the plateau never reduced the lr`).toBeLessThan(lr[0]);
      }
      const engine = progress.curve(run.id).loss;
      const torch = experiment.losses[run.id];
      expect(engine).toHaveLength(torch.length);
      const compare = (actual: number, expected: number, what: string) => {
        const relative = relativeDifference(actual, expected);
        if (relative > worst.relative) {
          worst = { relative, where: `${name}, ${run.id} (${run.label}), ${what}` };
        }
        expect(relative, `${run.id} (${run.label}) ${what}`).toBeLessThanOrEqual(TOLERANCE);
      };
      torch.forEach((expected, step) => compare(engine[step], expected, `step ${step + 1}`));
      expect(run.swa === undefined, run.id).toBe(experiment.swa?.[run.id] === undefined);
      const averaged = experiment.swa?.[run.id];
      if (!averaged) continue;
      // The averaged model, evaluated at the same steps, scores what torch's AveragedModel does.
      const curve = progress.curve(run.id);
      expect(curve.swaSteps, `${run.id} SWA evaluation steps`).toEqual(averaged.steps);
      expect(averaged.steps.length).toBeGreaterThan(1);
      averaged.trainLoss.forEach((expected, i) =>
        compare(curve.swaTrainLoss[i], expected, `SWA train loss at step ${averaged.steps[i]}`),
      );
      averaged.valLoss?.forEach((expected, i) =>
        compare(curve.swaValLoss[i], expected, `SWA validation loss at step ${averaged.steps[i]}`),
      );
      if (averaged.valAccuracy) {
        expect(curve.swaValAccuracy, `${run.id} SWA accuracy`).toEqual(averaged.valAccuracy);
      }
    }
  });
});
