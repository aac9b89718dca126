/**
 * What every config parser says about a value it was given: whether it is a plain JSON-like
 * object (the only kind a config may hold where an object belongs), what kind of thing it is
 * when it is not, and how a value is quoted back in a message, at most MAX_QUOTED_CHARS long
 * (a page may hand over anything, a 100,000-character string included). It lives here, in
 * src/schedule, because `optim-lab/schedule` must stand alone; every other parser imports it.
 */
import * as v from 'valibot';

/** The longest stretch of a bad value a message quotes; the rest is elided with its length. */
export const MAX_QUOTED_CHARS = 80;

/**
 * An object a JSON parser could have made: `{...}` or `Object.create(null)`. Arrays, Maps,
 * Dates, class instances and boxed primitives are not, even though `typeof` says 'object':
 * reading their (absent) keys would silently turn them into defaults.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What a value is, in words a message can use: "a string", "an array", "a Map", "null". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isPlainObject(value)) return 'an object';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name !== 'string' || !name || name === 'Object')
      return 'an object that is not plain';
    return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
  }
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

function elide(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return text;
  return `${text.slice(0, MAX_QUOTED_CHARS)}… (${text.length.toLocaleString('en-US')} characters)`;
}

function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // cycles, BigInt
  }
}

/**
 * A value as a message quotes it: strings in double quotes, numbers as written, arrays and
 * plain objects as JSON, anything else by its kind; never more than MAX_QUOTED_CHARS of it.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return elide(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return showArray(value);
  if (isPlainObject(value)) return elide(json(value) ?? kindOf(value));
  return kindOf(value);
}

/** `[30, 10]`, as a person writes a list; a long one stops once it is long enough to elide. */
function showArray(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length && text.length <= MAX_QUOTED_CHARS; i++) {
    text += (i > 0 ? ', ' : '') + showValue(items[i]);
  }
  if (text.length <= MAX_QUOTED_CHARS) return `${text}]`;
  const more = `${items.length.toLocaleString('en-US')} items`;
  return `${text.slice(0, MAX_QUOTED_CHARS)}… (${more})`;
}

/** A field name or key as a path quotes it (keys are values a page chose, too). */
export function showKey(key: string): string {
  return key.length <= MAX_QUOTED_CHARS ? key : `${key.slice(0, MAX_QUOTED_CHARS)}…`;
}

/**
 * `schema` (an object schema) behind a plain-object check: an array, a Map or a Date where an
 * object belongs is refused with `message(shown)` (the value as showValue quotes it) instead of
 * being read as an empty object.
 */
export function plainObject<S extends v.GenericSchema>(
  schema: S,
  message: (shown: string) => string = (shown) => `must be an object, got ${shown}`,
): v.GenericSchema<unknown, v.InferOutput<S>, v.InferIssue<S> | v.CustomIssue> {
  return v.pipe(
    v.custom<unknown>(isPlainObject, (issue) => message(showValue(issue.input))),
    schema,
  );
}
