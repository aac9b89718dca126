import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim';
import type { OptimizerConfig, TorchOptimizer } from '../../src/optim';

/**
 * What a step costs where per-op overhead dominates: kernels run and tensors made from JS
 * numbers (each an upload on WebGPU), counted at the engine. Expected counts are derived from
 * the update formulas, per parameter, with six parameters (a 2-16-16-1 MLP).
 */
const shapes = [[2, 16], [16], [16, 16], [16], [16, 1], [1]];
let params: tf.Variable[];
let grads: { [name: string]: tf.Tensor };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(() => {
  params = shapes.map((shape, i) =>
    tf.variable(tf.randomNormal(shape, 0, 0.5, 'float32', i + 1), true),
  );
  grads = Object.fromEntries(
    params.map((p, i) => [p.name, tf.randomNormal(p.shape, 0, 0.1, 'float32', i + 100)]),
  );
});

afterEach(() => {
  tf.dispose([...params, ...Object.values(grads)]);
});

/** Engine calls during one applyGradients (state already created by two earlier steps). */
function countStep(optimizer: TorchOptimizer, input = grads): { kernels: number; made: number } {
  for (let i = 0; i < 2; i++) optimizer.applyGradients(input);
  const engine = tf.engine();
  const counts = { kernels: 0, made: 0 };
  const { runKernel, makeTensor } = engine;
  type KernelArgs = Parameters<typeof runKernel>;
  engine.runKernel = <T extends tf.Tensor | tf.Tensor[]>(
    kernelName: KernelArgs[0],
    inputs: KernelArgs[1],
    attrs?: KernelArgs[2],
  ): T => {
    counts.kernels++;
    return runKernel.call(engine, kernelName, inputs, attrs) as T;
  };
  engine.makeTensor = (...args: Parameters<typeof makeTensor>) => {
    counts.made++;
    return makeTensor.apply(engine, args);
  };
  try {
    optimizer.applyGradients(input);
  } finally {
    // Own properties shadowed the prototype's methods; removing them restores those.
    Reflect.deleteProperty(engine, 'runKernel');
    Reflect.deleteProperty(engine, 'makeTensor');
  }
  return counts;
}

const n = shapes.length;

describe('per-step cost', () => {
  it.each<[string, OptimizerConfig, { kernels: number; made: number }]>([
    // p -= lr * g: mul, sub. lr is kept between steps.
    ['SGD', { type: 'SGD', lr: 0.1 }, { kernels: 2 * n, made: 0 }],
    // buf = momentum * buf + g (dampening 0: no multiply by 1); p -= lr * buf.
    ['SGD momentum', { type: 'SGD', lr: 0.1, momentum: 0.9 }, { kernels: 4 * n, made: 0 }],
    // plus g * (1 - dampening)
    [
      'SGD momentum + dampening',
      { type: 'SGD', lr: 0.1, momentum: 0.9, dampening: 0.1 },
      { kernels: 5 * n, made: 0 },
    ],
    // m: 3, v: 4, denom: sqrt, div, add, update: div, mul, sub. The two bias corrections
    // change every step, so they are made once per step and shared by all parameters.
    ['Adam', { type: 'Adam', lr: 0.01 }, { kernels: 13 * n, made: 2 }],
    // AdamW with weightDecay 0 skips p *= 1 (exact); with decay it is one more multiply.
    ['AdamW wd 0', { type: 'AdamW', lr: 0.01, weightDecay: 0 }, { kernels: 13 * n, made: 2 }],
    ['AdamW', { type: 'AdamW', lr: 0.01 }, { kernels: 14 * n, made: 2 }],
    // square_avg: 4, sqrt, add eps, div, mul lr, sub.
    ['RMSprop', { type: 'RMSprop', lr: 0.01 }, { kernels: 9 * n, made: 0 }],
    // sum += g * g: 2, sqrt, add eps, div, mul clr, sub; clr is constant when lrDecay is 0.
    ['Adagrad', { type: 'Adagrad', lr: 0.01 }, { kernels: 7 * n, made: 0 }],
    ['Adagrad lrDecay', { type: 'Adagrad', lr: 0.01, lrDecay: 0.1 }, { kernels: 7 * n, made: 1 }],
  ])('%s', (_name, config, expected) => {
    const optimizer = createOptimizer(config);
    expect(countStep(optimizer)).toEqual(expected);
    optimizer.dispose();
  });

  it('a changed lr is kept from then on: later steps make no tensor, the count stays flat', () => {
    const optimizer = createOptimizer({ type: 'SGD', lr: 0.1, momentum: 0.9 });
    countStep(optimizer);
    const withState = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      optimizer.lr = 0.1 / (i + 1);
      const counts = countStep(optimizer);
      // The new lr was made in countStep's warm-up steps; the counted step makes nothing.
      expect(counts.made).toBe(0);
    }
    expect(tf.memory().numTensors).toBe(withState);
    optimizer.dispose();
  });
});

describe('shared per-step scalars', () => {
  it('parameters at different step counts each get their own bias correction', () => {
    // One Adam over two parameters where the second misses some steps, against one Adam per
    // parameter fed the same gradients: per-parameter state must make these identical.
    const [a, b] = params;
    const together = createOptimizer({ type: 'Adam', lr: 0.05 });
    const aAlone = createOptimizer({ type: 'Adam', lr: 0.05 });
    const bAlone = createOptimizer({ type: 'Adam', lr: 0.05 });
    const start = [a.dataSync().slice(), b.dataSync().slice()];
    const schedule = [true, false, false, true, true, false, true];
    for (const bHasGradient of schedule) {
      together.applyGradients({
        [a.name]: grads[a.name],
        [b.name]: bHasGradient ? grads[b.name] : null,
      } as { [name: string]: tf.Tensor });
    }
    const afterTogether = [a.dataSync().slice(), b.dataSync().slice()];
    tf.tidy(() => {
      a.assign(tf.tensor(start[0], a.shape));
      b.assign(tf.tensor(start[1], b.shape));
    });
    for (const bHasGradient of schedule) {
      aAlone.applyGradients({ [a.name]: grads[a.name] });
      if (bHasGradient) bAlone.applyGradients({ [b.name]: grads[b.name] });
    }
    expect(a.dataSync()).toEqual(afterTogether[0]);
    expect(b.dataSync()).toEqual(afterTogether[1]);
    for (const optimizer of [together, aAlone, bAlone]) optimizer.dispose();
  });

  it('a step that throws leaves no stale scalar behind for the next one', () => {
    const baseline = tf.memory().numTensors;
    const optimizer = createOptimizer({ type: 'Adam', lr: 0.01 });
    optimizer.applyGradients(grads);
    const withState = tf.memory().numTensors;
    const [first] = params;
    expect(() =>
      optimizer.applyGradients({
        [first.name]: grads[first.name],
        'no-such-variable': grads[first.name],
      }),
    ).toThrow(/no tf.Variable named "no-such-variable"/);
    expect(tf.memory().numTensors).toBe(withState);
    // The next step reuses no tensor the failed step's tidy freed.
    optimizer.applyGradients(grads);
    expect(params.every((p) => p.dataSync().every(Number.isFinite))).toBe(true);
    expect(tf.memory().numTensors).toBe(withState);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
