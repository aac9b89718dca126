import type { TorchOptimizer } from './base';
import { parseOptimizerConfig } from './config';
import { Lookahead } from './lookahead';
import { instantiate } from './registry';
import type { OptimizerConfig } from './types';

/**
 * Builds a torch.optim-exact optimizer from a config such as `{ type: 'AdamW', lr: 3e-4 }`.
 * The config is validated (errors name the field) and PyTorch's defaults fill the rest.
 * The result is a tf.Optimizer: use it with `minimize`, `applyGradients` or
 * `model.compile({ optimizer })`; assign `lr` (and `momentum` / `betas`) between steps.
 */
export function createOptimizer(config: OptimizerConfig): TorchOptimizer {
  const resolved = parseOptimizerConfig(config);
  if (resolved.type === 'Lookahead') {
    return new Lookahead(resolved, instantiate(resolved.optimizer));
  }
  return instantiate(resolved);
}

export { TorchOptimizer } from './base';
export { ParameterState } from './state';
export { parseOptimizerConfig, optimizerOptionRule } from './config';
export { readOption, withOption, withDefaultLr } from './options';
export type { OptionValue } from './options';
export { optimizerDefaults, OPTIMIZER_TYPES } from './defaults';
export { OPTIMIZER_CLASSES } from './registry';
export { SGD } from './sgd';
export { Adam } from './adam';
export { AdamW } from './adamw';
export { NAdam } from './nadam';
export { RAdam } from './radam';
export { Adamax } from './adamax';
export { Adagrad } from './adagrad';
export { Adadelta } from './adadelta';
export { RMSprop } from './rmsprop';
export { Lookahead } from './lookahead';
export type * from './types';
export type * from './resolved';
