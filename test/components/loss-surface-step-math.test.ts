// The numbers panel's derived quantities (bias corrections from state.step and the betas,
// the gradient after maximize and weight decay, Adagrad's decayed lr, RAdam's rectification)
// checked against PyTorch: for every step of every fixture case, a run assembled from the
// fixture alone (test/reference/surface.json, written by torch 1.13) gives numbers from which
// torch's own update rule reproduces torch's next point. The typeset rule carries the numbers.
import { describe, expect, it } from 'vitest';
import { stepNumbers } from '../../components/loss-surface/step-math';
import type { StepNumbers } from '../../components/loss-surface/step-math';
import { texNumber, updateLines, numbersMarkup } from '../../components/loss-surface/update-tex';
import { readOption } from '../../src/optim/options';
import { stepView } from '../../src/surface/step-view';
import type { StateEntry, SurfaceRun } from '../../src/surface/types';
import { cases } from '../surface/reference';
import type { SurfaceCase } from '../surface/reference';

/** A SurfaceRun holding only what PyTorch wrote. */
function fixtureRun(c: SurfaceCase): SurfaceRun {
  const { expected } = c;
  const steps = c.config.steps;
  const keys: StateEntry[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(expected.state[0])) {
    const size = Array.isArray(value) ? value.length : 1;
    keys.push({ name, size, offset });
    offset += size;
  }
  const state = new Float64Array(steps * offset);
  expected.state.forEach((row, r) => {
    for (const key of keys) {
      const value = row[key.name];
      const values = Array.isArray(value) ? value : [value];
      values.forEach((v, k) => (state[r * offset + key.offset + k] = v));
    }
  });
  const run = c.config.runs?.[0];
  if (!run) throw new Error(`${c.name}: no run`);
  return {
    label: c.name,
    optimizer: run.optimizer,
    scheduler: run.scheduler ?? { type: 'None' },
    status: 'done',
    steps,
    points: Float32Array.from(expected.points.flat() as number[]),
    loss: Float64Array.from(expected.loss as number[]),
    grad: Float32Array.from(expected.grad.flat() as number[]),
    lr: Float64Array.from(expected.lr),
    momentum: Float64Array.from(expected.momentum.map((m) => m ?? Number.NaN)),
    stateKeys: keys,
    state,
  };
}

type Vec = [number, number];
const slot = (n: StepNumbers, key: string) => n.view.state[key] as Vec;
const num = (n: StepNumbers, key: string) => readOption(n.optimizer, key) as number;

/** torch 1.13's update (the _single_tensor_* functions) applied to the panel's numbers. */
function torchUpdate(n: StepNumbers): Vec | undefined {
  const { view } = n;
  const lr = view.lr;
  const eps = (key = 'eps') => num(n, key);
  const theta = view.theta;
  const each = (f: (k: 0 | 1) => number): Vec => [f(0), f(1)];
  switch (n.optimizer.type) {
    case 'SGD': {
      const mu = view.momentum ?? 0;
      if (mu === 0) return each((k) => theta[k] - lr * n.grad[k]);
      const b = slot(n, 'momentum_buffer');
      const u = n.optimizer.nesterov ? each((k) => n.grad[k] + mu * b[k]) : b;
      return each((k) => theta[k] - lr * u[k]);
    }
    case 'Adam':
    case 'AdamW': {
      const base =
        n.decay === 'decoupled' ? each((k) => theta[k] * (1 - lr * n.weightDecay)) : theta;
      const { first = NaN, second = NaN } = n.biasCorrection ?? {};
      const v = n.optimizer.amsgrad ? slot(n, 'max_exp_avg_sq') : slot(n, 'exp_avg_sq');
      const m = slot(n, 'exp_avg');
      return each(
        (k) => base[k] - (lr / first) * (m[k] / (Math.sqrt(v[k]) / Math.sqrt(second) + eps())),
      );
    }
    case 'RAdam': {
      const m = n.corrected?.m ?? [NaN, NaN];
      const v = n.corrected?.v ?? [NaN, NaN];
      const r = n.rectification?.r;
      return r === undefined
        ? each((k) => theta[k] - lr * m[k])
        : each((k) => theta[k] - (lr * m[k] * r) / (Math.sqrt(v[k]) + eps()));
    }
    case 'Adamax': {
      const m = slot(n, 'exp_avg');
      const u = slot(n, 'exp_inf');
      return each((k) => theta[k] - (lr / (n.biasCorrection?.first ?? NaN)) * (m[k] / u[k]));
    }
    case 'Adagrad': {
      const s = slot(n, 'sum');
      return each((k) => theta[k] - (n.decayedLr ?? NaN) * (n.grad[k] / (Math.sqrt(s[k]) + eps())));
    }
    default:
      return undefined; // RMSprop, Adadelta, NAdam: no derived quantity to check
  }
}

const relClose = (ours: Vec, theirs: Vec) =>
  Math.hypot(ours[0] - theirs[0], ours[1] - theirs[1]) <= 2e-5 * Math.hypot(...theirs) + 2e-6;

describe('derived numbers reproduce torch', () => {
  const checked = cases.filter(
    (c) =>
      !c.name.endsWith('diverges') &&
      c.config.runs?.[0].optimizer.type !== 'Lookahead' &&
      !['RMSprop', 'Adadelta', 'NAdam'].includes(c.config.runs?.[0].optimizer.type ?? ''),
  );

  it('covers every optimizer with a derived quantity', () => {
    const types = new Set(checked.map((c) => c.config.runs?.[0].optimizer.type));
    expect([...types].sort()).toEqual(['Adagrad', 'Adam', 'AdamW', 'Adamax', 'RAdam', 'SGD']);
  });

  it.each(checked.map((c) => [c.name, c] as const))('%s: every step', (_name, c) => {
    const run = fixtureRun(c);
    for (let step = 1; step <= run.steps; step++) {
      const n = stepNumbers(run, stepView(run, step));
      const predicted = torchUpdate(n);
      expect(predicted, c.name).toBeDefined();
      const next = c.expected.points[step] as Vec;
      expect(
        relClose(predicted as Vec, next),
        `${c.name} step ${step}: ${predicted} vs ${next}`,
      ).toBe(true);
    }
  });

  it('bias corrections are 1 - β^t of the step count torch kept', () => {
    const c = cases.find((candidate) => candidate.name === 'beale Adam OneCycleLR beta1');
    if (!c) throw new Error('fixture case missing');
    const run = fixtureRun(c);
    for (const step of [1, 7, 40]) {
      const n = stepNumbers(run, stepView(run, step));
      const t = c.expected.state[step - 1].step as number;
      expect(n.t).toBe(t);
      // OneCycleLR cycles beta1: the step's own beta1 (fixture momentum) is what torch used.
      const beta1 = c.expected.momentum[step - 1] as number;
      expect(n.biasCorrection?.first).toBeCloseTo(1 - beta1 ** t, 14);
      expect(n.biasCorrection?.second).toBeCloseTo(1 - 0.999 ** t, 14);
    }
  });

  it('the gradient the rule uses: maximize flips it, coupled weight decay adds λθ', () => {
    const c = cases.find((candidate) => candidate.name === 'saddle SGD nesterov decay maximize');
    if (!c) throw new Error('fixture case missing');
    const run = fixtureRun(c);
    const n = stepNumbers(run, stepView(run, 1));
    // θ0 = (0.3, 1.2), ∇(x² - y²) = (0.6, -2.4); maximize: (-0.6, 2.4); + 0.05 θ0.
    expect(n.grad[0]).toBeCloseTo(-0.6 + 0.05 * 0.3, 6);
    expect(n.grad[1]).toBeCloseTo(2.4 + 0.05 * 1.2, 6);
    expect(n.decay).toBe('coupled');
    expect(n.view.lookAhead).toBeDefined();
  });
});

describe('the typeset rule', () => {
  it('writes powers of ten out and keeps four significant digits', () => {
    expect(texNumber(0.123456)).toBe('0.1235');
    expect(texNumber(-1234.5)).toBe('-1235');
    expect(texNumber(2.5e-5)).toBe('2.5\\times 10^{-5}');
    expect(texNumber(0)).toBe('0');
  });

  it("carries the step's numbers and typesets without errors", () => {
    const c = cases.find((candidate) => candidate.name === 'rosenbrock AdamW decay');
    if (!c) throw new Error('fixture case missing');
    const run = fixtureRun(c);
    const n = stepNumbers(run, stepView(run, 5));
    const tex = updateLines(n).join('\n');
    const m = c.expected.state[4].exp_avg as number[];
    expect(tex).toContain(
      `m_t &= \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t = (${texNumber(m[0])},\\ ${texNumber(m[1])})`,
    );
    expect(tex).toContain(`1-\\beta_1^t &= ${texNumber(1 - 0.9 ** 5)}`);
    expect(tex).toContain('(1-\\gamma\\lambda)');
    const markup = numbersMarkup(n);
    expect(markup).toContain('<math');
    expect(markup).not.toContain('katex-error');
  });
});
