/**
 * The scheduler menu and the config each choice starts from. Required options get values
 * that make sense over the preview horizon (`steps`) and the optimizer's lr (`baseLr`);
 * optional ones stay implicit so PyTorch's defaults apply.
 */
import type { SchedulerConfigInput } from '../../src/protocol/horizon';
import type { SchedulerConfig, SchedulerType } from '../../src/schedule/types';
import type { ChoiceGroup } from '../shared/form-controls';

const option = (value: SchedulerType, label: string = value) => ({ value, label });

const GROUPS: readonly ChoiceGroup[] = [
  { label: 'Constant', options: [option('None', 'None (constant lr)')] },
  {
    label: 'Decay',
    options: [
      option('StepLR'),
      option('MultiStepLR'),
      option('ExponentialLR'),
      option('CosineAnnealingLR'),
      option('PolynomialLR'),
    ],
  },
  {
    label: 'Warm-up',
    options: [
      option('SequentialLR', 'Warm-up, then … (SequentialLR)'),
      option('LinearLR'),
      option('ConstantLR'),
    ],
  },
  {
    label: 'Cyclic',
    options: [option('OneCycleLR'), option('CyclicLR'), option('CosineAnnealingWarmRestarts')],
  },
  { label: 'Custom formula', options: [option('LambdaLR'), option('MultiplicativeLR')] },
  {
    label: 'Other',
    options: [option('ReduceLROnPlateau'), option('SWALR')],
  },
];

/**
 * SequentialLR's main scheduler cannot be ReduceLROnPlateau or None (torch steps it without
 * a metric) nor another SequentialLR (torch 1.13 cannot restart one at a milestone).
 */
const NOT_CHAINABLE: readonly SchedulerType[] = ['None', 'ReduceLROnPlateau', 'SequentialLR'];

export function schedulerGroups(chainableOnly: boolean): readonly ChoiceGroup[] {
  if (!chainableOnly) return GROUPS;
  return GROUPS.map((g) => ({
    ...g,
    options: g.options.filter((o) => !NOT_CHAINABLE.includes(o.value as SchedulerType)),
  })).filter((g) => g.options.length > 0);
}

const round3 = (x: number) => Number(x.toPrecision(3));
const atLeast1 = (x: number) => Math.max(1, Math.round(x));

export const WARMUP_KINDS = ['LinearLR', 'ConstantLR'] as const;
export type WarmupKind = (typeof WARMUP_KINDS)[number];

export function warmupConfig(kind: WarmupKind, length: number): SchedulerConfig {
  return kind === 'LinearLR'
    ? { type: 'LinearLR', startFactor: 0.1, totalIters: length }
    : { type: 'ConstantLR', factor: 0.1, totalIters: length };
}

export function initialConfig(type: SchedulerType, steps: number, baseLr: number): SchedulerConfig {
  const horizon = atLeast1(steps);
  switch (type) {
    case 'None':
    case 'LinearLR':
    case 'ConstantLR':
    case 'ReduceLROnPlateau':
      return { type };
    case 'StepLR':
      return { type, stepSize: atLeast1(horizon / 3) };
    case 'MultiStepLR': {
      const first = atLeast1(horizon / 2);
      return { type, milestones: [first, Math.max(first + 1, Math.round((horizon * 3) / 4))] };
    }
    case 'ExponentialLR':
      // Falls a hundredfold over the horizon.
      return { type, gamma: round3(0.01 ** (1 / horizon)) };
    case 'MultiplicativeLR':
      return { type, lrLambda: '0.99' };
    case 'LambdaLR':
      return { type, lrLambda: `0.5 * (1 + cos(pi * epoch / ${horizon}))` };
    case 'CosineAnnealingLR':
      return { type, tMax: horizon };
    case 'CosineAnnealingWarmRestarts':
      return { type, t0: atLeast1(horizon / 4) };
    case 'PolynomialLR':
      return { type, totalIters: horizon };
    case 'CyclicLR':
      return {
        type,
        baseLr: round3(baseLr / 10),
        maxLr: baseLr,
        stepSizeUp: atLeast1(horizon / 4),
      };
    case 'OneCycleLR':
      return { type, maxLr: baseLr, totalSteps: horizon };
    case 'SWALR':
      return { type, swaLr: round3(baseLr / 2) };
    case 'SequentialLR': {
      const warmup = atLeast1(horizon / 10);
      return {
        type,
        schedulers: [
          warmupConfig('LinearLR', warmup),
          { type: 'CosineAnnealingLR', tMax: atLeast1(horizon - warmup) },
        ],
        milestones: [warmup],
      };
    }
  }
}

export interface WarmupShape {
  kind: WarmupKind;
  length: number;
  factor: number | undefined;
  main: SchedulerConfigInput;
}

/** A SequentialLR of the "warm-up, then main" shape, or undefined for any other chain. */
export function asWarmup(config: SchedulerConfigInput): WarmupShape | undefined {
  if (config.type !== 'SequentialLR') return undefined;
  const [warmup, main] = config.schedulers;
  if (config.schedulers.length !== 2 || config.milestones.length !== 1) return undefined;
  if (warmup.type === 'LinearLR') {
    return { kind: 'LinearLR', length: config.milestones[0], factor: warmup.startFactor, main };
  }
  if (warmup.type === 'ConstantLR') {
    return { kind: 'ConstantLR', length: config.milestones[0], factor: warmup.factor, main };
  }
  return undefined;
}

/** SequentialLR of a `kind` warm-up of `length` steps (at `factor`, else its default), then `shape.main`. */
export function withWarmup(
  shape: WarmupShape,
  kind: WarmupKind,
  length: number,
  factor?: number,
): SchedulerConfigInput {
  const warmup = warmupConfig(kind, length) as unknown as Record<string, unknown>;
  const factorKey = kind === 'LinearLR' ? 'startFactor' : 'factor';
  if (factor === undefined) delete warmup[factorKey];
  else warmup[factorKey] = factor;
  return {
    type: 'SequentialLR',
    schedulers: [warmup as unknown as SchedulerConfigInput, shape.main],
    milestones: [length],
  } as SchedulerConfigInput;
}
