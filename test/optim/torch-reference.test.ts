import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim';
import type { TorchOptimizer } from '../../src/optim';
import {
  gradientCases,
  gradientsAt,
  initialParams,
  lossCases,
  mismatches,
  reference,
} from './reference';
import type { HyperparameterChange, LossCase } from './reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function applyChange(optimizer: TorchOptimizer, change: HyperparameterChange): void {
  if (change.lr !== undefined) optimizer.lr = change.lr;
  const schedulable = optimizer as TorchOptimizer & {
    momentum?: number;
    betas?: readonly [number, number];
  };
  if (change.momentum !== undefined) schedulable.momentum = change.momentum;
  if (change.betas !== undefined) schedulable.betas = change.betas;
}

describe('optimizers match torch.optim 1.13 step by step', () => {
  it('the fixture covers every optimizer type', () => {
    const types = new Set(reference.cases.map((c) => c.config.type));
    for (const type of [
      'SGD',
      'Adam',
      'AdamW',
      'NAdam',
      'RAdam',
      'Adamax',
      'Adagrad',
      'Adadelta',
      'RMSprop',
      'Lookahead',
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it.each(gradientCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const before = tf.memory().numTensors;
    const { w, b } = initialParams();
    const optimizer = createOptimizer(testCase.config);
    testCase.expected.forEach((expected, step) => {
      for (const change of testCase.changes)
        if (change.step === step) applyChange(optimizer, change);
      const grads = gradientsAt(step, w, b);
      // Alternate the two input forms applyGradients accepts.
      if (step % 2 === 0) optimizer.applyGradients(grads);
      else
        optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
      tf.dispose(grads);
      const actual = [...w.dataSync(), ...b.dataSync()];
      expect(mismatches(actual, expected), `step ${step + 1}`).toEqual([]);
    });
    optimizer.dispose();
    tf.dispose([w, b]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

function lossFunction(testCase: LossCase, p: tf.Variable): () => tf.Scalar {
  if (testCase.loss === 'rosenbrock') {
    return () =>
      tf.tidy(() => {
        const [x, y] = tf.split(p, 2);
        const a = tf.square(tf.sub(1, x));
        const c = tf.mul(100, tf.square(tf.sub(y, tf.square(x))));
        return tf.sum(tf.add(a, c));
      });
  }
  const { a, target } = reference.quadratic;
  return () =>
    tf.tidy(() => {
      const prediction = tf.matMul(
        tf.tensor2d(a.values, a.shape as [number, number]),
        tf.reshape(p, [-1, 1]),
      );
      const residual = tf.sub(tf.reshape(prediction, [-1]), tf.tensor1d(target));
      return tf.mul(0.5, tf.mean(tf.square(residual)));
    });
}

describe('gradients flow through minimize as in torch', () => {
  it.each(lossCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const before = tf.memory().numTensors;
    const p = tf.tidy(() => tf.variable(tf.tensor1d(testCase.start), true));
    const optimizer = createOptimizer(testCase.config);
    const loss = lossFunction(testCase, p);
    testCase.expected.forEach((expected, step) => {
      optimizer.minimize(loss, false, [p]);
      expect(mismatches(p.dataSync(), expected, 1e-4, 1e-5), `step ${step + 1}`).toEqual([]);
    });
    optimizer.dispose();
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
