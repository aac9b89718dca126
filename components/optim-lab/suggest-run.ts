/**
 * What "Add run" adds: the first classic the lab does not show yet, each at an lr that
 * trains the default small MLP briskly, so a reader gets a meaningful comparison in one click.
 */
import type { OptimizerConfig } from '../../src/optim/types';
import type { RunConfigInput } from '../../src/protocol/experiment';

const SUGGESTIONS: readonly OptimizerConfig[] = [
  { type: 'Adam', lr: 0.01 },
  { type: 'SGD', lr: 0.1, momentum: 0.9 },
  { type: 'AdamW', lr: 0.01 },
  { type: 'RMSprop', lr: 0.01 },
  { type: 'SGD', lr: 0.1 },
  { type: 'Adagrad', lr: 0.1 },
  { type: 'NAdam', lr: 0.01 },
  { type: 'RAdam', lr: 0.01 },
  { type: 'Lookahead', optimizer: { type: 'Adam', lr: 0.01 } },
];

function key(optimizer: OptimizerConfig): string {
  if (optimizer.type === 'Lookahead') return `Lookahead(${key(optimizer.optimizer)})`;
  if (optimizer.type === 'SGD') return optimizer.momentum ? 'SGD+momentum' : 'SGD';
  return optimizer.type;
}

export function suggestRun(existing: readonly OptimizerConfig[]): RunConfigInput {
  const taken = new Set(existing.map(key));
  const next = SUGGESTIONS.find((optimizer) => !taken.has(key(optimizer))) ?? SUGGESTIONS[0];
  return { optimizer: structuredClone(next) as OptimizerConfig };
}
