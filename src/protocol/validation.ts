/**
 * What every TF-free config parser shares (experiment, optimizer, scheduler, findLr, init):
 * the one error type for a refused field, how valibot issue paths become JS paths, and
 * numeric fields whose range is data (`NumberRule`), so a form or an attribute can check a
 * value against the same range the trainer enforces and word it for its own reader.
 */
import * as v from 'valibot';
import { ConfigError, formatPath, issueKeys, joinPath } from '../schedule/config-error';

export { ConfigError, formatPath, issueKeys, joinPath } from '../schedule/config-error';
export type { ConfigProblem } from '../schedule/config-error';

/** A numeric range: `min`/`max` bounds, open or closed, and whether only integers pass. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** The bound itself is not allowed: (min, ...) rather than [min, ...]. */
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
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

type Message = string | ((issue: v.BaseIssue<unknown>) => string);

/**
 * A number schema for `rule`, failing with `message`, that carries the rule as valibot
 * metadata: `ruleOf(schema)` gives it back to whoever checks the same field elsewhere.
 */
export function ruleSchema(rule: NumberRule, message: Message) {
  return v.pipe(
    v.number(message),
    v.check((value) => satisfiesRule(value, rule), message),
    v.metadata({ rule }),
  );
}

/** An integer in [min, max]; every failure reads `must be <noun> in [min, max]`. */
export function integerIn(min: number, max: number, noun = 'an integer') {
  return ruleSchema({ min, max, integer: true }, `must be ${noun} in [${min}, ${max}]`);
}

/** The range a schema made by `ruleSchema` checks (through `v.optional` too), if any. */
export function ruleOf(schema: v.GenericSchema): NumberRule | undefined {
  const inner = 'wrapped' in schema ? (schema.wrapped as v.GenericSchema) : schema;
  const metadata = v.getMetadata(inner) as { rule?: NumberRule } | undefined;
  return metadata?.rule;
}

/**
 * What a parser says about `input`: the message of the ConfigError it throws (every path
 * relative to the input, so `betas[0]: must be ...`), or undefined when it accepts it.
 * Anything but a ConfigError is a bug and is thrown on.
 */
export function configProblem(
  parse: (input: unknown, path: string) => unknown,
  input: unknown,
): string | undefined {
  try {
    parse(input, '');
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

/**
 * Checks one field's value with its schema: the parsed value, or the ConfigError the trainer
 * would throw for it at `path`.
 */
export function checkField<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  path: string,
): v.InferOutput<S> | ConfigError {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  return new ConfigError(joinPath(path, formatPath(issueKeys(issue))), issue.message);
}
