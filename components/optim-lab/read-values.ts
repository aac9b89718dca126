/**
 * Reading what an author wrote in an attribute, or a reader typed in a setting, into a
 * config value. Ranges are the config schemas' own (src/protocol, read with `ruleOf`): this
 * file only turns text into numbers and words the range for a person. Pure: no DOM, no Lit.
 */
import * as v from 'valibot';
import { MAX_HIDDEN_LAYERS, layerWidthSchema } from '../../src/protocol/experiment';
import { ruleOf, satisfiesRule } from '../../src/protocol/validation';
import type { NumberRule } from '../../src/protocol/validation';
import { describeRule } from '../shared/number-rule';
import { matchName } from './vocabulary';
import { showValue } from '../../src/schedule/values';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** The text as typed, quoted and cut to a readable length. */
export function quote(raw: unknown): string {
  return showValue(String(raw));
}

/** Decimal or scientific notation only: "0x10", "1e-2x" or "" are not numbers to a person. */
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function numberFrom(raw: string | number): number {
  if (typeof raw === 'number') return raw;
  const text = raw.trim();
  return NUMBER_TEXT.test(text) ? Number(text) : Number.NaN;
}

/** A number in `rule`'s range; `allowed` words the range in the message. */
export function readNumber(
  raw: string | number,
  rule: NumberRule,
  allowed = describeRule(rule),
): Parsed<number> {
  const value = numberFrom(raw);
  if (!satisfiesRule(value, rule)) return fail(`expected ${allowed}, got ${quote(raw)}`);
  return { ok: true, value };
}

/** A value the config field's `schema` accepts, its range worded from the schema's rule. */
export function readField(raw: string | number, schema: v.GenericSchema): Parsed<number> {
  const value = numberFrom(raw);
  if (v.is(schema, value) && Number.isFinite(value)) return { ok: true, value };
  const rule = ruleOf(schema);
  return fail(`expected ${rule ? describeRule(rule) : 'a number'}, got ${quote(raw)}`);
}

/** One of `names`, forgiving case and dashes. */
export function readChoice<T extends string>(raw: string, names: readonly T[]): Parsed<T> {
  const match = matchName(raw, names);
  return match
    ? { ok: true, value: match }
    : fail(`expected one of ${names.join(', ')}, got ${quote(raw)}`);
}

/** "16,16", "16 8", "[16, 16]" or "none" -> layer widths. */
export function readLayers(raw: string): Parsed<number[]> {
  const text = raw.trim();
  if (/^(none|\[\s*\])$/i.test(text)) return { ok: true, value: [] };
  const parts = text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const width = ruleOf(layerWidthSchema) ?? {};
  const allowed = `layer widths from ${width.min} to ${width.max} separated by commas, e.g. "16,16" (or "none")`;
  if (parts.length > MAX_HIDDEN_LAYERS) {
    return fail(`expected at most ${MAX_HIDDEN_LAYERS} hidden layers, got ${parts.length}`);
  }
  const widths: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!/^\d+$/.test(part) || !v.is(layerWidthSchema, value)) {
      return fail(`expected ${allowed}, got ${quote(raw)} (${quote(part)} is not allowed)`);
    }
    widths.push(value);
  }
  return { ok: true, value: widths };
}

export function readJson(raw: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`not valid JSON (${reason})`);
  }
}
