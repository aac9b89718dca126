import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOptimizer, Lookahead } from '../../src/optim';
import type { OptimizerConfig, TorchOptimizer } from '../../src/optim';

let p: tf.Variable;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  p = tf.tidy(() => tf.variable(tf.scalar(1), true));
});
afterEach(() => {
  p.dispose();
});

/** One step with gradient g on the scalar parameter p; returns p afterwards. */
function stepWith(optimizer: TorchOptimizer, g: number): number {
  const grad = tf.scalar(g);
  optimizer.applyGradients({ [p.name]: grad });
  grad.dispose();
  return p.dataSync()[0];
}

interface Schedulable {
  lr: number;
  momentum?: number;
  betas?: readonly [number, number];
}

describe('lr, momentum and betas are settable and apply from the next step', () => {
  it('SGD lr', () => {
    const sgd = createOptimizer({ type: 'SGD', lr: 0.1 });
    expect(stepWith(sgd, 1)).toBeCloseTo(0.9, 6); // 1 - 0.1 * 1
    sgd.lr = 0.5;
    expect(sgd.lr).toBe(0.5);
    expect(stepWith(sgd, 1)).toBeCloseTo(0.4, 6); // 0.9 - 0.5 * 1
    sgd.dispose();
  });

  it('SGD momentum', () => {
    const sgd = createOptimizer({ type: 'SGD', lr: 0.1, momentum: 0.9 }) as TorchOptimizer &
      Schedulable;
    expect(stepWith(sgd, 1)).toBeCloseTo(0.9, 6); // buf = g = 1
    sgd.momentum = 0.5;
    // buf = 0.5 * 1 + 2 = 2.5; p = 0.9 - 0.1 * 2.5
    expect(stepWith(sgd, 2)).toBeCloseTo(0.65, 6);
    sgd.dispose();
  });

  it('RMSprop momentum', () => {
    const rms = createOptimizer({
      type: 'RMSprop',
      lr: 0.1,
      alpha: 0.5,
      eps: 1e-8,
      momentum: 0.5,
    }) as TorchOptimizer & Schedulable;
    // v = 0.5 * 1 = 0.5; buf = 1 / sqrt(0.5); p = 1 - 0.1 * buf
    const buf1 = 1 / (Math.sqrt(0.5) + 1e-8);
    expect(stepWith(rms, 1)).toBeCloseTo(1 - 0.1 * buf1, 6);
    rms.momentum = 0;
    // momentum 0: plain update, v = 0.5 * 0.5 + 0.5 * 1 = 0.75
    expect(stepWith(rms, 1)).toBeCloseTo(1 - 0.1 * buf1 - 0.1 / (Math.sqrt(0.75) + 1e-8), 6);
    rms.dispose();
  });

  it('Adam betas', () => {
    const adam = createOptimizer({ type: 'Adam', lr: 0.1, betas: [0.9, 0.999] }) as TorchOptimizer &
      Schedulable;
    // Step 1 moves by lr * g / |g| whatever the betas.
    expect(stepWith(adam, 2)).toBeCloseTo(0.9, 6);
    adam.betas = [0.5, 0.9];
    // Step 2 by hand with the new betas on the old moments m1 = 0.1 * 2, v1 = 0.001 * 4.
    const m = 0.5 * 0.2 + 0.5 * 1;
    const v = 0.9 * 0.004 + 0.1 * 1;
    const expected =
      0.9 - ((0.1 / (1 - 0.5 ** 2)) * m) / (Math.sqrt(v) / Math.sqrt(1 - 0.9 ** 2) + 1e-8);
    expect(stepWith(adam, 1)).toBeCloseTo(expected, 6);
    expect(adam.betas).toEqual([0.5, 0.9]);
    adam.dispose();
  });

  it.each<[OptimizerConfig, boolean, boolean]>([
    [{ type: 'SGD' }, true, false],
    [{ type: 'RMSprop' }, true, false],
    [{ type: 'Adam' }, false, true],
    [{ type: 'AdamW' }, false, true],
    [{ type: 'NAdam' }, false, true],
    [{ type: 'RAdam' }, false, true],
    [{ type: 'Adamax' }, false, true],
    [{ type: 'Adagrad' }, false, false],
    [{ type: 'Adadelta' }, false, false],
  ])('%j has momentum: %s, betas: %s (also through Lookahead)', (config, hasMomentum, hasBetas) => {
    const direct = createOptimizer(config);
    const wrapped = createOptimizer({ type: 'Lookahead', optimizer: config as never });
    for (const optimizer of [direct, wrapped]) {
      expect('momentum' in optimizer).toBe(hasMomentum);
      expect('betas' in optimizer).toBe(hasBetas);
      optimizer.dispose();
    }
  });

  it('Lookahead forwards lr, momentum and betas to its inner optimizer', () => {
    const sgd = createOptimizer({
      type: 'Lookahead',
      optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
    });
    expect(sgd).toBeInstanceOf(Lookahead);
    const inner = (sgd as Lookahead).inner as TorchOptimizer & Schedulable;
    const outer = sgd as TorchOptimizer & Schedulable;
    outer.lr = 0.02;
    outer.momentum = 0.3;
    expect([inner.lr, inner.momentum]).toEqual([0.02, 0.3]);
    expect(outer.momentum).toBe(0.3);
    sgd.dispose();

    const adam = createOptimizer({
      type: 'Lookahead',
      optimizer: { type: 'Adam' },
    }) as TorchOptimizer & Schedulable;
    adam.betas = [0.8, 0.99];
    expect(((adam as unknown as Lookahead).inner as TorchOptimizer & Schedulable).betas).toEqual([
      0.8, 0.99,
    ]);
    adam.dispose();
  });

  it('rejects invalid values with the field name', () => {
    const sgd = createOptimizer({ type: 'SGD' }) as TorchOptimizer & Schedulable;
    expect(() => (sgd.lr = -1)).toThrow(/^lr: must be a finite number >= 0, got -1$/);
    expect(() => (sgd.lr = Number.NaN)).toThrow(/^lr: /);
    expect(() => (sgd.momentum = -0.1)).toThrow(/^momentum: /);
    const adam = createOptimizer({ type: 'Adam' }) as TorchOptimizer & Schedulable;
    expect(() => (adam.betas = [1, 0.9])).toThrow(/^betas\[0\]: must be in \[0, 1\), got 1$/);
    expect(() => (adam.betas = [0.9, -0.1])).toThrow(/^betas\[1\]: /);
    expect(adam.betas).toEqual([0.9, 0.999]);
    sgd.dispose();
    adam.dispose();
  });
});

describe('tf.Optimizer integration', () => {
  it('is a tf.Optimizer with torch class names and a config that recreates it', () => {
    const optimizer = createOptimizer({ type: 'AdamW', lr: 3e-4 });
    expect(optimizer).toBeInstanceOf(tf.Optimizer);
    expect(optimizer.getClassName()).toBe('AdamW');
    const config = optimizer.getConfig();
    expect(config).toEqual({
      type: 'AdamW',
      lr: 3e-4,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 1e-2,
      amsgrad: false,
      maximize: false,
    });
    optimizer.lr = 1e-4;
    expect(optimizer.toConfig()).toMatchObject({ lr: 1e-4 });
    const lookahead = createOptimizer({ type: 'Lookahead', optimizer: { type: 'SGD', lr: 0.1 } });
    expect(lookahead.getClassName()).toBe('Lookahead');
    expect(lookahead.getConfig()).toMatchObject({
      k: 5,
      alpha: 0.5,
      optimizer: { type: 'SGD', lr: 0.1 },
    });
    optimizer.dispose();
    lookahead.dispose();
  });

  it('skips parameters without a gradient, as torch skips grad None', () => {
    const optimizer = createOptimizer({ type: 'SGD', lr: 0.1 });
    optimizer.applyGradients([{ name: p.name, tensor: null as unknown as tf.Tensor }]);
    expect(p.dataSync()[0]).toBe(1);
    optimizer.dispose();
  });

  it('names an unknown variable', () => {
    const optimizer = createOptimizer({ type: 'SGD' });
    const g = tf.scalar(1);
    expect(() => optimizer.applyGradients({ nonexistent: g })).toThrow(
      /no tf.Variable named "nonexistent"/,
    );
    g.dispose();
    optimizer.dispose();
  });

  it('a tf.sequential model compiled with AdamW trains (the loss falls)', async () => {
    const before = tf.memory().numTensors;
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [2],
          units: 8,
          activation: 'tanh',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
        tf.layers.dense({
          units: 1,
          kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        }),
      ],
    });
    const optimizer = createOptimizer({ type: 'AdamW', lr: 0.03 });
    model.compile({ optimizer, loss: 'meanSquaredError' });
    // y = x0 - 2 x1 + 0.5 on a fixed grid.
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = -2; i <= 2; i++) {
      for (let j = -2; j <= 2; j++) {
        xs.push([i / 2, j / 2]);
        ys.push(i / 2 - j + 0.5);
      }
    }
    const x = tf.tensor2d(xs);
    const y = tf.tensor2d(ys, [ys.length, 1]);
    const history = await model.fit(x, y, {
      epochs: 60,
      batchSize: 25,
      shuffle: false,
      verbose: 0,
    });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.1);
    expect(model.optimizer).toBe(optimizer);
    expect(optimizer.iterations).toBe(60);
    tf.dispose([x, y]);
    // A model does not dispose an optimizer it was handed (isOptimizerOwned is false).
    model.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
