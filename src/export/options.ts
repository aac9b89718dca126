/**
 * Config options as torch keyword arguments. Our option names are torch's argument names in
 * camelCase, so the way back is snake_case, except the three torch spells with capitals.
 */
import { pyValue } from './python';
import type { PyValue } from './python';

const TORCH_SPELLING: Readonly<Record<string, string>> = {
  tMax: 'T_max',
  t0: 'T_0',
  tMult: 'T_mult',
};

export function torchArgumentName(option: string): string {
  return TORCH_SPELLING[option] ?? option.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `name=value` for each option of a parsed config (in the config's order, torch's signature
 * order), leaving out `type`, what `skip` names, and options equal to torch's default (as a
 * person leaves them out) unless `always` names them.
 */
export function keywordArguments(
  config: object,
  defaults: object,
  { always = [], skip = [] }: { always?: readonly string[]; skip?: readonly string[] } = {},
): string[] {
  return Object.entries(config)
    .filter(([option]) => option !== 'type' && !skip.includes(option))
    .filter(
      ([option, value]) =>
        always.includes(option) || !sameValue(value, (defaults as Record<string, unknown>)[option]),
    )
    .map(([option, value]) => {
      const name = torchArgumentName(option);
      return `${name}=${pyValue(value as PyValue, name === 'betas')}`;
    });
}
