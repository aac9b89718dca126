import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim';
import type { TorchOptimizer } from '../../src/optim';
import { label, STATEFUL_CONFIGS } from './cases';

type NamedTensor = Awaited<ReturnType<TorchOptimizer['getWeights']>>[number];

let w: tf.Variable;
let b: tf.Variable;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(() => {
  [w, b] = tf.tidy(() => [
    tf.variable(
      tf.tensor2d([
        [0.5, -0.2],
        [0.1, 0.9],
        [-0.7, 0.3],
      ]),
      true,
    ),
    tf.variable(tf.tensor1d([0.1, -0.1, 0.2]), true),
  ]);
});

afterEach(() => {
  tf.dispose([w, b]);
});

/** A deterministic, step-dependent gradient (so slots keep changing). */
function gradients(step: number): { [name: string]: tf.Tensor } {
  return tf.tidy(() => ({
    [w.name]: tf.mul(tf.sin(tf.add(tf.range(0, 6).reshape([3, 2]), step)), 0.5 + (step % 3)),
    [b.name]: tf.cos(tf.add(tf.range(0, 3), step * 0.7)),
  }));
}

function step(optimizer: TorchOptimizer, i: number): void {
  const grads = gradients(i);
  optimizer.applyGradients(grads);
  tf.dispose(grads);
}

/** Serializes the way a checkpoint does: values read out, fresh tensors made from them. */
async function serialize(weights: NamedTensor[]) {
  return Promise.all(
    weights.map(async ({ name, tensor }) => ({
      name,
      shape: tensor.shape,
      dtype: tensor.dtype,
      values: await tensor.data(),
    })),
  );
}

describe('tensor memory', () => {
  it.each(STATEFUL_CONFIGS.map((config) => [label(config), config] as const))(
    '%s: numTensors stays flat over 1,000 steps and dispose() returns to baseline',
    (_name, config) => {
      const baseline = tf.memory().numTensors;
      const optimizer = createOptimizer(config);
      step(optimizer, 0); // creates the state
      const withState = tf.memory().numTensors;
      expect(withState).toBeGreaterThan(baseline);
      const grads = gradients(1);
      for (let i = 0; i < 1000; i++) optimizer.applyGradients(grads);
      tf.dispose(grads);
      expect(tf.memory().numTensors).toBe(withState);
      expect(w.dataSync().every(Number.isFinite)).toBe(true);
      optimizer.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    },
  );

  it('minimize leaks nothing either', () => {
    const optimizer = createOptimizer({ type: 'RMSprop', momentum: 0.5, centered: true });
    const loss = () =>
      tf.tidy(() => tf.add(tf.sum(tf.square(w)), tf.sum(tf.square(b))) as tf.Scalar);
    optimizer.minimize(loss);
    const withState = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) optimizer.minimize(loss, false, [w, b]);
    const cost = optimizer.minimize(loss, true);
    expect(cost).not.toBeNull();
    cost?.dispose();
    expect(tf.memory().numTensors).toBe(withState);
    optimizer.dispose();
  });
});

describe('getWeights / setWeights', () => {
  it.each(STATEFUL_CONFIGS.map((config) => [label(config), config] as const))(
    '%s: restored state continues bit-identically',
    async (_name, config) => {
      const baseline = tf.memory().numTensors;
      const original = createOptimizer(config);
      for (let i = 0; i < 4; i++) step(original, i);
      const savedParams = await serialize([
        { name: 'w', tensor: w },
        { name: 'b', tensor: b },
      ]);
      const weights = await original.getWeights();
      const saved = await serialize(weights);
      // getWeights hands out new scalars for counters; the slot variables stay the optimizer's.
      tf.dispose(
        weights
          .filter(({ tensor }) => !(tensor instanceof tf.Variable))
          .map(({ tensor }) => tensor),
      );
      expect(saved[0].name).toBe('iter');
      expect(saved[0].values[0]).toBe(4);
      expect(saved.length).toBeGreaterThan(3);

      const rewind = () =>
        tf.tidy(() => {
          w.assign(tf.tensor(savedParams[0].values, savedParams[0].shape));
          b.assign(tf.tensor(savedParams[1].values, savedParams[1].shape));
        });
      for (let i = 4; i < 9; i++) step(original, i);
      const continued = [w.dataSync().slice(), b.dataSync().slice()];

      // Rewind the parameters and continue from the saved state with a fresh optimizer.
      rewind();
      const restored = createOptimizer(config);
      const restoredWeights = saved.map(({ name, shape, dtype, values }) => ({
        name,
        tensor: tf.tensor(values, shape, dtype),
      }));
      await restored.setWeights(restoredWeights);
      tf.dispose(restoredWeights.map(({ tensor }) => tensor));
      expect(restored.iterations).toBe(4);
      for (let i = 4; i < 9; i++) step(restored, i);

      expect(w.dataSync()).toEqual(continued[0]);
      expect(b.dataSync()).toEqual(continued[1]);
      // And the restored state really mattered: a fresh optimizer from the same point differs.
      rewind();
      const fresh = createOptimizer(config);
      for (let i = 4; i < 9; i++) step(fresh, i);
      expect(w.dataSync()).not.toEqual(continued[0]);

      original.dispose();
      restored.dispose();
      fresh.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    },
  );

  it('names state after the parameter and torch state keys', async () => {
    const optimizer = createOptimizer({ type: 'NAdam' });
    step(optimizer, 0);
    const weights = await optimizer.getWeights();
    const names = weights.map(({ name }) => name);
    expect(names).toEqual([
      'iter',
      `${w.name}/step`,
      `${w.name}/mu_product`,
      `${w.name}/exp_avg`,
      `${w.name}/exp_avg_sq`,
      `${b.name}/step`,
      `${b.name}/mu_product`,
      `${b.name}/exp_avg`,
      `${b.name}/exp_avg_sq`,
    ]);
    tf.dispose(
      weights.filter(({ tensor }) => !(tensor instanceof tf.Variable)).map(({ tensor }) => tensor),
    );
    optimizer.dispose();
  });
});
