/**
 * How the page words a numeric range (the range itself is the config schema's `NumberRule`,
 * read with `ruleOf`), and the messages that name the field and what is allowed. Kept apart
 * from the form widgets so every form (and its tests) shares the exact wording.
 */
import { satisfiesRule } from '../../src/protocol/validation';
import type { NumberRule } from '../../src/protocol/validation';

export { satisfiesRule };
export type { NumberRule };

export type NumberCheck = { ok: true; value: number } | { ok: false; message: string };

/** "a number ≥ 0", "an integer ≥ 1", "a number in [0, 1)", "an integer from 1 to 512". */
export function describeRule(rule: NumberRule): string {
  const noun = rule.integer ? 'an integer' : 'a number';
  const { min, max } = rule;
  if (rule.integer && min !== undefined && max !== undefined && !rule.minOpen && !rule.maxOpen) {
    return `an integer from ${min} to ${max}`;
  }
  if (min !== undefined && max !== undefined) {
    return `${noun} in ${rule.minOpen ? '(' : '['}${min}, ${max}${rule.maxOpen ? ')' : ']'}`;
  }
  if (min !== undefined) return `${noun} ${rule.minOpen ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${noun} ${rule.maxOpen ? '<' : '≤'} ${max}`;
  return noun;
}

/** Parses what a person typed; `field` is the PyTorch option name shown in the message. */
export function checkNumber(field: string, raw: string, rule: NumberRule): NumberCheck {
  const text = raw.trim();
  const value = text === '' ? Number.NaN : Number(text);
  if (satisfiesRule(value, rule)) return { ok: true, value };
  const shown = text === '' ? 'nothing' : `"${text}"`;
  return { ok: false, message: `${field} must be ${describeRule(rule)}; got ${shown}.` };
}

/** Short, exact display of a number: 0.001 stays 0.001, 1e-8 stays 1e-8, 0.1+0.2 shows 0.3. */
export function formatNumber(value: number): string {
  // A config from a page may hold anything where a number belongs: show it, do not throw.
  if (typeof value !== 'number') return String(value);
  return String(Number(value.toPrecision(12)));
}

/** A number someone typed, or what is wrong with it (`key: must be a number, got "x"`). */
export function parseTyped(key: string, raw: string): number | string {
  const text = raw.trim();
  const value = text === '' ? Number.NaN : Number(text);
  if (Number.isFinite(value)) return value;
  return `${key}: must be a number, got ${text === '' ? 'nothing' : `"${text}"`}`;
}
