// The trajectory engine: what it records per step, its stream of messages, divergence and the
// view box, chunking that changes nothing, and not one tensor left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeTrajectories,
  createSurface,
  parseSurfaceConfig,
  sampleSchedule,
  SHORTHAND_OPTIMIZERS,
  stepView,
  surfaceMessages,
  SURFACE_NAMES,
  SURFACES,
} from '../../src/index';
import type { SurfaceConfigInput, SurfaceMessage, SurfaceRun } from '../../src/index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ZOO = SHORTHAND_OPTIMIZERS.join(' ');

async function collect(input: unknown, chunkSteps?: number): Promise<SurfaceMessage[]> {
  const messages: SurfaceMessage[] = [];
  for await (const message of surfaceMessages(input, { chunkSteps })) messages.push(message);
  return messages;
}

describe('what a run records', () => {
  it('loss and grad are f and float32(∇f) at each recorded point, exactly', async () => {
    const config = { function: 'himmelblau', steps: 50, optimizers: ZOO } as const;
    const { runs } = await computeTrajectories(config);
    const surface = createSurface(parseSurfaceConfig(config));
    const g = new Float64Array(2);
    for (const run of runs) {
      for (let i = 0; i <= run.steps; i++) {
        expect(run.loss[i]).toBe(
          surface.valueAndGradient(run.points[2 * i], run.points[2 * i + 1], g),
        );
        expect([run.grad[2 * i], run.grad[2 * i + 1]]).toEqual([
          Math.fround(g[0]),
          Math.fround(g[1]),
        ]);
      }
    }
  });

  it('SGD on the saddle is float32 arithmetic as torch does it: θ - lr·g, g = (2x, -2y)', async () => {
    const lr = 0.01;
    const { runs } = await computeTrajectories({
      function: 'saddle',
      start: [1.5, 0.01],
      steps: 400,
      runs: [{ optimizer: { type: 'SGD', lr } }],
    });
    const [run] = runs;
    const f = Math.fround;
    let [x, y] = [f(1.5), f(0.01)];
    let left: number | undefined;
    for (let i = 1; i <= 400; i++) {
      x = f(x - f(f(lr) * f(2 * x)));
      y = f(y - f(f(lr) * f(-2 * y)));
      expect([run.points[2 * i], run.points[2 * i + 1]], `point ${i}`).toEqual([x, y]);
      if (left === undefined && Math.abs(y) > 2) left = i;
    }
    // y grows by 1.02 a step from 0.01: it leaves the view box (|y| <= 2) near step 268.
    expect(left).toBeGreaterThan(260);
    expect(run.leftView).toBe(left);
    expect(run.status).toBe('done');
  });

  it("the lr and momentum of every step are the scheduler's (as sampleSchedule gives them)", async () => {
    const scheduler = { type: 'OneCycleLR', maxLr: 0.01, totalSteps: 60 } as const;
    const { runs } = await computeTrajectories({
      function: 'quadratic',
      steps: 60,
      runs: [{ optimizer: { type: 'SGD', lr: 0.001, momentum: 0.9 }, scheduler }],
    });
    const expected = sampleSchedule(scheduler, { steps: 60, baseLr: 0.001, baseMomentum: 0.9 });
    expect([...runs[0].lr]).toEqual(expected.lr);
    expect([...runs[0].momentum]).toEqual(expected.momentum);
  });

  it("records torch's state names, with NaN momentum where an optimizer has none", async () => {
    const { runs } = await computeTrajectories({ steps: 3, optimizers: ZOO });
    const keys = Object.fromEntries(
      runs.map((run) => [run.label, run.stateKeys.map((key) => key.name)]),
    );
    expect(keys).toEqual({
      SGD: ['step'],
      'SGD + momentum': ['step', 'momentum_buffer'],
      Nesterov: ['step', 'momentum_buffer'],
      Adagrad: ['step', 'sum'],
      Adadelta: ['step', 'square_avg', 'acc_delta'],
      RMSprop: ['step', 'square_avg'],
      Adam: ['step', 'exp_avg', 'exp_avg_sq'],
      AdamW: ['step', 'exp_avg', 'exp_avg_sq'],
      NAdam: ['step', 'mu_product', 'exp_avg', 'exp_avg_sq'],
      RAdam: ['step', 'exp_avg', 'exp_avg_sq'],
      Adamax: ['step', 'exp_avg', 'exp_inf'],
      'Lookahead (Adam)': ['step', 'slow', 'exp_avg', 'exp_avg_sq'],
    });
    const momentum = Object.fromEntries(runs.map((run) => [run.label, run.momentum[0]]));
    expect(momentum.Adagrad).toBeNaN();
    expect(momentum.Adadelta).toBeNaN();
    expect(momentum.RMSprop).toBe(0);
    expect(momentum.Adam).toBe(0.9);
    expect(momentum['Lookahead (Adam)']).toBe(0.9);
  });
});

describe('stepView: one step as the numbers panel reads it', () => {
  async function runOf(input: SurfaceConfigInput): Promise<SurfaceRun> {
    return (await computeTrajectories(input)).runs[0];
  }

  it('Adam: θ, g, Δθ, lr, beta1 and state of a step', async () => {
    const run = await runOf({ steps: 5, runs: [{ optimizer: { type: 'Adam', lr: 0.1 } }] });
    const view = stepView(run, 2);
    expect(view.theta).toEqual([run.points[2], run.points[3]]);
    expect(view.thetaNext).toEqual([run.points[4], run.points[5]]);
    expect(view.delta).toEqual([run.points[4] - run.points[2], run.points[5] - run.points[3]]);
    expect(view.grad).toEqual([run.grad[2], run.grad[3]]);
    expect([view.loss, view.lossNext]).toEqual([run.loss[1], run.loss[2]]);
    expect(view.lr).toBe(0.1);
    expect(view.momentum).toBe(0.9);
    expect(view.state.step).toBe(2);
    // exp_avg after two steps: (1 - b1) (b1 g1 + g2), float32 arithmetic aside.
    const m = view.state.exp_avg as [number, number];
    expect(m[0]).toBeCloseTo(0.1 * (0.9 * run.grad[0] + run.grad[2]), 4);
    expect(view.lookAhead).toBeUndefined();
    expect(() => stepView(run, 0)).toThrow(RangeError);
    expect(() => stepView(run, 6)).toThrow('step must be an integer in [1, 5], got 6');
  });

  it('Nesterov: the look-ahead point, from which the gradient step lands on θnext', async () => {
    const run = await runOf({ function: 'quadratic', steps: 10, optimizers: 'Nesterov' });
    for (let step = 1; step <= 10; step++) {
      const view = stepView(run, step);
      const lookAhead = view.lookAhead as [number, number];
      const buffer = view.state.momentum_buffer as [number, number];
      expect(lookAhead).toEqual([
        view.theta[0] - view.lr * 0.9 * buffer[0],
        view.theta[1] - view.lr * 0.9 * buffer[1],
      ]);
      // θnext = lookAhead - lr g, up to float32 rounding of the update.
      for (const k of [0, 1]) {
        expect(Math.abs(lookAhead[k] - view.lr * view.grad[k] - view.thetaNext[k])).toBeLessThan(
          1e-6,
        );
      }
    }
  });
});

describe('divergence and the view box', () => {
  it('a start where f is not finite stops the run at point 0, saying why', async () => {
    const messages = await collect({
      function: 'expression',
      expression: 'sqrt(x) + y ** 2',
      start: [-1, 0.5],
      runs: [{ optimizer: { type: 'SGD' } }],
    });
    expect(messages).toHaveLength(1);
    const [begin] = messages;
    if (begin.kind !== 'begin') throw new Error('expected begin');
    expect(begin.runs[0].status).toBe('diverged');
    expect(begin.runs[0].diverged).toEqual({
      point: 0,
      reason: 'non-finite',
      message: 'f or its gradient is not finite at (-1, 0.5): sqrt() at column 1 gives NaN',
    });
  });

  it('a step into the domain error stops the run there', async () => {
    const { runs } = await computeTrajectories({
      function: 'expression',
      expression: 'log(x) + y ** 2',
      start: [0.5, 1],
      steps: 20,
      runs: [{ optimizer: { type: 'SGD', lr: 1 } }, { optimizer: { type: 'SGD', lr: 0.001 } }],
    });
    // x - lr / x from 0.5 with lr 1: -1.5, where log is NaN.
    expect(runs[0]).toMatchObject({
      status: 'diverged',
      steps: 1,
      diverged: { point: 1, reason: 'non-finite' },
    });
    expect(runs[0].diverged?.message).toContain('log() at column 1 gives NaN');
    expect(runs[0].points[2]).toBe(-1.5);
    expect(runs[1]).toMatchObject({ status: 'done', steps: 20 });
  });

  it('a start outside the view box is reported at point 0', async () => {
    const { runs } = await computeTrajectories({ start: [5, 5], steps: 3, optimizers: 'Adam' });
    expect(runs[0].leftView).toBe(0);
  });
});

describe('the stream of messages', () => {
  const config = {
    function: 'rastrigin',
    steps: 45,
    optimizers: 'SGD Nesterov Adam Lookahead',
    runs: [{ optimizer: { type: 'RMSprop' }, scheduler: { type: 'StepLR', stepSize: 7 } }],
  } as const;

  it('a begin, then steps in chunks that add up, whatever the chunk size', async () => {
    const reference = await computeTrajectories(config, { chunkSteps: 45 });
    for (const chunkSteps of [1, 7, undefined]) {
      const messages = await collect(config, chunkSteps);
      expect(messages[0].kind).toBe('begin');
      const seen = new Map<number, number>();
      for (const message of messages.slice(1)) {
        if (message.kind !== 'steps') throw new Error('expected steps');
        for (const run of message.runs) {
          expect(run.from).toBe(seen.get(run.run) ?? 0);
          expect(run.points).toHaveLength(2 * run.count);
          expect(run.state).toHaveLength(run.count * run.stateKeys.reduce((s, k) => s + k.size, 0));
          seen.set(run.run, run.from + run.count);
        }
      }
      expect([...seen.values()]).toEqual([45, 45, 45, 45, 45]);
      const { runs } = await computeTrajectories(config, { chunkSteps });
      expect(runs).toEqual(reference.runs);
    }
  });

  it('reports progress after every message', async () => {
    const seen: number[] = [];
    await computeTrajectories(config, {
      chunkSteps: 10,
      onProgress: ({ runs }) => seen.push(runs[0].steps),
    });
    expect(seen).toEqual([0, 10, 20, 30, 40, 45]);
  });

  it('rejects a bad chunk size', async () => {
    await expect(collect(config, 0)).rejects.toThrow('chunkSteps: must be an integer >= 1, got 0');
  });
});

describe('no tensor is left behind', () => {
  const heavy = {
    function: 'beale',
    steps: 40,
    optimizers: ZOO,
    runs: [
      {
        optimizer: { type: 'Adam', amsgrad: true },
        scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 40 },
      },
      {
        optimizer: { type: 'RMSprop', centered: true, momentum: 0.5 },
        scheduler: { type: 'ReduceLROnPlateau' },
      },
    ],
  };

  it('after a whole computation', async () => {
    const before = tf.memory().numTensors;
    await computeTrajectories(heavy);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('after stopping half-way (a drag restarts the runs)', async () => {
    const before = tf.memory().numTensors;
    const stream = surfaceMessages(heavy, { chunkSteps: 5 });
    await stream.next();
    await stream.next();
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await stream.return();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('after an invalid config', async () => {
    const before = tf.memory().numTensors;
    await expect(computeTrajectories({ ...heavy, steps: -1 })).rejects.toThrow(
      'steps: must be an integer in [1, 10000]',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("each shorthand optimizer's lr is sensible on every surface", () => {
  // From the default start, in the default steps: no divergence, and progress: a lower loss,
  // or, on the saddle, y at least doubled (escaping; SGD's is the slow escape the lesson shows).
  it.each(SURFACE_NAMES)('%s', async (name) => {
    const config: SurfaceConfigInput = { function: name, optimizers: ZOO };
    if (name === 'expression') config.expression = '0.5 * (x ** 2 + y ** 2)';
    const { runs } = await computeTrajectories(config);
    for (const run of runs) {
      expect(run.status, run.label).toBe('done');
      const first = run.loss[0];
      const last = run.loss[run.steps];
      if (name === 'saddle') {
        expect(Math.abs(run.points[2 * run.steps + 1]), run.label).toBeGreaterThan(
          2 * SURFACES.saddle.start[1],
        );
      } else {
        expect(last, run.label).toBeLessThan(first);
      }
    }
  });
});
