import { Adadelta } from './adadelta';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { Adamax } from './adamax';
import { AdamW } from './adamw';
import type { TorchOptimizer } from './base';
import { NAdam } from './nadam';
import { RAdam } from './radam';
import type { ResolvedBaseOptimizerConfig } from './resolved';
import { RMSprop } from './rmsprop';
import { SGD } from './sgd';
import type { BaseOptimizerConfig } from './types';

type Constructor<T extends BaseOptimizerConfig['type']> = new (
  config: Extract<ResolvedBaseOptimizerConfig, { type: T }>,
) => TorchOptimizer;

/** torch.optim class name -> our class (Lookahead wraps one of these; see index.ts). */
export const OPTIMIZER_CLASSES: { [T in BaseOptimizerConfig['type']]: Constructor<T> } = {
  SGD,
  Adam,
  AdamW,
  NAdam,
  RAdam,
  Adamax,
  Adagrad,
  Adadelta,
  RMSprop,
};

export function instantiate(config: ResolvedBaseOptimizerConfig): TorchOptimizer {
  const OptimizerClass = OPTIMIZER_CLASSES[config.type] as Constructor<typeof config.type>;
  return new OptimizerClass(config as never);
}
