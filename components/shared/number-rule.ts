/**
 * Range rules for numeric form fields, and the messages that name the field and what is
 * allowed. Kept apart from the form widgets so both editors (and their tests) share the
 * exact wording.
 */

export interface NumberRule {
  min?: number;
  max?: number;
  /** The bound itself is not allowed: (min, ...) rather than [min, ...]. */
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
}

export type NumberCheck = { ok: true; value: number } | { ok: false; message: string };

/** "a number ≥ 0", "an integer ≥ 1", "a number in [0, 1)". */
export function describeRule(rule: NumberRule): string {
  const noun = rule.integer ? 'an integer' : 'a number';
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    return `${noun} in ${rule.minOpen ? '(' : '['}${min}, ${max}${rule.maxOpen ? ')' : ']'}`;
  }
  if (min !== undefined) return `${noun} ${rule.minOpen ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${noun} ${rule.maxOpen ? '<' : '≤'} ${max}`;
  return noun;
}

export function satisfiesRule(value: number, rule: NumberRule): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && (rule.minOpen ? value <= rule.min : value < rule.min)) {
    return false;
  }
  if (rule.max !== undefined && (rule.maxOpen ? value >= rule.max : value > rule.max)) {
    return false;
  }
  return true;
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
  return String(Number(value.toPrecision(12)));
}
