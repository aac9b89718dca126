/**
 * Reading and changing one option of an optimizer config, TF-free, the same way everywhere
 * (the picker, a grid search, the LR range test's pick, the lab's `lr` attribute):
 * - on a Lookahead, `k` and `alpha` are the wrapper's own options and every other option
 *   (lr, momentum, betas, ...) is its inner optimizer's;
 * - `betas.0` / `betas.1` address one entry of betas, the other keeping its value;
 * - an option a config leaves out reads as PyTorch's default.
 */
import { optimizerDefaults } from './defaults';
import type { Betas, OptimizerConfig } from './types';
import { isPlainObject } from '../schedule/values';

export type OptionValue = number | boolean | Betas;

/** Lookahead's own options; the rest belong to the optimizer it wraps. */
const LOOKAHEAD_OWN = new Set(['k', 'alpha']);

type ConfigRecord = Readonly<Record<string, unknown>>;

function targetsInner(
  config: OptimizerConfig,
  key: string,
): config is Extract<OptimizerConfig, { type: 'Lookahead' }> {
  return config.type === 'Lookahead' && !LOOKAHEAD_OWN.has(key);
}

/** The option's value in `config`, PyTorch's default where the config leaves it out. */
export function readOption(config: OptimizerConfig, key: string): OptionValue {
  if (targetsInner(config, key)) return readOption(config.optimizer, key);
  const record = config as unknown as ConfigRecord;
  const defaults = optimizerDefaults(config.type) as unknown as ConfigRecord;
  if (key.startsWith('betas.')) {
    const pair = (record.betas ?? defaults.betas) as Betas;
    return pair[Number(key.slice('betas.'.length))];
  }
  return (record[key] ?? defaults[key]) as OptionValue;
}

/** A copy of `config` with one option set. */
export function withOption(
  config: OptimizerConfig,
  key: string,
  value: OptionValue,
): OptimizerConfig {
  if (targetsInner(config, key)) {
    return {
      ...config,
      optimizer: withOption(config.optimizer, key, value) as typeof config.optimizer,
    };
  }
  if (key.startsWith('betas.')) {
    const pair: [number, number] = [
      readOption(config, 'betas.0') as number,
      readOption(config, 'betas.1') as number,
    ];
    pair[Number(key.slice('betas.'.length))] = value as number;
    return { ...config, betas: pair } as OptimizerConfig;
  }
  return { ...config, [key]: value } as OptimizerConfig;
}

/** `config` with `lr` where it sets none (a Lookahead's inner optimizer's lr). */
export function withDefaultLr(config: OptimizerConfig, lr: number): OptimizerConfig {
  // Typed as valid, but a config still to be validated may lack its inner optimizer, or nest
  // a Lookahead in a Lookahead: leave it for the parser to name.
  const inner: unknown = config.type === 'Lookahead' ? config.optimizer : config;
  if (!isPlainObject(inner) || inner.type === 'Lookahead' || inner.lr !== undefined) return config;
  return withOption(config, 'lr', lr);
}
