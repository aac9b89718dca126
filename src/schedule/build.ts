import { joinPath } from './config-error';
import { NoScheduler } from './constant-none';
import { ConstantLR } from './constant-lr';
import { CosineAnnealingLR } from './cosine-annealing-lr';
import { CosineAnnealingWarmRestarts } from './cosine-annealing-warm-restarts';
import { CyclicLR } from './cyclic-lr';
import { ExponentialLR } from './exponential-lr';
import { LambdaLR } from './lambda-lr';
import { LinearLR } from './linear-lr';
import type { ChainableScheduler } from './lr-scheduler';
import { MultiStepLR } from './multi-step-lr';
import { MultiplicativeLR } from './multiplicative-lr';
import { OneCycleLR } from './one-cycle-lr';
import type { ParamGroup } from './param-group';
import { PolynomialLR } from './polynomial-lr';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { SequentialLR } from './sequential-lr';
import { StepLR } from './step-lr';
import { SWALR } from './swalr';
import type { SchedulerConfig } from './types';

export type AnyScheduler = ChainableScheduler | ReduceLROnPlateau | NoScheduler;

/**
 * Builds the scheduler for a config already checked by parseSchedulerConfig (so every option
 * holds a value: the `Required<...>` views below are what the parser guarantees). Like torch,
 * construction takes the initial step and so already writes the group's lr. `path` is where
 * the config was written (`runs[0].scheduler`): a lambda failing as it trains names its field.
 */
export function buildScheduler(
  config: SchedulerConfig,
  group: ParamGroup,
  path = 'scheduler',
): AnyScheduler {
  switch (config.type) {
    case 'None':
      return new NoScheduler(group);
    case 'StepLR':
      return new StepLR(group, config as Required<typeof config>);
    case 'MultiStepLR':
      return new MultiStepLR(group, config as Required<typeof config>);
    case 'ExponentialLR':
      return new ExponentialLR(group, config as Required<typeof config>);
    case 'MultiplicativeLR':
      return new MultiplicativeLR(group, config as Required<typeof config>, path);
    case 'LambdaLR':
      return new LambdaLR(group, config as Required<typeof config>, path);
    case 'LinearLR':
      return new LinearLR(group, config as Required<typeof config>);
    case 'ConstantLR':
      return new ConstantLR(group, config as Required<typeof config>);
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(group, config as Required<typeof config>);
    case 'CosineAnnealingWarmRestarts':
      return new CosineAnnealingWarmRestarts(group, config as Required<typeof config>);
    case 'PolynomialLR':
      return new PolynomialLR(group, config as Required<typeof config>);
    case 'CyclicLR':
      return new CyclicLR(group, config as Required<typeof config>);
    case 'OneCycleLR':
      return new OneCycleLR(group, config as Required<typeof config>);
    case 'ReduceLROnPlateau':
      return new ReduceLROnPlateau(group, config as Required<typeof config>);
    case 'SWALR':
      return new SWALR(group, config as Required<typeof config>);
    case 'SequentialLR': {
      // As in torch, the chained schedulers are constructed first, in order, on the group.
      const children = config.schedulers.map((child, i) =>
        buildScheduler(child, group, joinPath(path, `schedulers[${i}]`)),
      );
      return new SequentialLR(group, children as ChainableScheduler[], config.milestones);
    }
  }
}

/** Whether the config cycles momentum (so samples and live optimizers carry it). */
export function cyclesMomentum(config: SchedulerConfig): boolean {
  if (config.type === 'CyclicLR' || config.type === 'OneCycleLR')
    return config.cycleMomentum !== false;
  if (config.type === 'SequentialLR') return config.schedulers.some(cyclesMomentum);
  return false;
}
