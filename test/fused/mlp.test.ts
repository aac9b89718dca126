/**
 * The CPU loop's forward/backward pass against TF.js autodiff on the cpu backend (the op-by-op
 * path's trainingLoss, tf.variableGrads and globalNorm), for every activation, both tasks, with
 * and without the L2 penalty, at widths and batch sizes on both sides of the cpu backend's
 * 48-wide matMul blocks. Evaluation and predictions too. Same ops, same roundings: equal.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CpuMlp, gradientNorm } from '../../src/fused/cpu/mlp';
import { joinWeights, modelPlan } from '../../src/fused/plan';
import { createDataset } from '../../src/data/dataset';
import { initialWeights } from '../../src/model/init';
import { accuracy, createVariables, dataLoss, forward, trainingLoss } from '../../src/model/mlp';
import type { MlpSpec } from '../../src/model/mlp';
import { ACTIVATIONS } from '../../src/protocol/experiment';
import type { Activation } from '../../src/protocol/experiment';
import { epochOrder } from '../../src/train/epoch-orders';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Case {
  activation: Activation;
  dataset: 'circle' | 'sine';
  hidden: number[];
  batch: number;
  l2: number;
}

const cases: Case[] = ACTIVATIONS.flatMap((activation) => [
  { activation, dataset: 'circle', hidden: [8, 5], batch: 32, l2: 0 },
  { activation, dataset: 'sine', hidden: [50, 3], batch: 100, l2: 1e-3 },
]);
cases.push({ activation: 'relu', dataset: 'circle', hidden: [60, 60, 60], batch: 7, l2: 0.01 });

function setup(testCase: Case) {
  const dataset = createDataset({
    type: testCase.dataset,
    samples: 200,
    noise: 0.1,
    validationFraction: 0.2,
    seed: 9,
  });
  const spec: MlpSpec = {
    inputDims: dataset.inputDims,
    hidden: testCase.hidden,
    activation: testCase.activation,
    task: dataset.task,
    l2: testCase.l2,
  };
  // A trained-looking start: the initial weights, shifted so every unit has a nonzero bias.
  const weights = initialWeights(
    dataset.inputDims,
    testCase.hidden,
    testCase.activation,
    'auto',
    4,
  );
  weights.forEach((w, i) => {
    if (i % 2 === 1) w.forEach((_, j) => (w[j] = 0.05 * Math.sin(3 * j + i)));
  });
  return { dataset, spec, weights, plan: modelPlan(spec) };
}

const label = (c: Case) =>
  `${c.activation} ${c.dataset} hidden ${c.hidden.join('-')} batch ${c.batch} l2 ${c.l2}`;

describe('CPU loop forward/backward equals TF.js autodiff on the cpu backend', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_name, testCase) => {
    const { dataset, spec, weights, plan } = setup(testCase);
    const rows = epochOrder(dataset.train.y.length, 11, 0);
    const start = dataset.train.y.length - testCase.batch; // the epoch's last full batch
    const variables = createVariables(spec, weights);
    const { loss, grads, norm } = tf.tidy(() => {
      const index = tf.tensor1d(rows.slice(start, start + testCase.batch), 'int32');
      const x = tf.gather(
        tf.tensor2d(dataset.train.x, [dataset.train.y.length, spec.inputDims]),
        index,
      ) as tf.Tensor2D;
      const y = tf.gather(tf.tensor1d(dataset.train.y), index) as tf.Tensor1D;
      const result = tf.variableGrads(() => trainingLoss(spec, variables, x, y), variables);
      const squares = Object.values(result.grads).map((g) => tf.sum(tf.square(g)));
      return {
        loss: result.value.dataSync()[0],
        grads: variables.map((v) => result.grads[v.name].dataSync()),
        norm: tf.sqrt(tf.addN(squares)).dataSync()[0],
      };
    });
    const mlp = new CpuMlp(plan, testCase.batch);
    const flat = joinWeights(weights, new Float32Array(plan.paramCount));
    const fusedGrads = new Float32Array(plan.paramCount);
    const fusedLoss = mlp.lossAndGradients(
      flat,
      fusedGrads,
      dataset.train.x,
      dataset.train.y,
      rows,
      start,
      testCase.batch,
    );
    expect(fusedLoss).toBe(loss);
    expect([...fusedGrads]).toEqual(grads.flatMap((g) => [...g]));
    expect(gradientNorm(plan, fusedGrads)).toBe(norm);

    // Evaluation on the validation split and predictions on it, as evaluate()/predictGrid do.
    const { x, y } = dataset.validation;
    const [valLoss, valAccuracy] = tf.tidy(() => {
      const output = forward(spec, variables, tf.tensor2d(x, [y.length, spec.inputDims]));
      const target = tf.tensor1d(y);
      return [
        dataLoss(spec.task, output, target).dataSync()[0],
        spec.task === 'binary' ? accuracy(output, target).dataSync()[0] : NaN,
      ];
    });
    expect(mlp.evaluate(flat, x, y, y.length)).toEqual([valLoss, valAccuracy]);
    const predicted = tf.tidy(() => {
      const output = forward(spec, variables, tf.tensor2d(x, [y.length, spec.inputDims]));
      return (spec.task === 'binary' ? tf.sigmoid(output) : output).dataSync();
    });
    const out = new Float32Array(y.length);
    mlp.predict(flat, x, y.length, out);
    expect([...out]).toEqual([...predicted]);
    tf.dispose(variables);
  });
});
