/**
 * Which inputs each optimizer gets, with the range the core's parseOptimizerConfig accepts
 * for each option (checked here first for a message in the field's own words), and the
 * cross-field rule PyTorch enforces (Nesterov needs momentum and zero dampening).
 */
import type { OptimizerConfig, OptimizerType } from '../../src/optim/types.js';
import type { NumberRule } from '../shared/number-rule.js';
import { parseOptimizerConfig } from '../../src/optim/config.js';
import { OPTIMIZER_DEFAULTS } from './defaults.js';
import type { OptionValue } from './defaults.js';

/** `key` is the config field; 'betas.0' / 'betas.1' address one entry of betas. */
export type OptionSpec =
  | { kind: 'lr'; key: 'lr'; label: string; rule: NumberRule }
  | { kind: 'number'; key: string; label: string; rule: NumberRule; field: string }
  | { kind: 'toggle'; key: string; label: string };

const nonNegative: NumberRule = { min: 0 };
const unitOpen: NumberRule = { min: 0, max: 1, maxOpen: true };
const unit: NumberRule = { min: 0, max: 1 };

const lr: OptionSpec = { kind: 'lr', key: 'lr', label: 'Learning rate (lr)', rule: nonNegative };
const num = (key: string, label: string, rule: NumberRule, field = key): OptionSpec => ({
  kind: 'number',
  key,
  label,
  rule,
  field,
});
const toggle = (key: string, label: string): OptionSpec => ({ kind: 'toggle', key, label });

const betas = [
  num('betas.0', 'β₁ (betas[0])', unitOpen, 'betas[0]'),
  num('betas.1', 'β₂ (betas[1])', unitOpen, 'betas[1]'),
];
const positive: NumberRule = { min: 0, minOpen: true };
const eps = num('eps', 'ε (eps)', positive);
const weightDecay = num('weightDecay', 'Weight decay', nonNegative);
const maximize = toggle('maximize', 'maximize');

export const OPTION_SPECS: Readonly<Record<OptimizerType, readonly OptionSpec[]>> = {
  SGD: [
    lr,
    num('momentum', 'Momentum', nonNegative),
    num('dampening', 'Dampening', {}),
    weightDecay,
    toggle('nesterov', 'nesterov'),
    maximize,
  ],
  Adam: [lr, ...betas, eps, weightDecay, toggle('amsgrad', 'amsgrad'), maximize],
  AdamW: [lr, ...betas, eps, weightDecay, toggle('amsgrad', 'amsgrad'), maximize],
  NAdam: [
    lr,
    ...betas,
    eps,
    weightDecay,
    num('momentumDecay', 'Momentum decay', nonNegative),
    maximize,
  ],
  RAdam: [lr, ...betas, eps, weightDecay, maximize],
  Adamax: [lr, ...betas, eps, weightDecay, maximize],
  Adagrad: [
    lr,
    num('lrDecay', 'lr decay', nonNegative),
    weightDecay,
    num('initialAccumulatorValue', 'Initial accumulator', nonNegative),
    eps,
    maximize,
  ],
  Adadelta: [lr, num('rho', 'ρ (rho)', unit), eps, weightDecay, maximize],
  RMSprop: [
    lr,
    num('alpha', 'α (alpha)', unit),
    eps,
    weightDecay,
    num('momentum', 'Momentum', nonNegative),
    toggle('centered', 'centered'),
    maximize,
  ],
  Lookahead: [
    num('k', 'Sync every k steps', { min: 1, integer: true }),
    num('alpha', 'Slow step α (alpha)', unit),
  ],
};

type ConfigRecord = Readonly<Record<string, unknown>>;
const asRecord = (config: OptimizerConfig): ConfigRecord => config as unknown as ConfigRecord;

/** The option's value in `config`, falling back to PyTorch's default. */
export function readOption(config: OptimizerConfig, key: string): OptionValue {
  const record = asRecord(config);
  const defaults = OPTIMIZER_DEFAULTS[config.type];
  if (key.startsWith('betas.')) {
    const index = Number(key.slice(6));
    const pair = (record.betas ?? defaults.betas) as readonly number[];
    return pair[index];
  }
  return (record[key] ?? defaults[key]) as OptionValue;
}

/** A copy of `config` with one option set (betas entries keep their partner). */
export function withOption(
  config: OptimizerConfig,
  key: string,
  value: number | boolean,
): OptimizerConfig {
  if (key.startsWith('betas.')) {
    const index = Number(key.slice(6));
    const pair = [readOption(config, 'betas.0'), readOption(config, 'betas.1')] as [number, number];
    pair[index] = value as number;
    return { ...config, betas: pair } as OptimizerConfig;
  }
  return { ...config, [key]: value } as OptimizerConfig;
}

/**
 * PyTorch's SGD refuses nesterov without momentum > 0 and dampening 0. Returns a message for
 * the option that was just edited when the edit would break that, else undefined.
 */
export function crossCheck(config: OptimizerConfig, editedKey: string): string | undefined {
  if (config.type !== 'SGD' || !readOption(config, 'nesterov')) return undefined;
  const momentum = readOption(config, 'momentum') as number;
  const dampening = readOption(config, 'dampening') as number;
  if (momentum > 0 && dampening === 0) return undefined;
  if (editedKey === 'momentum') return 'momentum must be > 0 while nesterov is on.';
  if (editedKey === 'dampening') return 'dampening must be 0 while nesterov is on.';
  return 'nesterov needs momentum > 0 and dampening = 0; set those first.';
}

/** The core's verdict on a whole config (src/optim/config.ts, TF-free), path first. */
export function coreProblem(config: OptimizerConfig): string | undefined {
  try {
    parseOptimizerConfig(config);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^optimizer\./, '');
  }
}
