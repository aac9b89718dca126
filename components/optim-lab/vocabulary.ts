/**
 * How <optim-lab> shows the words its attributes accept: a label for each dataset and
 * activation, and the sections `hide` can name. The lists themselves come from the TF-free
 * config modules; `Record<Type, ...>` makes the compiler fail here the day a type is added
 * there and not labelled here.
 */
import type { Activation, DatasetConfig } from '../../src/protocol/experiment';

export const DATASET_LABELS: Record<DatasetConfig['type'], string> = {
  circle: 'Circle (a disc inside a ring)',
  xor: 'XOR (four quadrants)',
  gaussian: 'Two Gaussian blobs',
  spiral: 'Two spirals',
  moons: 'Two moons',
  checkerboard: 'Checkerboard',
  sine: 'Sine (regression, 1-D)',
  plane: 'Plane (regression, 2-D)',
  custom: 'Your own points',
};

export const ACTIVATION_LABELS: Record<Activation, string> = {
  relu: 'ReLU',
  leakyRelu: 'Leaky ReLU',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  gelu: 'GELU',
  linear: 'linear (none)',
};

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
  'edit-data',
  'share',
  'pytorch',
] as const;
export type LabSection = (typeof LAB_SECTIONS)[number];

/**
 * "adamw" -> "AdamW", "leaky-relu" -> "leakyRelu": authors type names loosely; compare
 * without case, dashes, underscores or spaces.
 */
export function matchName<T extends string>(raw: string, names: readonly T[]): T | undefined {
  const key = raw.replace(/[-_\s]/g, '').toLowerCase();
  return names.find((name) => name.toLowerCase() === key);
}
