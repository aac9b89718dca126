/**
 * Optimizer configs: `type` is the torch.optim class name, options are PyTorch's argument
 * names in camelCase. Every option is optional and defaults to PyTorch's default, so a
 * config reads like the constructor call a learner would write in PyTorch.
 */

export type Betas = readonly [number, number];

export interface SGDConfig {
  type: 'SGD';
  lr?: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}

interface AdamLikeOptions {
  lr?: number;
  betas?: Betas;
  eps?: number;
  weightDecay?: number;
  maximize?: boolean;
}

export interface AdamConfig extends AdamLikeOptions {
  type: 'Adam';
  amsgrad?: boolean;
}

export interface AdamWConfig extends AdamLikeOptions {
  type: 'AdamW';
  amsgrad?: boolean;
}

export interface NAdamConfig extends AdamLikeOptions {
  type: 'NAdam';
  momentumDecay?: number;
}

export interface RAdamConfig extends AdamLikeOptions {
  type: 'RAdam';
}

export interface AdamaxConfig extends AdamLikeOptions {
  type: 'Adamax';
}

export interface AdagradConfig {
  type: 'Adagrad';
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
  maximize?: boolean;
}

export interface AdadeltaConfig {
  type: 'Adadelta';
  lr?: number;
  rho?: number;
  eps?: number;
  weightDecay?: number;
  maximize?: boolean;
}

export interface RMSpropConfig {
  type: 'RMSprop';
  lr?: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
  maximize?: boolean;
}

/** Any optimizer that Lookahead can wrap. */
export type BaseOptimizerConfig =
  | SGDConfig
  | AdamConfig
  | AdamWConfig
  | NAdamConfig
  | RAdamConfig
  | AdamaxConfig
  | AdagradConfig
  | AdadeltaConfig
  | RMSpropConfig;

/** Lookahead (Zhang et al. 2019): slow weights follow the fast (inner) optimizer every k steps. */
export interface LookaheadConfig {
  type: 'Lookahead';
  k?: number;
  alpha?: number;
  optimizer: BaseOptimizerConfig;
}

export type OptimizerConfig = BaseOptimizerConfig | LookaheadConfig;
export type OptimizerType = OptimizerConfig['type'];
