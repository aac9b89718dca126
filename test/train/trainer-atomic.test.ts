/**
 * configure(), addRun() and updateRun() are atomic: a config refused for any reason (schedulers
 * evaluated at step 0 included) leaves the experiment exactly as it was, still training if it
 * was, with not one tensor more; the message names the field's path. A lambda that fails only
 * later, as the run trains, stops that run with a message naming the same path.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/protocol/validation';
import { Trainer } from '../../src/train/trainer';
import { collect, useCpu } from './helpers';

beforeAll(useCpu);

let trainer: Trainer;
afterEach(async () => {
  await trainer?.dispose();
  expect(tf.memory().numTensors).toBe(0);
});

const experiment = {
  seed: 3,
  dataset: { type: 'xor', samples: 60 },
  model: { hidden: [6] },
  training: { batchSize: 8, steps: 400 },
  runs: [
    { id: 'adam', optimizer: { type: 'Adam', lr: 0.01 } },
    { id: 'sgd', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
  ],
};

async function refusal(promise: Promise<unknown>): Promise<ConfigError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

// Each fails where Python's math would raise, at the first epoch the scheduler evaluates it.
const FAILING = [
  ['1/0', 'division by zero at column 2'],
  ['log(0)', 'log of 0 (math domain error) at column 1'],
  ['sqrt(-1)', 'sqrt of -1 (math domain error) at column 1'],
  ['1/(epoch-epoch)', 'division by zero at column 2'],
  ['exp(1000)', 'result overflows (Infinity) at column 1'],
] as const;

describe.each(['ops', 'fused'] as const)('%s engine', (engine) => {
  // LambdaLR evaluates its lambda when it is built (epoch 0), MultiplicativeLR at its first
  // step (epoch 1): both are checked when the experiment is configured.
  test.each(
    FAILING.flatMap(([lambda, detail]) => [
      ['LambdaLR', lambda, `${detail} (epoch = 0)`],
      ['MultiplicativeLR', lambda, `${detail} (epoch = 1)`],
    ]),
  )('a %s of %s is refused and the experiment is untouched', async (type, lambda, detail) => {
    trainer = new Trainer({ engine });
    await trainer.configure(experiment);
    await trainer.step(5);
    const before = await trainer.getState();
    const tensors = tf.memory().numTensors;
    const bad = {
      ...experiment,
      runs: [{ optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type, lrLambda: lambda } }],
    };
    for (let i = 0; i < 5; i++) {
      const error = await refusal(trainer.configure(bad));
      expect(error.path).toBe('runs[0].scheduler.lrLambda');
      expect(error.message).toBe(`runs[0].scheduler.lrLambda: ${detail}`);
    }
    expect(await trainer.getState()).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
    // Still the same experiment, and it trains on from where it was.
    await trainer.step(1);
    expect((await trainer.getState()).runs.map((run) => run.step)).toEqual([6, 6]);
  });

  test('a refused configure() while training leaves it training', async () => {
    trainer = new Trainer({ engine });
    await trainer.configure(experiment);
    await trainer.start();
    const error = await refusal(
      trainer.configure({
        ...experiment,
        runs: [{ optimizer: { type: 'Adam' }, scheduler: { type: 'LambdaLR', lrLambda: '1/0' } }],
      }),
    );
    expect(error.path).toBe('runs[0].scheduler.lrLambda');
    const state = await trainer.getState();
    expect(state.status).toBe('running');
    expect(state.runs.map((run) => run.config.id)).toEqual(['adam', 'sgd']);
    await trainer.pause();
  });

  test('refused addRun() and updateRun() name the field and change nothing', async () => {
    trainer = new Trainer({ engine });
    await trainer.configure(experiment);
    await trainer.step(3);
    const before = await trainer.getState();
    const tensors = tf.memory().numTensors;
    const lambda = { type: 'MultiplicativeLR', lrLambda: 'log(0)' };
    const added = await refusal(trainer.addRun({ optimizer: { type: 'SGD' }, scheduler: lambda }));
    expect(added.path).toBe('run.scheduler.lrLambda');
    // A new optimizer type with a failing scheduler: neither is taken.
    const updated = await refusal(
      trainer.updateRun('adam', { optimizer: { type: 'RMSprop' }, scheduler: lambda }),
    );
    expect(updated.path).toBe('update.scheduler.lrLambda');
    expect(await trainer.getState()).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  test('a lambda that fails later stops its run naming the field; the others train on', async () => {
    trainer = new Trainer({ engine });
    await trainer.configure({
      ...experiment,
      training: { ...experiment.training, steps: 12 },
      runs: [
        experiment.runs[0],
        // Per batch: lr_lambda(3) divides by zero in the scheduler.step() after the third step; torch
        // has taken three optimizer steps by then, and so has the run.
        {
          id: 'lambda',
          optimizer: { type: 'SGD' },
          scheduler: { type: 'LambdaLR', lrLambda: '1/(3-epoch)' },
        },
        {
          id: 'chained',
          optimizer: { type: 'SGD' },
          scheduler: {
            type: 'SequentialLR',
            schedulers: [
              { type: 'ConstantLR', factor: 0.5, totalIters: 2 },
              { type: 'LambdaLR', lrLambda: 'sqrt(2 - epoch)' },
            ],
            milestones: [2],
          },
        },
      ],
    });
    const progress = await collect(trainer);
    await trainer.start();
    await trainer.waitForStop();
    await progress.settle();
    const [adam, lambda, chained] = (await trainer.getState()).runs;
    expect(adam).toMatchObject({ status: 'done', step: 12 });
    expect(lambda).toMatchObject({
      status: 'error',
      step: 3,
      errorField: 'runs[1].scheduler.lrLambda',
      error: 'runs[1].scheduler.lrLambda: division by zero at column 2 (epoch = 3)',
    });
    // SequentialLR restarts its second scheduler at the milestone (step 2) at epoch 0: its
    // epochs 0, 1, 2 follow steps 2, 3, 4, and epoch 3, after the 5th step, fails.
    expect(chained).toMatchObject({ status: 'error', step: 5 });
    expect(chained.errorField).toBe('runs[2].scheduler.schedulers[1].lrLambda');
    expect(chained.error).toMatch(
      /^runs\[2\]\.scheduler\.schedulers\[1\]\.lrLambda: sqrt of -1 \(math domain error\) at column 1 \(epoch = 3\)$/,
    );
    // The progress stream carries the same words and field.
    const failed = progress.messages
      .flatMap((msg) => msg.runs)
      .find((run) => run.runId === 'lambda' && run.status === 'error');
    expect(failed).toMatchObject({
      error: lambda.error,
      errorField: 'runs[1].scheduler.lrLambda',
    });
  });
});
