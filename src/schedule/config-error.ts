/**
 * The one error every config parser throws (experiment, optimizer, scheduler, findLr, init)
 * and how a valibot issue path becomes a JS path. It lives here, in src/schedule, because
 * `optim-lab/schedule` must stand alone (test/schedule/no-tfjs.test.ts); everything else
 * imports it through src/protocol/validation.ts.
 */
import type * as v from 'valibot';
import { showKey } from './values';

/**
 * Thrown for any invalid config or argument; `path` is the JS path of the field as the
 * caller wrote it (`runs[1].optimizer.lr`), `detail` what is wrong and what is allowed.
 * It crosses the worker boundary as itself (workers/error-transfer.ts), fields included.
 */
export class ConfigError extends Error {
  /** Further problems found in the same input, each with its own path (one line each). */
  readonly others: readonly ConfigProblem[];

  constructor(
    readonly path: string,
    readonly detail: string,
    others: readonly ConfigProblem[] = [],
  ) {
    super([{ path, detail }, ...others].map(problemLine).join('\n'));
    this.name = 'ConfigError';
    this.others = others;
  }
}

/** One refused field: where, and what is wrong and allowed. */
export interface ConfigProblem {
  path: string;
  detail: string;
}

function problemLine({ path, detail }: ConfigProblem): string {
  return path ? `${path}: ${detail}` : detail;
}

/** `runs.1.optimizer` -> `runs[1].optimizer`: reads like the JS expression that reaches it. */
export function formatPath(keys: readonly (string | number)[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number' || /^\d+$/.test(String(key))) out += `[${String(key)}]`;
    else out += out ? `.${showKey(key)}` : showKey(key);
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
