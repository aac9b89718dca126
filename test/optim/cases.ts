import type { OptimizerConfig } from '../../src/optim';

/** One config per optimizer, with the options that create every kind of slot state. */
export const STATEFUL_CONFIGS: OptimizerConfig[] = [
  { type: 'SGD', lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
  { type: 'Adam', lr: 0.01, amsgrad: true, weightDecay: 0.01 },
  { type: 'AdamW', lr: 0.01, amsgrad: true },
  { type: 'NAdam', lr: 0.01, weightDecay: 0.01 },
  { type: 'RAdam', lr: 0.01 },
  { type: 'Adamax', lr: 0.01 },
  { type: 'Adagrad', lr: 0.01, lrDecay: 0.01, initialAccumulatorValue: 0.1 },
  { type: 'Adadelta', lr: 1 },
  { type: 'RMSprop', lr: 0.01, centered: true, momentum: 0.9 },
  { type: 'Lookahead', k: 3, optimizer: { type: 'Adam', lr: 0.01 } },
  { type: 'Lookahead', k: 2, optimizer: { type: 'SGD', lr: 0.01, momentum: 0.9 } },
];

export function label(config: OptimizerConfig): string {
  return config.type === 'Lookahead' ? `Lookahead(${config.optimizer.type})` : config.type;
}
