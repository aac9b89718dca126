/**
 * The numbers of one optimizer step that the engine does not record but a learner wants to
 * see, derived from what it does record (src/surface/step-view.ts) exactly as torch.optim
 * computes them: the gradient the optimizer works with (after `maximize` and coupled weight
 * decay), the bias corrections 1 - β^t from state.step and the betas, the corrected moments,
 * Adagrad's decayed lr, RAdam's rectification, the direction momentum pushes. Pure and
 * TF-free: the numbers panel, its typeset rule and the plot's arrows all read this.
 */
import { readOption } from '../../src/optim/options';
import type { BaseOptimizerConfig, OptimizerConfig } from '../../src/optim/types';
import type { StepView } from '../../src/surface/step-view';
import type { Point, SurfaceRun } from '../../src/surface/types';

export interface StepNumbers {
  view: StepView;
  /** The optimizer that computed the step (Lookahead's inner one). */
  optimizer: BaseOptimizerConfig;
  /** Lookahead's k and alpha, when the run is wrapped in one. */
  lookahead?: { k: number; alpha: number; synced: boolean };
  /** t: the optimizer's step count (state.step, or the step index where it keeps none). */
  t: number;
  /** g after maximize and coupled weight decay: what the update rule is fed. */
  grad: Point;
  weightDecay: number;
  /** 'coupled': λθ added to g (L2); 'decoupled': θ shrunk by lr·λ first (AdamW). */
  decay: 'none' | 'coupled' | 'decoupled';
  /** The state slot momentum lives in (momentum_buffer, exp_avg), and its value. */
  momentum?: { key: string; value: Point };
  /**
   * 1 - β1^t and 1 - β2^t: Adam, AdamW, RAdam both; Adamax the first; NAdam the second (its
   * first moment is corrected by the product of its momentum schedule, state.mu_product).
   */
  biasCorrection?: { first?: number; second?: number };
  /** m_t / (1 - β1^t) and v_t / (1 - β2^t), for the corrections above. */
  corrected?: { m?: Point; v?: Point };
  /** Adagrad: γ / (1 + (t - 1) η). */
  decayedLr?: number;
  /** RAdam: ρ_t and, once ρ_t > 5, the rectification r_t. */
  rectification?: { rho: number; r?: number };
}

const num = (config: OptimizerConfig, key: string) => readOption(config, key) as number;
const flag = (config: OptimizerConfig, key: string) => readOption(config, key) === true;
const asPoint = (value: number | Point | undefined): Point | undefined =>
  Array.isArray(value) ? value : undefined;

/** The direction a state slot holds the optimizer's running average of g in, per type. */
const MOMENTUM_SLOT: Partial<Record<BaseOptimizerConfig['type'], string>> = {
  SGD: 'momentum_buffer',
  RMSprop: 'momentum_buffer',
  Adam: 'exp_avg',
  AdamW: 'exp_avg',
  NAdam: 'exp_avg',
  RAdam: 'exp_avg',
  Adamax: 'exp_avg',
};

const ADAM_FAMILY = new Set(['Adam', 'AdamW', 'RAdam']);

export function innerOptimizer(config: OptimizerConfig): BaseOptimizerConfig {
  return config.type === 'Lookahead' ? config.optimizer : config;
}

/** The gradient torch's update rule works with: -g under maximize, then + λθ when coupled. */
function effectiveGrad(view: StepView, optimizer: BaseOptimizerConfig, coupled: number): Point {
  const sign = flag(optimizer, 'maximize') ? -1 : 1;
  return [
    sign * view.grad[0] + coupled * view.theta[0],
    sign * view.grad[1] + coupled * view.theta[1],
  ];
}

/** Everything the panel shows about step `view.step` of `run`. */
export function stepNumbers(run: SurfaceRun, view: StepView): StepNumbers {
  const optimizer = innerOptimizer(run.optimizer);
  const type = optimizer.type;
  const weightDecay = num(optimizer, 'weightDecay');
  const decay = weightDecay === 0 ? 'none' : type === 'AdamW' ? 'decoupled' : 'coupled';
  const counter = view.state.step;
  const t = typeof counter === 'number' && Number.isFinite(counter) ? counter : view.step;
  const numbers: StepNumbers = {
    view,
    optimizer,
    t,
    grad: effectiveGrad(view, optimizer, decay === 'coupled' ? weightDecay : 0),
    weightDecay,
    decay,
  };
  if (run.optimizer.type === 'Lookahead') {
    const k = num(run.optimizer, 'k');
    numbers.lookahead = { k, alpha: num(run.optimizer, 'alpha'), synced: view.step % k === 0 };
  }
  const slot = MOMENTUM_SLOT[type];
  const slotValue = slot === undefined ? undefined : asPoint(view.state[slot]);
  if (slot !== undefined && slotValue !== undefined) {
    numbers.momentum = { key: slot, value: slotValue };
  }
  const m = asPoint(view.state.exp_avg);
  const v = asPoint(view.state.exp_avg_sq);
  // The step's own beta1 (a scheduler may cycle it), beta2 from the config.
  const beta1 = () => view.momentum ?? num(optimizer, 'betas.0');
  if (ADAM_FAMILY.has(type) && m && v) {
    const beta2 = num(optimizer, 'betas.1');
    const first = 1 - beta1() ** t;
    const second = 1 - beta2 ** t;
    numbers.biasCorrection = { first, second };
    numbers.corrected = {
      m: [m[0] / first, m[1] / first],
      v: [v[0] / second, v[1] / second],
    };
    if (type === 'RAdam') {
      const rhoInf = 2 / (1 - beta2) - 1;
      const rho = rhoInf - (2 * t * beta2 ** t) / second;
      const r =
        rho > 5
          ? Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho))
          : undefined;
      numbers.rectification = r === undefined ? { rho } : { rho, r };
    }
  } else if (type === 'NAdam' && v) {
    const second = 1 - num(optimizer, 'betas.1') ** t;
    numbers.biasCorrection = { second };
    numbers.corrected = { v: [v[0] / second, v[1] / second] };
  } else if (type === 'Adamax' && m) {
    const first = 1 - beta1() ** t;
    numbers.biasCorrection = { first };
    numbers.corrected = { m: [m[0] / first, m[1] / first] };
  } else if (type === 'Adagrad') {
    numbers.decayedLr = view.lr / (1 + (t - 1) * num(optimizer, 'lrDecay'));
  }
  return numbers;
}

/** The length of a 2-D vector. */
export const norm = (p: Point) => Math.hypot(p[0], p[1]);
