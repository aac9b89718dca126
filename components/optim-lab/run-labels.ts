/**
 * Names for runs that a reader can tell apart in a legend: "SGD + Nesterov, lr 0.1",
 * "Adam, lr 0.01 + OneCycleLR". Also the numbers the LR preview needs from an optimizer
 * config (its lr and momentum, PyTorch defaults filled in) without loading TF.js.
 */
import type { OptimizerConfig } from '../../src/optim/types';
import type { SchedulerConfigInput } from '../../src/protocol/horizon';
import { readOption } from '../../src/optim/options';
import { formatValue } from '../plot/format';

function optimizerName(optimizer: OptimizerConfig): string {
  switch (optimizer.type) {
    case 'SGD':
      if (!optimizer.momentum) return 'SGD';
      return optimizer.nesterov ? 'SGD + Nesterov' : 'SGD + momentum';
    case 'Lookahead':
      return `Lookahead(${optimizerName(optimizer.optimizer)})`;
    default:
      return optimizer.type;
  }
}

function schedulerName(scheduler: SchedulerConfigInput): string {
  if (scheduler.type === 'SequentialLR' && Array.isArray(scheduler.schedulers)) {
    return scheduler.schedulers.map(schedulerName).join(' → ');
  }
  return scheduler.type;
}

/** The lr the optimizer starts with (PyTorch's default where the config leaves it out). */
export function optimizerLr(optimizer: OptimizerConfig): number {
  return readOption(optimizer, 'lr') as number;
}

/** Momentum (SGD, RMSprop) or beta1 (Adam family): what a cycling scheduler moves. */
export function optimizerMomentum(optimizer: OptimizerConfig): number | undefined {
  switch (optimizer.type) {
    case 'Lookahead':
      return optimizerMomentum(optimizer.optimizer);
    case 'SGD':
    case 'RMSprop':
      return optimizer.momentum ?? 0;
    case 'Adam':
    case 'AdamW':
    case 'NAdam':
    case 'RAdam':
    case 'Adamax':
      return optimizer.betas?.[0] ?? 0.9;
    default:
      return undefined;
  }
}

/**
 * "SGD + momentum, lr 0.1" or, with a schedule, "Adam, lr 0.01 + OneCycleLR"; a run that
 * averages its weights adds "+ SWA".
 */
export function describeRun(
  optimizer: OptimizerConfig,
  scheduler?: SchedulerConfigInput,
  swa?: object | null,
): string {
  let name = `${optimizerName(optimizer)}, lr ${formatValue(optimizerLr(optimizer))}`;
  if (scheduler && scheduler.type !== 'None') name += ` + ${schedulerName(scheduler)}`;
  return swa ? `${name} + SWA` : name;
}
