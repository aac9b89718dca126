import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createRandom } from '../../src/data/random';
import { initialWeights, layerShapes, resolveInit } from '../../src/model/init';
import { accuracy, createVariables, dataLoss, forward, trainingLoss } from '../../src/model/mlp';
import type { MlpSpec } from '../../src/model/mlp';
import { ACTIVATIONS } from '../../src/protocol/experiment';
import type { Activation } from '../../src/protocol/experiment';
import { finiteDifferenceGradients, referenceForward, referenceLoss } from './reference-mlp';
import type { ReferenceNet } from './reference-mlp';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Random float32-representable params and inputs, so both sides start from the same numbers. */
function randomProblem(activation: Activation, task: 'binary' | 'regression', seed: number) {
  const random = createRandom(seed);
  const widths = [2, 3, 2, 1];
  const params = layerShapes(2, [3, 2]).flatMap(({ fanIn, fanOut }) => [
    Array.from({ length: fanIn * fanOut }, () => Math.fround(random.uniform(-1, 1))),
    Array.from({ length: fanOut }, () => Math.fround(random.uniform(-0.5, 0.5))),
  ]);
  const xs = Array.from({ length: 5 }, () => [
    Math.fround(random.uniform(-1, 1)),
    Math.fround(random.uniform(-1, 1)),
  ]);
  const ys = xs.map(() => (task === 'binary' ? random.int(2) : Math.fround(random.uniform(-1, 1))));
  const net: ReferenceNet = { widths, activation, params };
  const spec: MlpSpec = { inputDims: 2, hidden: [3, 2], activation, task, l2: 0.01 };
  return { net, xs, ys, spec };
}

describe('MLP gradients against float64 finite differences', () => {
  const cases = ACTIVATIONS.flatMap((activation) =>
    (['binary', 'regression'] as const).map((task) => [activation, task] as const),
  );
  test.each(cases)('%s, %s loss with L2', (activation, task) => {
    const { net, xs, ys, spec } = randomProblem(activation, task, 17);
    const before = tf.memory().numTensors;
    const variables = createVariables(
      spec,
      net.params.map((p) => Float32Array.from(p)),
    );
    const x = tf.tensor2d(xs);
    const y = tf.tensor1d(ys);
    const { value, grads } = tf.variableGrads(() => trainingLoss(spec, variables, x, y), variables);
    const lossFn = (n: ReferenceNet) => referenceLoss(n, xs, ys, task, spec.l2);
    expect(value.dataSync()[0]).toBeCloseTo(lossFn(net), 5);
    const expected = finiteDifferenceGradients(lossFn, net);
    variables.forEach((variable, k) => {
      const actual = grads[variable.name].dataSync();
      expected[k].forEach((g, i) => {
        // float32 backprop vs float64 differences: agree to float32 rounding of O(1) values.
        expect(Math.abs(actual[i] - g)).toBeLessThan(2e-5 + 1e-4 * Math.abs(g));
      });
    });
    tf.dispose([value, x, y, ...Object.values(grads), ...variables]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('forward and losses', () => {
  test('forward matches the float64 reference for every activation', () => {
    for (const activation of ACTIVATIONS) {
      const { net, xs, spec } = randomProblem(activation, 'binary', 3);
      const out = tf.tidy(() => {
        const params = net.params.map((p, k) =>
          tf.tensor(p, k % 2 === 0 ? [net.widths[k / 2], net.widths[k / 2 + 1]] : [p.length]),
        );
        return forward(spec, params, tf.tensor2d(xs));
      });
      const values = out.dataSync();
      out.dispose();
      xs.forEach((x, i) => expect(values[i]).toBeCloseTo(referenceForward(net, x), 5));
    }
  });

  test('BCE with logits stays finite for large logits: z = +-100 costs 100 when wrong, ~0 when right', () => {
    const loss = tf.tidy(() =>
      dataLoss('binary', tf.tensor1d([100, -100, 100]), tf.tensor1d([0, 1, 1])),
    );
    // mean(100, 100, log1p(e^-100) ~ 0) = 200/3
    expect(loss.dataSync()[0]).toBeCloseTo(200 / 3, 3);
    loss.dispose();
  });

  test('accuracy counts logit > 0 as class 1', () => {
    const acc = tf.tidy(() => accuracy(tf.tensor1d([2, -1, 0.5, -3]), tf.tensor1d([1, 1, 1, 0])));
    expect(acc.dataSync()[0]).toBeCloseTo(0.75, 6);
    acc.dispose();
  });
});

describe('initialisation', () => {
  test('auto picks He for the relu family and Glorot for saturating activations', () => {
    expect(resolveInit('auto', 'relu')).toBe('he');
    expect(resolveInit('auto', 'leakyRelu')).toBe('he');
    expect(resolveInit('auto', 'gelu')).toBe('he');
    expect(resolveInit('auto', 'tanh')).toBe('glorot');
    expect(resolveInit('auto', 'sigmoid')).toBe('glorot');
    expect(resolveInit('glorot', 'relu')).toBe('glorot');
  });

  test('same seed, same weights; another seed, other weights; biases start at zero', () => {
    const a = initialWeights(2, [16, 16], 'relu', 'auto', 5);
    const b = initialWeights(2, [16, 16], 'relu', 'auto', 5);
    const c = initialWeights(2, [16, 16], 'relu', 'auto', 6);
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(c[0]);
    expect(a.map((w) => w.length)).toEqual([32, 16, 256, 16, 16, 1]);
    for (const bias of [a[1], a[3], a[5]]) expect([...bias].every((v) => v === 0)).toBe(true);
  });

  test('He hidden layers have std sqrt(2/fanIn); Glorot layers stay within sqrt(6/(fanIn+fanOut))', () => {
    const weights = initialWeights(2, [256, 256], 'relu', 'he', 1);
    const hidden = weights[2]; // 256 x 256
    const std = Math.sqrt(hidden.reduce((s, v) => s + v * v, 0) / hidden.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 256), 3);
    const output = weights[4]; // 256 x 1, always Glorot uniform
    const limit = Math.sqrt(6 / 257);
    expect(Math.max(...output.map(Math.abs))).toBeLessThanOrEqual(limit);
    const glorot = initialWeights(2, [256, 256], 'tanh', 'auto', 1)[2];
    const glorotLimit = Math.sqrt(6 / 512);
    expect(Math.max(...glorot.map(Math.abs))).toBeLessThanOrEqual(glorotLimit);
    // Uniform on [-a, a]: variance a^2/3.
    const variance = glorot.reduce((s, v) => s + v * v, 0) / glorot.length;
    expect(variance).toBeCloseTo(glorotLimit ** 2 / 3, 4);
  });
});
