/**
 * What every TF-free config parser on the trainer's API shares (the experiment, findLr's
 * options): the error that names a field by its JS path, how valibot issue paths become such
 * paths, and the integer-range rule with its message.
 */
import * as v from 'valibot';

/** Thrown for any invalid config; `path` is e.g. `runs[1].optimizer.lr`. */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ConfigError';
  }
}

/** `runs.1.optimizer` -> `runs[1].optimizer`: reads like the JS expression that reaches it. */
export function formatPath(keys: readonly (string | number)[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number' || /^\d+$/.test(String(key))) out += `[${String(key)}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}

/** `path` (as formatPath writes it) under `prefix`; either may be empty. */
export function joinPath(prefix: string, path: string): string {
  if (!path) return prefix;
  if (!prefix) return path.replace(/^\./, '');
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** The object keys and array indices from the parsed root to the value an issue is about. */
export function issueKeys(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

/** An integer in [min, max]; every failure reads `must be <noun> in [min, max]`. */
export function integerIn(min: number, max: number, noun = 'an integer') {
  const message = `must be ${noun} in [${min}, ${max}]`;
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}
