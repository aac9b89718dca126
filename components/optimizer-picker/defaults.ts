/**
 * PyTorch's defaults per optimizer, read from the core's TF-free table
 * (src/optim/defaults.ts imports types only), so the form and the engine cannot drift.
 */
import { OPTIMIZER_TYPES, optimizerDefaults } from '../../src/optim/defaults.js';
import type { Betas, OptimizerConfig, OptimizerType } from '../../src/optim/types.js';

export type OptionValue = number | boolean | Betas | OptimizerConfig;

export const OPTIMIZER_DEFAULTS: Readonly<
  Record<OptimizerType, Readonly<Record<string, OptionValue>>>
> = Object.fromEntries(
  OPTIMIZER_TYPES.map((type) => [
    type,
    optimizerDefaults(type) as unknown as Record<string, OptionValue>,
  ]),
) as Record<OptimizerType, Record<string, OptionValue>>;
