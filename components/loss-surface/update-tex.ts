/**
 * One step's update rule with its numbers filled in, as TeX for KaTeX. The rule itself (in
 * symbols) is `<optimizer-picker>`'s (components/optimizer-picker/know-how.ts, typeset by
 * components/shared/math.ts): this file
 * writes the same symbols (γ lr, λ weight decay, g_t, b_t, m_t, v_t, ...) with the values of
 * one step, line by line, ending in θ_t = θ_{t-1} + Δθ.
 */
import type { Point } from '../../src/surface/types';
import { mathml } from '../shared/math';
import type { StepNumbers } from './step-math';

/** A number as TeX: 4 significant digits, powers of ten written out. */
export function texNumber(value: number): string {
  if (!Number.isFinite(value))
    return value > 0 ? '\\infty' : value < 0 ? '-\\infty' : '\\text{NaN}';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(4)));
  const [mantissa, exponent] = value.toExponential(3).split('e');
  return `${Number(mantissa)}\\times 10^{${Number(exponent)}}`;
}

const vec = (p: Point) => `(${texNumber(p[0])},\\ ${texNumber(p[1])})`;
const line = (lhs: string, rhs: string) => `${lhs} &= ${rhs}`;

function slot(numbers: StepNumbers, key: string): Point | undefined {
  const value = numbers.view.state[key];
  return Array.isArray(value) ? value : undefined;
}

/** `lhs = rule = value` when the slot exists. */
function slotLine(numbers: StepNumbers, key: string, lhs: string, rule: string): string[] {
  const value = slot(numbers, key);
  return value ? [line(lhs, `${rule} = ${vec(value)}`)] : [];
}

function gradientLines(n: StepNumbers): string[] {
  const { view } = n;
  const lines = [line('g_t', `\\nabla f(\\theta_{t-1}) = ${vec(view.grad)}`)];
  if (n.optimizer.maximize) lines.push('g_t &\\leftarrow -g_t \\quad(\\text{maximize})');
  if (n.decay === 'coupled') {
    lines.push(
      `g_t &\\leftarrow g_t + \\lambda\\theta_{t-1} = ${vec(n.grad)} \\quad(\\lambda = ${texNumber(n.weightDecay)})`,
    );
  } else if (n.decay === 'decoupled') {
    const shrink = 1 - view.lr * n.weightDecay;
    lines.push(
      `\\theta_{t-1} &\\leftarrow (1-\\gamma\\lambda)\\,\\theta_{t-1} = ${vec([view.theta[0] * shrink, view.theta[1] * shrink])} \\quad(\\lambda = ${texNumber(n.weightDecay)})`,
    );
  }
  return lines;
}

function sgdLines(n: StepNumbers): string[] {
  const mu = n.view.momentum ?? 0;
  if (mu === 0) return [line('u', 'g_t')];
  const lines = slotLine(n, 'momentum_buffer', 'b_t', '\\mu b_{t-1} + (1-\\tau)\\, g_t');
  if (n.view.lookAhead) {
    lines.push(
      line('\\hat\\theta', `\\theta_{t-1} - \\gamma\\mu\\, b_t = ${vec(n.view.lookAhead)}`),
      line('u', 'g_t + \\mu b_t'),
    );
  } else lines.push(line('u', 'b_t'));
  return lines;
}

function adamLines(n: StepNumbers): string[] {
  const lines = [
    ...slotLine(n, 'exp_avg', 'm_t', '\\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t'),
    ...slotLine(n, 'exp_avg_sq', 'v_t', '\\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2'),
    ...slotLine(n, 'max_exp_avg_sq', 'v^{\\max}_t', '\\max(v^{\\max}_{t-1}, v_t)'),
  ];
  const { first, second } = n.biasCorrection ?? {};
  if (first !== undefined) lines.push(line('1-\\beta_1^t', texNumber(first)));
  if (second !== undefined) lines.push(line('1-\\beta_2^t', texNumber(second)));
  if (n.corrected?.m) lines.push(line('\\hat m_t', `m_t / (1-\\beta_1^t) = ${vec(n.corrected.m)}`));
  if (n.corrected?.v) lines.push(line('\\hat v_t', `v_t / (1-\\beta_2^t) = ${vec(n.corrected.v)}`));
  const product = n.view.state.mu_product;
  if (typeof product === 'number')
    lines.push(line('\\textstyle\\prod_i \\mu_i', texNumber(product)));
  if (n.rectification) {
    const { rho, r } = n.rectification;
    lines.push(
      line(
        '\\rho_t',
        r === undefined
          ? `${texNumber(rho)} \\le 5:\\ \\text{no adaptive step yet}`
          : `${texNumber(rho)},\\quad r_t = ${texNumber(r)}`,
      ),
    );
  }
  return lines;
}

const TYPE_LINES: Record<StepNumbers['optimizer']['type'], (n: StepNumbers) => string[]> = {
  SGD: sgdLines,
  Adagrad: (n) => [
    line(
      '\\tilde\\gamma',
      `\\gamma / (1 + (t-1)\\,\\eta) = ${texNumber(n.decayedLr ?? n.view.lr)}`,
    ),
    ...slotLine(n, 'sum', 's_t', 's_{t-1} + g_t^2'),
  ],
  Adadelta: (n) => [
    ...slotLine(n, 'square_avg', 'v_t', '\\rho v_{t-1} + (1-\\rho)\\, g_t^2'),
    ...slotLine(n, 'acc_delta', 'u_t', '\\rho u_{t-1} + (1-\\rho)\\, \\Delta x_t^2'),
  ],
  RMSprop: (n) => [
    ...slotLine(n, 'square_avg', 'v_t', '\\alpha v_{t-1} + (1-\\alpha)\\, g_t^2'),
    ...slotLine(n, 'grad_avg', '\\bar g_t', '\\alpha \\bar g_{t-1} + (1-\\alpha)\\, g_t'),
    ...slotLine(
      n,
      'momentum_buffer',
      'b_t',
      '\\mu b_{t-1} + g_t / (\\sqrt{\\tilde v_t} + \\epsilon)',
    ),
  ],
  Adam: adamLines,
  AdamW: adamLines,
  NAdam: adamLines,
  RAdam: adamLines,
  Adamax: (n) => [
    ...adamLines(n),
    ...slotLine(n, 'exp_inf', 'u_t', '\\max(\\beta_2 u_{t-1},\\ |g_t| + \\epsilon)'),
  ],
};

/** The lines of step `n` in the rule's symbols with their values. */
export function updateLines(n: StepNumbers): string[] {
  const { view } = n;
  const head = [`t &= ${n.t},\\quad \\gamma = ${texNumber(view.lr)}`];
  if (view.momentum !== undefined) {
    head[0] += `,\\quad ${n.optimizer.type === 'SGD' || n.optimizer.type === 'RMSprop' ? '\\mu' : '\\beta_1'} = ${texNumber(view.momentum)}`;
  }
  const lines = [...head, ...gradientLines(n), ...TYPE_LINES[n.optimizer.type](n)];
  if (n.lookahead) {
    const slow = slot(n, 'slow');
    if (slow) lines.push(line('\\phi', `${vec(slow)} \\quad(\\text{slow weights})`));
    if (n.lookahead.synced) {
      lines.push(`\\theta_t &\\leftarrow \\phi \\quad(t \\bmod k = 0,\\ k = ${n.lookahead.k})`);
    }
  }
  lines.push(
    line('\\theta_t', `\\theta_{t-1} + \\Delta\\theta = ${vec(view.theta)} + ${vec(view.delta)}`),
    `&= ${vec(view.thetaNext)}`,
    line(
      'f(\\theta_t)',
      `${texNumber(view.lossNext)} \\quad(f(\\theta_{t-1}) = ${texNumber(view.loss)})`,
    ),
  );
  return lines;
}

const aligned = (lines: readonly string[]) => `\\begin{aligned}${lines.join('\\\\')}\\end{aligned}`;

/** The step's numbers in the rule's symbols, as MathML. */
export function numbersMarkup(n: StepNumbers): string {
  return mathml(aligned(updateLines(n)));
}
