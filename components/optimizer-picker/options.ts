/**
 * Which control each optimizer option gets and its label. What an option accepts is the
 * core's (src/optim/config.ts, TF-free): `ruleFor` reads the range its schema checks, and
 * every edit is checked once more by the whole-config parser; reading and writing an option
 * (Lookahead's inner optimizer, one of betas) is src/optim/options.ts.
 */
import { optimizerOptionRule, parseOptimizerConfig } from '../../src/optim/config';
import { readOption } from '../../src/optim/options';
import type { OptimizerConfig, OptimizerType } from '../../src/optim/types';
import { configProblem } from '../../src/protocol/validation';
import type { NumberRule } from '../shared/number-rule';

export { readOption, withOption } from '../../src/optim/options';

/** `key` is the config field; 'betas.0' / 'betas.1' address one entry of betas. */
export type OptionSpec =
  | { kind: 'lr'; key: 'lr'; label: string }
  | { kind: 'number'; key: string; label: string; field: string }
  | { kind: 'toggle'; key: string; label: string };

const lr: OptionSpec = { kind: 'lr', key: 'lr', label: 'Learning rate (lr)' };
const num = (key: string, label: string, field = key): OptionSpec => ({
  kind: 'number',
  key,
  label,
  field,
});
const toggle = (key: string, label: string): OptionSpec => ({ kind: 'toggle', key, label });

const betas = [
  num('betas.0', 'β₁ (betas[0])', 'betas[0]'),
  num('betas.1', 'β₂ (betas[1])', 'betas[1]'),
];
const eps = num('eps', 'ε (eps)');
const weightDecay = num('weightDecay', 'Weight decay');
const maximize = toggle('maximize', 'maximize');

export const OPTION_SPECS: Readonly<Record<OptimizerType, readonly OptionSpec[]>> = {
  SGD: [
    lr,
    num('momentum', 'Momentum'),
    num('dampening', 'Dampening'),
    weightDecay,
    toggle('nesterov', 'nesterov'),
    maximize,
  ],
  Adam: [lr, ...betas, eps, weightDecay, toggle('amsgrad', 'amsgrad'), maximize],
  AdamW: [lr, ...betas, eps, weightDecay, toggle('amsgrad', 'amsgrad'), maximize],
  NAdam: [lr, ...betas, eps, weightDecay, num('momentumDecay', 'Momentum decay'), maximize],
  RAdam: [lr, ...betas, eps, weightDecay, maximize],
  Adamax: [lr, ...betas, eps, weightDecay, maximize],
  Adagrad: [
    lr,
    num('lrDecay', 'lr decay'),
    weightDecay,
    num('initialAccumulatorValue', 'Initial accumulator'),
    eps,
    maximize,
  ],
  Adadelta: [lr, num('rho', 'ρ (rho)'), eps, weightDecay, maximize],
  RMSprop: [
    lr,
    num('alpha', 'α (alpha)'),
    eps,
    weightDecay,
    num('momentum', 'Momentum'),
    toggle('centered', 'centered'),
    maximize,
  ],
  Lookahead: [num('k', 'Sync every k steps'), num('alpha', 'Slow step α (alpha)')],
};

/** The range the core accepts for a numeric option of `type`. */
export function ruleFor(type: OptimizerType, key: string): NumberRule {
  return optimizerOptionRule(type, key) ?? {};
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
  return configProblem(parseOptimizerConfig, config);
}
