import * as v from 'valibot';
import {
  ConfigError,
  checkField,
  formatPath,
  issueKeys,
  joinPath,
  ruleOf,
  ruleSchema,
} from '../protocol/validation';
import type { NumberRule } from '../protocol/validation';
import { isPlainObject, showValue } from '../schedule/values';
import { OPTIMIZER_TYPES, optimizerDefaults } from './defaults';
import type { ResolvedBaseOptimizerConfig, ResolvedOptimizerConfig } from './resolved';
import type { OptimizerType } from './types';

type BaseType = Exclude<OptimizerType, 'Lookahead'>;
type Schema = v.GenericSchema;

/** "a finite number >= 0", "in [0, 1)", "an integer >= 1": how this parser words a range. */
function ruleWords(rule: NumberRule): string {
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    return `in ${rule.minOpen ? '(' : '['}${min}, ${max}${rule.maxOpen ? ')' : ']'}`;
  }
  const noun = rule.integer ? 'an integer' : 'a finite number';
  if (min !== undefined) return `${noun} ${rule.minOpen ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${noun} ${rule.maxOpen ? '<' : '<='} ${max}`;
  return noun;
}

/** A number in `rule`'s range; the rule travels with the schema (see `optimizerOptionRule`). */
function ruled(rule: NumberRule) {
  return ruleSchema(rule, (issue) => `must be ${ruleWords(rule)}, got ${showValue(issue.input)}`);
}

const NON_NEGATIVE: NumberRule = { min: 0 };
const POSITIVE: NumberRule = { min: 0, minOpen: true };
const UNIT: NumberRule = { min: 0, max: 1 };
const BETA: NumberRule = { min: 0, max: 1, maxOpen: true };

const nonNegative = () => v.optional(ruled(NON_NEGATIVE));
const positive = () => v.optional(ruled(POSITIVE));
const unitInterval = () => v.optional(ruled(UNIT));
const flag = () =>
  v.optional(v.boolean((issue) => `must be true or false, got ${showValue(issue.input)}`));

const beta = ruled(BETA);

/**
 * Checks a value set on a live optimizer (`opt.lr = 0.1`, one of `opt.betas`) with the rule
 * its config option has; throws the ConfigError the config parser would, at `path`.
 */
export function assertSettable(kind: 'nonNegative' | 'beta', path: string, value: unknown): void {
  const checked = checkField(kind === 'beta' ? beta : ruled(NON_NEGATIVE), value, path);
  if (checked instanceof ConfigError) throw checked;
}
const pairMessage = (issue: v.BaseIssue<unknown>) =>
  `must be a pair [beta1, beta2] of numbers in [0, 1), got ${showValue(issue.input)}`;
const betas = () =>
  v.optional(
    v.pipe(
      v.array(v.unknown(), pairMessage),
      v.length(2, pairMessage),
      v.strictTuple([beta, beta], pairMessage),
    ),
  );

/** Edit distance, for "did you mean" hints on misspelled options. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The allowed option a torch user most likely meant (weight_decay -> weightDecay), if any. */
function closestOption(key: unknown, allowed: readonly string[]): string | undefined {
  if (typeof key !== 'string') return undefined;
  const normalize = (name: string) => name.toLowerCase().replace(/_/g, '');
  const exact = allowed.find((name) => normalize(name) === normalize(key));
  if (exact !== undefined) return exact;
  const near = allowed.filter((name) => editDistance(name, key) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function unknownOptionMessage(owner: string, allowed: readonly string[]) {
  return (issue: v.BaseIssue<unknown>): string => {
    if (issue.expected !== 'never') return `must be an object, got ${showValue(issue.input)}`;
    const hint = closestOption(issue.path?.[issue.path.length - 1]?.key, allowed);
    const didYouMean = hint === undefined ? '' : `did you mean ${hint}? `;
    return `unknown option for ${owner}; ${didYouMean}allowed options are ${allowed.join(', ')}`;
  };
}

/** Strict: an unknown or misspelled option is an error that lists the allowed ones. */
function optimizerObject(
  type: BaseType,
  entries: v.ObjectEntries,
): v.GenericSchema<Record<string, unknown>> {
  const allowed = ['type', ...Object.keys(entries)];
  return v.strictObject({ type: v.literal(type), ...entries }, unknownOptionMessage(type, allowed));
}

const adamLike = () => ({
  lr: nonNegative(),
  betas: betas(),
  eps: positive(),
  weightDecay: nonNegative(),
  maximize: flag(),
});

/** torch.optim.SGD raises the same ValueError. */
function nesterovAllowed(input: Record<string, unknown>): boolean {
  if (input.nesterov !== true) return true;
  const momentum = (input.momentum as number | undefined) ?? 0;
  const dampening = (input.dampening as number | undefined) ?? 0;
  return momentum > 0 && dampening === 0;
}

/** Each optimizer's options (PyTorch's names) and what each accepts. */
const OPTIONS: Record<BaseType, v.ObjectEntries> = {
  SGD: {
    lr: nonNegative(),
    momentum: nonNegative(),
    dampening: v.optional(ruled({})),
    weightDecay: nonNegative(),
    nesterov: flag(),
    maximize: flag(),
  },
  Adam: { ...adamLike(), amsgrad: flag() },
  AdamW: { ...adamLike(), amsgrad: flag() },
  NAdam: { ...adamLike(), momentumDecay: nonNegative() },
  RAdam: adamLike(),
  Adamax: adamLike(),
  Adagrad: {
    lr: nonNegative(),
    lrDecay: nonNegative(),
    weightDecay: nonNegative(),
    initialAccumulatorValue: nonNegative(),
    eps: positive(),
    maximize: flag(),
  },
  Adadelta: {
    lr: nonNegative(),
    rho: unitInterval(),
    eps: positive(),
    weightDecay: nonNegative(),
    maximize: flag(),
  },
  RMSprop: {
    lr: nonNegative(),
    alpha: unitInterval(),
    eps: positive(),
    weightDecay: nonNegative(),
    momentum: nonNegative(),
    centered: flag(),
    maximize: flag(),
  },
};

const LOOKAHEAD_OPTIONS = {
  k: v.optional(ruled({ min: 1, integer: true })),
  alpha: unitInterval(),
  // Checked by parseOptimizerConfig itself, so its errors carry the nested path.
  optimizer: v.unknown(),
} satisfies v.ObjectEntries;

/**
 * The range a numeric option accepts, as data: `key` is the option (`lr`, `k`) or one entry
 * of betas (`betas.0`). Undefined for options that are not numbers (flags, the inner
 * optimizer). Forms check what a person types against it before building a config.
 */
export function optimizerOptionRule(type: OptimizerType, key: string): NumberRule | undefined {
  if (key.startsWith('betas.'))
    return 'betas' in (OPTIONS[type as BaseType] ?? {}) ? BETA : undefined;
  const entries: v.ObjectEntries =
    type === 'Lookahead' ? LOOKAHEAD_OPTIONS : (OPTIONS[type as BaseType] ?? {});
  const schema = entries[key] as v.GenericSchema | undefined;
  return schema ? ruleOf(schema) : undefined;
}

const SCHEMAS: Record<BaseType, Schema> = {
  SGD: v.pipe(
    optimizerObject('SGD', OPTIONS.SGD),
    v.forward(
      v.check(
        (input: Record<string, unknown>) => nesterovAllowed(input),
        'nesterov momentum requires momentum > 0 and dampening = 0',
      ),
      ['nesterov'],
    ),
  ) as Schema,
  ...(Object.fromEntries(
    (Object.keys(OPTIONS) as BaseType[])
      .filter((type) => type !== 'SGD')
      .map((type) => [type, optimizerObject(type, OPTIONS[type])]),
  ) as Record<Exclude<BaseType, 'SGD'>, Schema>),
};

const LOOKAHEAD_SCHEMA = v.strictObject(
  { type: v.literal('Lookahead'), ...LOOKAHEAD_OPTIONS },
  unknownOptionMessage('Lookahead', ['type', 'k', 'alpha', 'optimizer']),
);

function validate(schema: Schema, input: unknown, path: string): Record<string, unknown> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const [first, ...others] = result.issues.map((issue) => ({
      path: joinPath(path, formatPath(issueKeys(issue))),
      detail: issue.message,
    }));
    throw new ConfigError(first.path, first.detail, others);
  }
  return result.output as Record<string, unknown>;
}

/** Drops keys given as undefined so they cannot overwrite a default. */
function definedEntries(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

function checkType(input: unknown, path: string, allowed: readonly OptimizerType[]): OptimizerType {
  if (!isPlainObject(input)) {
    throw new ConfigError(
      path,
      `must be an optimizer config object with a "type", got ${showValue(input)}`,
    );
  }
  const type = input.type;
  const expected = `expected one of ${allowed.join(', ')}`;
  if (type === undefined) throw new ConfigError(joinPath(path, 'type'), `required; ${expected}`);
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    const what =
      type === 'Lookahead'
        ? 'Lookahead cannot wrap another Lookahead'
        : `unknown optimizer ${showValue(type)}`;
    throw new ConfigError(joinPath(path, 'type'), `${what}; ${expected}`);
  }
  return type as OptimizerType;
}

const BASE_TYPES = OPTIMIZER_TYPES.filter((type) => type !== 'Lookahead');

function parseBase(input: unknown, path: string): ResolvedBaseOptimizerConfig {
  const type = checkType(input, path, BASE_TYPES) as BaseType;
  const output = validate(SCHEMAS[type], input, path);
  return { ...optimizerDefaults(type), ...definedEntries(output) } as ResolvedBaseOptimizerConfig;
}

/**
 * Validates an optimizer config at the API boundary and fills in PyTorch's defaults.
 * Throws a ConfigError naming the field path (`optimizer.betas[0]: must be in [0, 1), got 1.2`);
 * nothing is coerced or silently dropped. `path` names the config in messages.
 */
export function parseOptimizerConfig(input: unknown, path = 'optimizer'): ResolvedOptimizerConfig {
  const type = checkType(input, path, OPTIMIZER_TYPES);
  if (type !== 'Lookahead') return parseBase(input, path);
  if ((input as Record<string, unknown>).optimizer === undefined) {
    throw new ConfigError(
      joinPath(path, 'optimizer'),
      "required; expected the inner optimizer's config, e.g. { type: 'Adam' }",
    );
  }
  const output = validate(LOOKAHEAD_SCHEMA, input, path);
  const defaults = optimizerDefaults('Lookahead');
  return {
    type: 'Lookahead',
    k: (output.k as number | undefined) ?? defaults.k,
    alpha: (output.alpha as number | undefined) ?? defaults.alpha,
    optimizer: parseBase(output.optimizer, joinPath(path, 'optimizer')),
  };
}
