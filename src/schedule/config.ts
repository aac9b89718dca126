import * as v from 'valibot';
import { ConfigError, formatPath, issueKeys, joinPath } from './config-error';
import { ExpressionError, compileExpression } from './expr';
import { isPlainObject, showValue } from './values';
import type { SchedulerConfig, SchedulerType } from './types';

/**
 * Validation of scheduler configs at the API boundary. Objects are strict (a misspelled
 * option is an error, never ignored), PyTorch's defaults are filled in, and every error
 * names the field path and what is allowed: `scheduler.totalSteps: must be an integer >= 1`.
 */

/** @deprecated Scheduler configs throw the one ConfigError every config parser throws. */
export { ConfigError as SchedulerConfigError };

const got =
  (what: string) =>
  (issue: { input: unknown }): string =>
    `${what}, got ${showValue(issue.input)}`;

function integer(min: number) {
  const message = got(`must be an integer >= ${min}`);
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message));
}

function numberAtLeast(min: number) {
  const message = got(`must be a finite number >= ${min}`);
  return v.pipe(v.number(message), v.finite(message), v.minValue(min, message));
}

function positive() {
  const message = got('must be a finite number > 0');
  return v.pipe(v.number(message), v.finite(message), v.gtValue(0, message));
}

/** [lo, hi] with either end optionally open, e.g. "(0, 1]". */
function between(lo: number, hi: number, openLo = false, openHi = false) {
  const message = got(`must be in ${openLo ? '(' : '['}${lo}, ${hi}${openHi ? ')' : ']'}`);
  return v.pipe(
    v.number(message),
    v.finite(message),
    openLo ? v.gtValue(lo, message) : v.minValue(lo, message),
    openHi ? v.ltValue(hi, message) : v.maxValue(hi, message),
  );
}

function oneOf<const T extends readonly string[]>(options: T) {
  return v.picklist(options, got(`must be one of ${options.map((o) => `'${o}'`).join(', ')}`));
}

const bool = () => v.boolean(got('must be true or false'));

/**
 * An lrLambda that parses and can be evaluated at the first epoch its scheduler calls it with
 * (LambdaLR: 0, when it is built; MultiplicativeLR: 1, at its first step), giving a factor
 * >= 0: one that cannot ("1/0", "log(0)") is refused here, naming the field, rather than
 * failing the run once it trains. Later epochs are the run's business (it fails, saying so).
 */
function lrLambda(firstEpoch: number) {
  return v.pipe(
    v.string(got('must be a string expression in epoch, e.g. "0.95 ** epoch"')),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem = lrLambdaProblem(dataset.value, firstEpoch);
      if (problem !== undefined) addIssue({ message: problem });
    }),
  );
}

function lrLambdaProblem(source: string, epoch: number): string | undefined {
  let factor: number;
  try {
    factor = compileExpression(source)(epoch);
  } catch (error) {
    // A syntax or evaluation error; its detail leaves the field to the path.
    if (error instanceof ExpressionError) return error.detail;
    throw error;
  }
  if (factor < 0)
    return `must give a factor >= 0 (the lr is scaled by it), got ${factor} at epoch ${epoch}`;
  return undefined;
}

function strictlyIncreasing(name: string) {
  return v.pipe(
    v.array(integer(0), got(`${name} must be an array of integers`)),
    v.check(
      (list) => list.every((m, i) => i === 0 || m > list[i - 1]),
      (issue) => `must be strictly increasing, got ${showValue(issue.input)}`,
    ),
  );
}

const momentum = () => between(0, 1);

/** The schema of each type's options, with PyTorch's defaults (each field checkable alone). */
export const SCHEDULER_OPTION_SCHEMAS = {
  None: {},
  StepLR: { stepSize: integer(1), gamma: v.optional(positive(), 0.1) },
  MultiStepLR: { milestones: strictlyIncreasing('milestones'), gamma: v.optional(positive(), 0.1) },
  ExponentialLR: { gamma: positive() },
  MultiplicativeLR: { lrLambda: lrLambda(1) },
  LambdaLR: { lrLambda: lrLambda(0) },
  LinearLR: {
    // torch allows 0, then divides by it on the next step; (0, 1] avoids that.
    startFactor: v.optional(between(0, 1, true), 1 / 3),
    endFactor: v.optional(between(0, 1), 1),
    totalIters: v.optional(integer(1), 5),
  },
  ConstantLR: {
    factor: v.optional(between(0, 1, true), 1 / 3),
    totalIters: v.optional(integer(1), 5),
  },
  CosineAnnealingLR: { tMax: integer(1), etaMin: v.optional(numberAtLeast(0), 0) },
  CosineAnnealingWarmRestarts: {
    t0: integer(1),
    tMult: v.optional(integer(1), 1),
    etaMin: v.optional(numberAtLeast(0), 0),
  },
  PolynomialLR: { totalIters: v.optional(integer(1), 5), power: v.optional(numberAtLeast(0), 1) },
  CyclicLR: {
    baseLr: numberAtLeast(0),
    maxLr: numberAtLeast(0),
    stepSizeUp: v.optional(integer(1), 2000),
    stepSizeDown: v.optional(integer(1)),
    mode: v.optional(oneOf(['triangular', 'triangular2', 'exp_range'] as const), 'triangular'),
    gamma: v.optional(positive(), 1),
    cycleMomentum: v.optional(bool(), true),
    baseMomentum: v.optional(momentum(), 0.8),
    maxMomentum: v.optional(momentum(), 0.9),
  },
  OneCycleLR: {
    maxLr: positive(),
    totalSteps: integer(1),
    pctStart: v.optional(between(0, 1), 0.3),
    annealStrategy: v.optional(oneOf(['cos', 'linear'] as const), 'cos'),
    cycleMomentum: v.optional(bool(), true),
    baseMomentum: v.optional(momentum(), 0.85),
    maxMomentum: v.optional(momentum(), 0.95),
    divFactor: v.optional(positive(), 25),
    finalDivFactor: v.optional(positive(), 1e4),
    threePhase: v.optional(bool(), false),
  },
  SequentialLR: {
    schedulers: v.pipe(
      v.array(v.unknown(), got('must be an array of scheduler configs')),
      v.minLength(1, got('must hold at least one scheduler')),
    ),
    milestones: strictlyIncreasing('milestones'),
  },
  ReduceLROnPlateau: {
    mode: v.optional(oneOf(['min', 'max'] as const), 'min'),
    factor: v.optional(between(0, 1, false, true), 0.1),
    patience: v.optional(integer(0), 10),
    threshold: v.optional(numberAtLeast(0), 1e-4),
    thresholdMode: v.optional(oneOf(['rel', 'abs'] as const), 'rel'),
    cooldown: v.optional(integer(0), 0),
    minLr: v.optional(numberAtLeast(0), 0),
    eps: v.optional(numberAtLeast(0), 1e-8),
  },
  SWALR: {
    swaLr: numberAtLeast(0),
    annealEpochs: v.optional(integer(0), 10),
    annealStrategy: v.optional(oneOf(['cos', 'linear'] as const), 'cos'),
  },
} satisfies Record<SchedulerType, v.ObjectEntries>;

export const SCHEDULER_TYPES = Object.keys(SCHEDULER_OPTION_SCHEMAS) as SchedulerType[];

function isSchedulerType(value: unknown): value is SchedulerType {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(SCHEDULER_OPTION_SCHEMAS, value)
  );
}

function describeIssue(issue: v.BaseIssue<unknown>, type: SchedulerType): string {
  const last = issue.path?.[issue.path.length - 1];
  if (issue.type === 'strict_object' && last?.origin === 'key') {
    const allowed = ['type', ...Object.keys(SCHEDULER_OPTION_SCHEMAS[type])].join(', ');
    if (issue.expected === 'never') return `unknown option for ${type}; allowed: ${allowed}`;
    return `is required for ${type}`;
  }
  return issue.message;
}

/** Positions where torch 1.13's SequentialLR cannot run a scheduler (see sequential-lr.ts). */
function checkChainable(child: SchedulerConfig, index: number, path: string): void {
  if (child.type === 'ReduceLROnPlateau' || child.type === 'None') {
    throw new ConfigError(
      joinPath(path, 'type'),
      `${child.type} cannot be chained by SequentialLR (torch steps it without a metric); ` +
        'use ConstantLR with factor 1 or LambdaLR "1" for a constant stretch',
    );
  }
  if (child.type === 'SequentialLR' && index > 0) {
    throw new ConfigError(
      joinPath(path, 'type'),
      'a nested SequentialLR can only be the first scheduler (torch 1.13 cannot restart it at a milestone)',
    );
  }
}

function parseAt(input: unknown, path: string): SchedulerConfig {
  if (!isPlainObject(input)) {
    throw new ConfigError(path, `must be an object with a "type", got ${showValue(input)}`);
  }
  const type = (input as { type?: unknown }).type;
  if (!isSchedulerType(type)) {
    throw new ConfigError(
      joinPath(path, 'type'),
      `unknown scheduler ${showValue(type)}; expected one of ${SCHEDULER_TYPES.join(', ')}`,
    );
  }
  const schema = v.strictObject({ type: v.literal(type), ...SCHEDULER_OPTION_SCHEMAS[type] });
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (!result.success) {
    const issue = result.issues[0];
    throw new ConfigError(joinPath(path, formatPath(issueKeys(issue))), describeIssue(issue, type));
  }
  const config = result.output as SchedulerConfig;
  if (config.type === 'SequentialLR') return parseSequential(config, path);
  if (config.type === 'CyclicLR' && config.stepSizeDown === undefined) delete config.stepSizeDown;
  return config;
}

function parseSequential(
  config: Extract<SchedulerConfig, { type: 'SequentialLR' }>,
  path: string,
): SchedulerConfig {
  const schedulers = config.schedulers.map((child, i) => {
    const childPath = joinPath(path, `schedulers[${i}]`);
    const parsed = parseAt(child, childPath);
    checkChainable(parsed, i, childPath);
    return parsed;
  });
  if (config.milestones.length !== schedulers.length - 1) {
    throw new ConfigError(
      joinPath(path, 'milestones'),
      `must have one fewer entry than schedulers (${schedulers.length - 1}), got ${config.milestones.length}`,
    );
  }
  return { type: 'SequentialLR', schedulers, milestones: config.milestones };
}

/**
 * Validates a scheduler config and returns it with PyTorch's defaults filled in.
 * Throws ConfigError (`scheduler.<field>: <what is allowed>`); `path` names the config.
 */
export function parseSchedulerConfig(input: unknown, path = 'scheduler'): SchedulerConfig {
  return parseAt(input, path);
}

/** PyTorch's default for every optional option of `type` (required options are absent). */
export function schedulerDefaults<T extends SchedulerType>(
  type: T,
): Partial<Extract<SchedulerConfig, { type: T }>> {
  const defaults: Record<string, unknown> = { type };
  for (const [key, schema] of Object.entries(SCHEDULER_OPTION_SCHEMAS[type] as v.ObjectEntries)) {
    if (schema.type === 'optional') {
      const value = v.getDefault(schema);
      if (value !== undefined) defaults[key] = value;
    }
  }
  return defaults as Partial<Extract<SchedulerConfig, { type: T }>>;
}
