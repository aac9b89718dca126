/**
 * The words <optim-lab> accepts in its attributes and shows in its selects, with a short
 * description each. These are TF-free copies of the lists in src/protocol and src/optim:
 * the protocol module imports the optimizer parsers (and with them TF.js), and the page
 * must never load TF.js. `Record<Type, ...>` makes the compiler fail here the day a type
 * is added there and not here.
 */
import type { BackendPreference } from '../../src/backend/types.js';
import type { OptimizerType } from '../../src/optim/types.js';
import type { Activation, DatasetType } from '../../src/protocol/experiment.js';
import type { SchedulerType } from '../../src/schedule/types.js';

export const DATASET_LABELS: Record<DatasetType, string> = {
  circle: 'Circle (a disc inside a ring)',
  xor: 'XOR (four quadrants)',
  gaussian: 'Two Gaussian blobs',
  spiral: 'Two spirals',
  moons: 'Two moons',
  checkerboard: 'Checkerboard',
  sine: 'Sine (regression, 1-D)',
  plane: 'Plane (regression, 2-D)',
};
export const DATASETS = Object.keys(DATASET_LABELS) as DatasetType[];

export const ACTIVATION_LABELS: Record<Activation, string> = {
  relu: 'ReLU',
  leakyRelu: 'Leaky ReLU',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  gelu: 'GELU',
  linear: 'linear (none)',
};
export const ACTIVATIONS = Object.keys(ACTIVATION_LABELS) as Activation[];

const OPTIMIZER_TYPE_SET: Record<OptimizerType, true> = {
  SGD: true,
  Adam: true,
  AdamW: true,
  NAdam: true,
  RAdam: true,
  Adamax: true,
  Adagrad: true,
  Adadelta: true,
  RMSprop: true,
  Lookahead: true,
};
export const OPTIMIZER_TYPES = Object.keys(OPTIMIZER_TYPE_SET) as OptimizerType[];

const SCHEDULER_TYPE_SET: Record<SchedulerType, true> = {
  None: true,
  StepLR: true,
  MultiStepLR: true,
  ExponentialLR: true,
  MultiplicativeLR: true,
  LambdaLR: true,
  LinearLR: true,
  ConstantLR: true,
  CosineAnnealingLR: true,
  CosineAnnealingWarmRestarts: true,
  PolynomialLR: true,
  CyclicLR: true,
  OneCycleLR: true,
  SequentialLR: true,
  ReduceLROnPlateau: true,
  SWALR: true,
};
export const SCHEDULER_TYPES = Object.keys(SCHEDULER_TYPE_SET) as SchedulerType[];

export const BACKEND_LABELS: Record<BackendPreference, string> = {
  auto: 'auto (fastest that works)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
};
export const BACKENDS = Object.keys(BACKEND_LABELS) as BackendPreference[];

/** The regions a focused embed can hide with `hide="..."`. */
export const LAB_SECTIONS = [
  'dataset',
  'model',
  'training',
  'runs',
  'controls',
  'backend',
  'lr-curve',
  'loss-plot',
  'boundary',
  'summary',
  'lr-finder',
  'ranking',
] as const;
export type LabSection = (typeof LAB_SECTIONS)[number];

/** Mirrors src/protocol defaults; used only to preview the horizon before the worker exists. */
export const PROTOCOL_DEFAULTS = {
  samples: 400,
  validationFraction: 0.2,
  batchSize: 32,
  epochs: 50,
} as const;

/**
 * "adamw" -> "AdamW", "leaky-relu" -> "leakyRelu": authors type names loosely; compare
 * without case, dashes, underscores or spaces.
 */
export function matchName<T extends string>(raw: string, names: readonly T[]): T | undefined {
  const key = raw.replace(/[-_\s]/g, '').toLowerCase();
  return names.find((name) => name.toLowerCase() === key);
}
