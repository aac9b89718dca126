/**
 * The update rule (TeX, PyTorch's notation: γ lr, λ weight decay, g_t the gradient) and a
 * few lines of practical advice per optimizer. Rules follow the torch.optim docs' pseudocode,
 * shortened to the lines that differ between optimizers.
 */
import type { OptimizerType } from '../../src/optim/types';

export interface KnowHow {
  tex: string;
  tips: readonly string[];
}

const aligned = (...lines: string[]) => `\\begin{aligned}${lines.join('\\\\')}\\end{aligned}`;
const adamMoments = [
  'm_t &= \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
  'v_t &= \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
  '\\hat m_t &= m_t / (1-\\beta_1^t),\\quad \\hat v_t = v_t / (1-\\beta_2^t)',
];

export const KNOW_HOW: Readonly<Record<OptimizerType, KnowHow>> = {
  SGD: {
    tex: aligned(
      'g_t &= \\nabla f(\\theta_{t-1}) + \\lambda\\theta_{t-1}',
      'b_t &= \\mu\\, b_{t-1} + (1-\\tau)\\, g_t',
      '\\theta_t &= \\theta_{t-1} - \\gamma\\,(\\text{nesterov} ? g_t + \\mu b_t : b_t)',
    ),
    tips: [
      'Plain SGD needs a larger lr than Adam: try 0.01 to 0.1 with momentum 0.9.',
      'Momentum 0.9 smooths the path through ravines; Nesterov looks one step ahead.',
      'With a good schedule, SGD + momentum often generalises better than adaptive methods.',
    ],
  },
  Adagrad: {
    tex: aligned(
      '\\tilde\\gamma &= \\gamma / (1 + (t-1)\\,\\eta)',
      's_t &= s_{t-1} + g_t^2',
      '\\theta_t &= \\theta_{t-1} - \\tilde\\gamma\\, g_t / (\\sqrt{s_t} + \\epsilon)',
    ),
    tips: [
      'Each weight gets its own step size, shrinking as its squared gradients pile up.',
      'Good for sparse features; on long runs the step size decays towards zero.',
    ],
  },
  Adadelta: {
    tex: aligned(
      'v_t &= \\rho v_{t-1} + (1-\\rho)\\, g_t^2',
      '\\Delta x_t &= \\sqrt{u_{t-1}+\\epsilon}\\,/\\sqrt{v_t+\\epsilon}\\; g_t',
      'u_t &= \\rho u_{t-1} + (1-\\rho)\\, \\Delta x_t^2',
      '\\theta_t &= \\theta_{t-1} - \\gamma\\, \\Delta x_t',
    ),
    tips: [
      "Adadelta's lr is a multiplier on a self-scaled step: keep it near 1.",
      "It fixes Adagrad's vanishing steps with a running average instead of a sum.",
    ],
  },
  RMSprop: {
    tex: aligned(
      'v_t &= \\alpha v_{t-1} + (1-\\alpha)\\, g_t^2',
      '\\tilde v_t &= \\text{centered} ? v_t - \\bar g_t^2 : v_t',
      'b_t &= \\mu b_{t-1} + g_t / (\\sqrt{\\tilde v_t} + \\epsilon)',
      '\\theta_t &= \\theta_{t-1} - \\gamma\\, b_t',
    ),
    tips: [
      'Divides by a running RMS of the gradient; lr around 1e-3 is a common start.',
      'PyTorch adds ε outside the square root (TF puts it inside): results differ slightly.',
      'centered divides by the gradient variance instead: steadier, a little slower.',
    ],
  },
  Adam: {
    tex: aligned(
      ...adamMoments,
      '\\theta_t &= \\theta_{t-1} - \\gamma\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\epsilon)',
    ),
    tips: [
      'A robust default: lr 1e-3, betas (0.9, 0.999).',
      "Adam's weightDecay is L2 added to the gradient, which the adaptive step rescales: use AdamW when you want weight decay.",
      'Adam likes a warm-up: a few hundred steps of rising lr avoid an early blow-up.',
    ],
  },
  AdamW: {
    tex: aligned(
      '\\theta_{t-1} &\\leftarrow \\theta_{t-1} - \\gamma\\lambda\\,\\theta_{t-1}',
      ...adamMoments,
      '\\theta_t &= \\theta_{t-1} - \\gamma\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\epsilon)',
    ),
    tips: [
      'Decoupled weight decay: shrinks weights directly, not through the gradient.',
      'Use AdamW, not Adam + weightDecay, when you want weight decay (default 0.01).',
      'Pair it with warm-up and cosine decay, the usual recipe for transformers.',
    ],
  },
  NAdam: {
    tex: aligned(
      '\\mu_t &= \\beta_1 \\bigl(1 - \\tfrac12\\, 0.96^{t\\psi}\\bigr)',
      'm_t &= \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
      'v_t &= \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2,\\quad \\hat v_t = v_t / (1-\\beta_2^t)',
      '\\tilde m_t &= \\tfrac{\\mu_{t+1} m_t}{1-\\prod_{i=1}^{t+1}\\mu_i} + \\tfrac{(1-\\mu_t) g_t}{1-\\prod_{i=1}^{t}\\mu_i}',
      '\\theta_t &= \\theta_{t-1} - \\gamma\\, \\tilde m_t / (\\sqrt{\\hat v_t}+\\epsilon)',
    ),
    tips: [
      'Adam with Nesterov momentum: the first moment looks one step ahead.',
      'momentumDecay (ψ) warms the momentum up over the first few hundred steps.',
    ],
  },
  RAdam: {
    tex: aligned(
      ...adamMoments,
      '\\rho_\\infty &= 2/(1-\\beta_2) - 1,\\quad \\rho_t = \\rho_\\infty - 2t\\beta_2^t/(1-\\beta_2^t)',
      '\\theta_t &= \\theta_{t-1} - \\gamma\\, \\hat m_t \\cdot \\begin{cases} r_t / (\\sqrt{\\hat v_t}+\\epsilon) & \\rho_t > 5 \\\\ 1 & \\text{otherwise} \\end{cases}',
    ),
    tips: [
      'Rectified Adam: turns the adaptive step on only once the variance estimate is reliable.',
      'A built-in warm-up: often no separate warm-up schedule is needed.',
    ],
  },
  Adamax: {
    tex: aligned(
      'm_t &= \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
      'u_t &= \\max(\\beta_2 u_{t-1},\\ |g_t| + \\epsilon)',
      '\\theta_t &= \\theta_{t-1} - \\gamma\\, m_t / \\bigl((1-\\beta_1^t)\\, u_t\\bigr)',
    ),
    tips: [
      'Adam with the infinity norm: the step is bounded by lr, which makes it steady.',
      'Default lr is 2e-3, a little larger than Adam.',
    ],
  },
  Lookahead: {
    tex: aligned(
      '\\theta_t &= \\operatorname{inner\\ step}(\\theta_{t-1})',
      '\\phi &\\leftarrow \\phi + \\alpha\\,(\\theta_t - \\phi) \\quad \\text{every } k \\text{ steps}',
      '\\theta_t &\\leftarrow \\phi',
    ),
    tips: [
      'The fast weights explore k steps ahead; the slow weights move part of the way (α).',
      'Makes the inner optimizer less sensitive to its lr: k = 5, α = 0.5 are good defaults.',
    ],
  },
};
