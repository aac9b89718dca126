import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim';
import type { OptimizerConfig } from '../../src/optim';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Parameter values after each of `steps` steps with a constant gradient of 1 from p = 1. */
function trajectory(config: OptimizerConfig, steps: number): number[] {
  const p = tf.tidy(() => tf.variable(tf.scalar(1), true));
  const g = tf.scalar(1);
  const optimizer = createOptimizer(config);
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.applyGradients({ [p.name]: g });
    values.push(p.dataSync()[0]);
  }
  optimizer.dispose();
  tf.dispose([p, g]);
  return values;
}

describe('Lookahead by hand (Zhang et al. 2019, Algorithm 1)', () => {
  it('pulls the slow weights, which start at the initial parameters, every k steps', () => {
    // SGD lr 0.1, g = 1: fast 0.9, 0.8 -> slow = 1 + 0.5 (0.8 - 1) = 0.9; fast 0.8, 0.7 ->
    // slow = 0.9 + 0.5 (0.7 - 0.9) = 0.8. (Copying slow lazily at the first sync, as
    // timm/torch_optimizer do, would give 0.8 at step 2 instead.)
    const values = trajectory(
      { type: 'Lookahead', k: 2, alpha: 0.5, optimizer: { type: 'SGD', lr: 0.1 } },
      4,
    );
    [0.9, 0.9, 0.8, 0.8].forEach((expected, i) => expect(values[i]).toBeCloseTo(expected, 6));
  });

  it('keeps the inner optimizer state across syncs', () => {
    // SGD lr 0.1, momentum 0.5, g = 1: buf 1 -> p 0.9; buf 1.5 -> p 0.75; sync: p = 0.875;
    // buf 1.75 (not reset) -> p = 0.875 - 0.175 = 0.7.
    const values = trajectory(
      { type: 'Lookahead', k: 2, alpha: 0.5, optimizer: { type: 'SGD', lr: 0.1, momentum: 0.5 } },
      3,
    );
    [0.9, 0.875, 0.7].forEach((expected, i) => expect(values[i]).toBeCloseTo(expected, 6));
  });

  it('with alpha = 1 is the inner optimizer itself', () => {
    const inner: OptimizerConfig = { type: 'Adam', lr: 0.1 };
    expect(trajectory({ type: 'Lookahead', k: 3, alpha: 1, optimizer: inner }, 7)).toEqual(
      trajectory(inner, 7),
    );
  });
});
