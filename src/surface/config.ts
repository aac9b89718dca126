/**
 * Validation of a surface config at the boundary (valibot): strict objects, defaults from the
 * function's data, and errors as ConfigError naming the field as the config writes it
 * (`start[1]: must be a finite number`, `runs[2].optimizer.lr: ...`, `expression: unknown
 * name "z" at column 5; allowed: x, y, ...`). TF-free, so a page can validate too.
 */
import * as v from 'valibot';
import { parseRunConfig } from '../protocol/experiment';
import { ConfigError, formatPath, integerIn, issueKeys } from '../protocol/validation';
import { ExpressionError } from '../schedule/expr';
import { DEFAULT_CONDITION, SURFACES } from './functions';
import { DEFAULT_SURFACE_STEPS, MAX_SURFACE_RUNS, MAX_SURFACE_STEPS } from './limits';
import { parseShorthand } from './shorthand';
import { createSurface } from './surface';
import { SURFACE_NAMES } from './types';
import type { Point, SurfaceConfig, SurfaceRunConfig, ViewBox } from './types';
import { isPlainObject } from '../schedule/values';

/** The largest |coordinate| a start or view box may have (float32 keeps 7 digits there). */
const MAX_COORDINATE = 1e6;
/** The quadratic's c: from a gentle bowl to a ravine 10^4 times steeper across than along. */
const CONDITION_RANGE = [1e-4, 1e4] as const;

const coordinate = v.pipe(
  v.number(`must be a finite number in [-${MAX_COORDINATE}, ${MAX_COORDINATE}]`),
  v.finite(`must be a finite number in [-${MAX_COORDINATE}, ${MAX_COORDINATE}]`),
  v.minValue(-MAX_COORDINATE, `must be a finite number in [-${MAX_COORDINATE}, ${MAX_COORDINATE}]`),
  v.maxValue(MAX_COORDINATE, `must be a finite number in [-${MAX_COORDINATE}, ${MAX_COORDINATE}]`),
);
const pair = (what: string) =>
  v.pipe(
    v.array(v.unknown(), `must be ${what}`),
    v.length(2, `must be ${what}`),
    v.strictTuple([coordinate, coordinate], `must be ${what}`),
  );
const range = v.pipe(
  pair('[min, max], two finite numbers'),
  v.check(([lo, hi]) => lo < hi, 'must be [min, max] with min < max'),
);
const conditionMessage = `must be a number in [${CONDITION_RANGE.join(', ')}]`;

/**
 * A strict object whose issues read well: an unknown key lists the allowed ones (a typo is
 * then obvious), a missing one says it is required (with `hints[key]` when given).
 */
function strict<const E extends v.ObjectEntries>(
  entries: E,
  what: string,
  hints: Partial<Record<keyof E, string>> = {},
) {
  const allowed = Object.keys(entries).join(', ');
  return v.strictObject(entries, (issue) => {
    if (issue.expected === 'never') return `unknown field; allowed: ${allowed}`;
    if (issue.received === 'undefined' && issue.path?.length) {
      const key = String(issue.path[issue.path.length - 1].key) as keyof E;
      return hints[key] ?? 'is required';
    }
    return `must be ${what}, got ${issue.received}`;
  });
}

const schema = strict(
  {
    function: v.optional(
      v.picklist(SURFACE_NAMES, `must be one of ${SURFACE_NAMES.join(', ')}`),
      'rosenbrock',
    ),
    expression: v.optional(
      v.string('must be a string: f(x, y) in the expression language, e.g. "x ** 2 + 3 * y ** 2"'),
    ),
    condition: v.optional(
      v.pipe(
        v.number(conditionMessage),
        v.minValue(CONDITION_RANGE[0], conditionMessage),
        v.maxValue(CONDITION_RANGE[1], conditionMessage),
      ),
    ),
    start: v.optional(pair('a point [x, y] of two finite numbers')),
    view: v.optional(strict({ x: range, y: range }, 'an object { x: [min, max], y: [min, max] }')),
    steps: v.optional(integerIn(1, MAX_SURFACE_STEPS), DEFAULT_SURFACE_STEPS),
    runs: v.optional(
      v.pipe(
        v.array(v.unknown(), 'must be an array of runs like [{ "optimizer": { "type": "Adam" } }]'),
        v.maxLength(MAX_SURFACE_RUNS, `must contain at most ${MAX_SURFACE_RUNS} runs`),
      ),
    ),
    optimizers: v.optional(v.string('must be a string of optimizer names, e.g. "SGD Adam"')),
  },
  'an object like { function: "rosenbrock", optimizers: "SGD Adam" }',
);

const runSchema = strict(
  {
    optimizer: v.unknown(),
    scheduler: v.optional(v.unknown()),
    label: v.optional(
      v.pipe(v.string('must be a string'), v.maxLength(200, 'must be at most 200 characters')),
    ),
  },
  'an object like { "optimizer": { "type": "Adam" } }',
  { optimizer: 'is required, e.g. { "type": "Adam" }' },
);

/**
 * Parses with `schema`, throwing the most useful issue as a ConfigError under `prefix`: an
 * unknown key first (a misspelt field also looks like a missing one), else the first issue.
 */
function parseWithSchema<T extends v.GenericSchema>(
  objectSchema: T,
  input: unknown,
  prefix: string,
): v.InferOutput<T> {
  const result = v.safeParse(objectSchema, input);
  if (result.success) return result.output;
  const issue =
    result.issues.find((candidate) => candidate.expected === 'never') ?? result.issues[0];
  const keys = issueKeys(issue);
  throw new ConfigError(formatPath(prefix ? [prefix, ...keys] : keys), issue.message);
}

function parseRuns(raw: v.InferOutput<typeof schema>): SurfaceRunConfig[] {
  const explicit = (raw.runs ?? []).map((input, index) => {
    const prefix = `runs[${index}]`;
    const run = parseWithSchema(runSchema, input, prefix);
    const { label, optimizer, scheduler } = parseRunConfig(run, index, prefix);
    return { label, optimizer, scheduler, labelled: run.label !== undefined };
  });
  const shorthand =
    raw.optimizers === undefined
      ? []
      : parseShorthand(raw.optimizers, raw.function).map((input, index) => {
          const { label, optimizer, scheduler } = parseRunConfig(input, index, 'optimizers');
          return { label, optimizer, scheduler, labelled: true };
        });
  const runs = [...explicit, ...shorthand];
  if (runs.length === 0) {
    throw new ConfigError(
      'runs',
      'give at least one run, e.g. runs: [{ "optimizer": { "type": "Adam" } }] or optimizers: "SGD Adam"',
    );
  }
  if (runs.length > MAX_SURFACE_RUNS) {
    throw new ConfigError(
      'optimizers',
      `runs and optimizers together make more than ${MAX_SURFACE_RUNS} runs`,
    );
  }
  // Default labels (the optimizer type) repeat when two runs share a type: number them.
  const seen = new Map<string, number>();
  return runs.map(({ label, optimizer, scheduler, labelled }) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return { label: labelled || count === 1 ? label : `${label} #${count}`, optimizer, scheduler };
  });
}

function checkFunctionFields(raw: v.InferOutput<typeof schema>): void {
  if (raw.function === 'expression' && raw.expression === undefined) {
    throw new ConfigError(
      'expression',
      'is required with function \'expression\', e.g. "x ** 2 + 3 * y ** 2"',
    );
  }
  if (raw.function !== 'expression' && raw.expression !== undefined) {
    throw new ConfigError(
      'expression',
      `is only used with function 'expression' (function is '${raw.function}')`,
    );
  }
  if (raw.function !== 'quadratic' && raw.condition !== undefined) {
    throw new ConfigError(
      'condition',
      `is only used with function 'quadratic' (function is '${raw.function}')`,
    );
  }
  try {
    createSurface(raw);
  } catch (error) {
    if (error instanceof ExpressionError) throw new ConfigError('expression', error.detail);
    throw error;
  }
}

/**
 * Validates a surface config and fills every default (the function's view box and start,
 * DEFAULT_SURFACE_STEPS). Throws ConfigError naming the field.
 */
export function parseSurfaceConfig(input: unknown): SurfaceConfig {
  if (!isPlainObject(input)) {
    throw new ConfigError(
      '',
      'surface config must be an object like { function: "rosenbrock", optimizers: "SGD Adam" }',
    );
  }
  const raw = parseWithSchema(schema, input, '');
  checkFunctionFields(raw);
  const spec = SURFACES[raw.function];
  const view: ViewBox = raw.view
    ? { x: [raw.view.x[0], raw.view.x[1]], y: [raw.view.y[0], raw.view.y[1]] }
    : structuredClone(spec.view);
  const start: Point = raw.start ? [raw.start[0], raw.start[1]] : [...spec.start];
  const config: SurfaceConfig = {
    function: raw.function,
    start,
    view,
    steps: raw.steps,
    runs: parseRuns(raw),
  };
  if (raw.function === 'expression') config.expression = raw.expression;
  if (raw.function === 'quadratic') config.condition = raw.condition ?? DEFAULT_CONDITION;
  return config;
}
