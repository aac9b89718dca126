/**
 * A scheduler config as the torch.optim.lr_scheduler call that builds it. SequentialLR's
 * children are constructed inside its call, in order, as torch requires (each takes its
 * initial step on the shared optimizer as it is built, exactly as optim-lab's do).
 */
import { schedulerDefaults } from '../schedule/config';
import type { SchedulerConfig } from '../schedule/types';
import { pythonLambda } from './lambda';
import { keywordArguments } from './options';
import { indent, pyCall, pyValue } from './python';

/** Where each scheduler class comes from in the script's imports. */
export function schedulerModule(type: SchedulerConfig['type']): string {
  return type === 'SWALR' ? 'SWALR' : `lr_scheduler.${type}`;
}

/**
 * `lr_scheduler.OneCycleLR(optimizer, max_lr=0.05, total_steps=600)` for a parsed config;
 * options at torch's default are left out. `prefix` is what the line starts with, for
 * wrapping. Not for 'None' (no scheduler).
 */
export function schedulerExpression(
  config: SchedulerConfig,
  optimizer: string,
  prefix = '',
): string {
  if (config.type === 'None') throw new Error('toPyTorch: no expression for scheduler None');
  const name = schedulerModule(config.type);
  if (config.type === 'SequentialLR') {
    // The children sit two levels in from the line this call starts on.
    const childPrefix = ' '.repeat((/^ */.exec(prefix)?.[0].length ?? 0) + 8);
    const children = config.schedulers.map((child) =>
      schedulerExpression(child, optimizer, childPrefix),
    );
    const list = `[\n${children.map((child) => indent(`${child},`)).join('\n')}\n]`;
    return pyCall(
      name,
      [optimizer, `schedulers=${list}`, `milestones=${pyValue(config.milestones)}`],
      prefix,
    );
  }
  const defaults = schedulerDefaults(config.type) as Record<string, unknown>;
  const lambda = 'lrLambda' in config ? [`lr_lambda=${pythonLambda(config.lrLambda)}`] : [];
  const kwargs = keywordArguments(config, defaults, { skip: ['lrLambda'] });
  return pyCall(name, [optimizer, ...lambda, ...kwargs], prefix);
}

/** Every scheduler type in a config, SequentialLR's children included. */
export function schedulerTypes(config: SchedulerConfig): SchedulerConfig['type'][] {
  if (config.type !== 'SequentialLR') return [config.type];
  return [config.type, ...config.schedulers.flatMap(schedulerTypes)];
}

/** Every lrLambda source in a config. */
export function lambdaSources(config: SchedulerConfig): string[] {
  if (config.type === 'SequentialLR') return config.schedulers.flatMap(lambdaSources);
  return 'lrLambda' in config ? [config.lrLambda] : [];
}
