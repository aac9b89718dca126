/**
 * Validation of findLr's options (TF-free): fills the defaults and names the offending field
 * in every error, e.g. `findLr.endLr: must be > startLr (1e-7), got 1e-8`.
 */
import * as v from 'valibot';
import { parseOptimizerConfig } from '../optim/config';
import type { OptimizerConfig } from '../optim/types';
import { ConfigError, formatPath, integerIn, issueKeys } from '../protocol/validation';
import type { LrRampMode } from './lr-finder-math';
import { isPlainObject } from '../schedule/values';

export const LR_FINDER_MAX_STEPS = 10_000;

export interface ResolvedLrFinderOptions {
  /** Undefined: use the first run's optimizer. */
  optimizer?: OptimizerConfig;
  startLr: number;
  endLr: number;
  steps: number;
  mode: LrRampMode;
  smoothing: number;
  divergeFactor: number;
  seed?: number;
}

const positiveLr = (fallback: number) =>
  v.optional(
    v.pipe(
      v.number('must be a finite number > 0'),
      v.finite('must be a finite number > 0'),
      v.gtValue(0, 'must be a finite number > 0'),
    ),
    fallback,
  );

const optionsSchema = v.strictObject({
  optimizer: v.optional(v.unknown()),
  startLr: positiveLr(1e-7),
  endLr: positiveLr(10),
  steps: v.optional(integerIn(2, LR_FINDER_MAX_STEPS), 100),
  mode: v.optional(v.picklist(['exp', 'linear'], "must be 'exp' or 'linear'"), 'exp'),
  smoothing: v.optional(
    v.pipe(
      v.number('must be a number in [0, 1)'),
      v.minValue(0, 'must be a number in [0, 1)'),
      v.ltValue(1, 'must be a number in [0, 1)'),
    ),
    0.98,
  ),
  // Infinity is allowed: it turns the early stop off (a non-finite loss still stops).
  divergeFactor: v.optional(
    v.pipe(v.number('must be a number > 1'), v.gtValue(1, 'must be a number > 1')),
    4,
  ),
  seed: v.optional(integerIn(0, 0xffffffff, 'an integer seed')),
});

const PREFIX = 'findLr';

export function parseLrFinderOptions(input: unknown): ResolvedLrFinderOptions {
  if (input !== undefined && !isPlainObject(input))
    throw new ConfigError(PREFIX, 'options must be an object like { endLr: 1, steps: 100 }');
  const result = v.safeParse(optionsSchema, input ?? {});
  if (!result.success) {
    const issue = result.issues[0];
    const path = formatPath([PREFIX, ...issueKeys(issue)]);
    const unknown = issue.kind === 'schema' && issue.type === 'strict_object';
    const allowed = Object.keys(optionsSchema.entries).join(', ');
    throw new ConfigError(path, unknown ? `unknown option; allowed: ${allowed}` : issue.message);
  }
  const { optimizer, seed, ...rest } = result.output;
  if (rest.endLr <= rest.startLr) {
    throw new ConfigError(
      `${PREFIX}.endLr`,
      `must be > startLr (${rest.startLr}), got ${rest.endLr}`,
    );
  }
  const resolved: ResolvedLrFinderOptions = { ...rest };
  if (optimizer !== undefined)
    resolved.optimizer = parseOptimizerConfig(optimizer, `${PREFIX}.optimizer`);
  if (seed !== undefined) resolved.seed = seed;
  return resolved;
}
