import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScalarCache } from '../../src/optim/scalars';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ScalarCache', () => {
  it('hyper: one kept tensor per name, remade (and the old one freed) only on a new value', () => {
    const baseline = tf.memory().numTensors;
    const cache = new ScalarCache();
    const first = tf.tidy(() => cache.hyper('lr', 0.1));
    // Survives the tidy it was made in, and holds what tf.scalar(0.1) holds (0.1 in float32).
    expect(first.isDisposed).toBe(false);
    expect(first.dataSync()[0]).toBe(Math.fround(0.1));
    expect(tf.tidy(() => cache.hyper('lr', 0.1))).toBe(first);
    expect(tf.memory().numTensors).toBe(baseline + 1);

    const second = tf.tidy(() => cache.hyper('lr', 0.05));
    expect(second).not.toBe(first);
    expect(first.isDisposed).toBe(true);
    expect(second.dataSync()[0]).toBe(Math.fround(0.05));
    tf.tidy(() => cache.hyper('eps', 1e-8));
    expect(cache.size).toBe(2);
    expect(tf.memory().numTensors).toBe(baseline + 2);

    cache.dispose();
    expect(second.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('hyper tells -0 from 0 (x * -0 and x * 0 differ in sign)', () => {
    const cache = new ScalarCache();
    const zero = cache.hyper('wd', 0);
    const negativeZero = cache.hyper('wd', -0);
    expect(negativeZero).not.toBe(zero);
    expect(Object.is(negativeZero.dataSync()[0], -0)).toBe(true);
    cache.dispose();
  });

  it('perStep: one tensor per value within a step, freed with the step', () => {
    const baseline = tf.memory().numTensors;
    const cache = new ScalarCache();
    const [a, b, c, negativeZero] = tf.tidy(() => {
      const inStep = [
        cache.perStep(0.3),
        cache.perStep(0.3),
        cache.perStep(0.7),
        cache.perStep(-0),
        cache.perStep(0),
      ];
      expect(tf.memory().numTensors).toBe(baseline + 4);
      return inStep.map((t) => t.dataSync()[0]);
    });
    cache.endStep();
    expect([a, b, c]).toEqual([Math.fround(0.3), Math.fround(0.3), Math.fround(0.7)]);
    expect(Object.is(negativeZero, -0)).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
    // The next step makes fresh tensors rather than handing out the freed ones.
    tf.tidy(() => {
      expect(cache.perStep(0.3).isDisposed).toBe(false);
    });
    cache.endStep();
    cache.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
