import * as v from 'valibot';
import { OPTIMIZER_TYPES, optimizerDefaults } from './defaults';
import type { ResolvedBaseOptimizerConfig, ResolvedOptimizerConfig } from './resolved';
import type { OptimizerType } from './types';

type BaseType = Exclude<OptimizerType, 'Lookahead'>;
type Schema = v.GenericSchema;

function show(value: unknown): string {
  if (typeof value === 'string' || Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** An optional number field; `rule` completes "must be ..." in the error message. */
function numberField(rule: string, ok: (value: number) => boolean): Schema {
  const message = (issue: v.BaseIssue<unknown>) => `must be ${rule}, got ${show(issue.input)}`;
  return v.optional(v.pipe(v.number(message), v.check(ok, message)));
}

const nonNegative = () => numberField('a finite number >= 0', (x) => Number.isFinite(x) && x >= 0);
const positive = () => numberField('a finite number > 0', (x) => Number.isFinite(x) && x > 0);
const unitInterval = () => numberField('in [0, 1]', (x) => x >= 0 && x <= 1);
const flag = () =>
  v.optional(v.boolean((issue) => `must be true or false, got ${show(issue.input)}`));

const beta = v.pipe(
  v.number((issue) => `must be in [0, 1), got ${show(issue.input)}`),
  v.check(
    (x) => x >= 0 && x < 1,
    (issue) => `must be in [0, 1), got ${show(issue.input)}`,
  ),
);
const pairMessage = (issue: v.BaseIssue<unknown>) =>
  `must be a pair [beta1, beta2] of numbers in [0, 1), got ${show(issue.input)}`;
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
    if (issue.expected !== 'never') return `must be an object, got ${show(issue.input)}`;
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

const SCHEMAS: Record<BaseType, Schema> = {
  SGD: v.pipe(
    optimizerObject('SGD', {
      lr: nonNegative(),
      momentum: nonNegative(),
      dampening: numberField('a finite number', Number.isFinite),
      weightDecay: nonNegative(),
      nesterov: flag(),
      maximize: flag(),
    }),
    v.forward(
      v.check(
        (input: Record<string, unknown>) => nesterovAllowed(input),
        'nesterov momentum requires momentum > 0 and dampening = 0',
      ),
      ['nesterov'],
    ),
  ) as Schema,
  Adam: optimizerObject('Adam', { ...adamLike(), amsgrad: flag() }),
  AdamW: optimizerObject('AdamW', { ...adamLike(), amsgrad: flag() }),
  NAdam: optimizerObject('NAdam', { ...adamLike(), momentumDecay: nonNegative() }),
  RAdam: optimizerObject('RAdam', adamLike()),
  Adamax: optimizerObject('Adamax', adamLike()),
  Adagrad: optimizerObject('Adagrad', {
    lr: nonNegative(),
    lrDecay: nonNegative(),
    weightDecay: nonNegative(),
    initialAccumulatorValue: nonNegative(),
    eps: positive(),
    maximize: flag(),
  }),
  Adadelta: optimizerObject('Adadelta', {
    lr: nonNegative(),
    rho: unitInterval(),
    eps: positive(),
    weightDecay: nonNegative(),
    maximize: flag(),
  }),
  RMSprop: optimizerObject('RMSprop', {
    lr: nonNegative(),
    alpha: unitInterval(),
    eps: positive(),
    weightDecay: nonNegative(),
    momentum: nonNegative(),
    centered: flag(),
    maximize: flag(),
  }),
};

const LOOKAHEAD_SCHEMA = v.strictObject(
  {
    type: v.literal('Lookahead'),
    k: numberField('an integer >= 1', (x) => Number.isInteger(x) && x >= 1),
    alpha: unitInterval(),
    // Checked by parseOptimizerConfig itself, so its errors carry the nested path.
    optimizer: v.unknown(),
  },
  unknownOptionMessage('Lookahead', ['type', 'k', 'alpha', 'optimizer']),
);

function formatPath(root: string, issue: v.BaseIssue<unknown>): string {
  let path = root;
  for (const item of issue.path ?? []) {
    const key: unknown = item.key;
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return path;
}

function validate(schema: Schema, input: unknown, path: string): Record<string, unknown> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    throw new Error(
      result.issues.map((issue) => `${formatPath(path, issue)}: ${issue.message}`).join('\n'),
    );
  }
  return result.output as Record<string, unknown>;
}

/** Drops keys given as undefined so they cannot overwrite a default. */
function definedEntries(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkType(input: unknown, path: string, allowed: readonly OptimizerType[]): OptimizerType {
  if (!isRecord(input)) {
    throw new Error(
      `${path}: must be an optimizer config object with a "type", got ${show(input)}`,
    );
  }
  const type = input.type;
  const expected = `expected one of ${allowed.join(', ')}`;
  if (type === undefined) throw new Error(`${path}.type: required; ${expected}`);
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    const what =
      type === 'Lookahead'
        ? 'Lookahead cannot wrap another Lookahead'
        : `unknown optimizer ${show(type)}`;
    throw new Error(`${path}.type: ${what}; ${expected}`);
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
 * Throws an Error naming the field path (`optimizer.betas[0]: must be in [0, 1), got 1.2`);
 * nothing is coerced or silently dropped. `path` names the config in messages.
 */
export function parseOptimizerConfig(input: unknown, path = 'optimizer'): ResolvedOptimizerConfig {
  const type = checkType(input, path, OPTIMIZER_TYPES);
  if (type !== 'Lookahead') return parseBase(input, path);
  if ((input as Record<string, unknown>).optimizer === undefined) {
    throw new Error(
      `${path}.optimizer: required; expected the inner optimizer's config, e.g. { type: 'Adam' }`,
    );
  }
  const output = validate(LOOKAHEAD_SCHEMA, input, path);
  const defaults = optimizerDefaults('Lookahead');
  return {
    type: 'Lookahead',
    k: (output.k as number | undefined) ?? defaults.k,
    alpha: (output.alpha as number | undefined) ?? defaults.alpha,
    optimizer: parseBase(output.optimizer, `${path}.optimizer`),
  };
}
