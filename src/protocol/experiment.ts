/**
 * The experiment config: what a page sends to the trainer. An experiment is one dataset,
 * one model architecture, one set of training settings and one or more runs that differ
 * only in optimizer and scheduler, so their curves compare fairly.
 *
 * `ExperimentConfigInput` is what you write (almost everything optional);
 * `parseExperimentConfig` validates it and returns an `ExperimentConfig` with every default
 * filled in, which is also a valid input (parsing is idempotent).
 */
import * as v from 'valibot';
// The config modules, not the packages' index: they are TF-free, so a page can validate too.
import { parseOptimizerConfig } from '../optim/config';
import { parseSchedulerConfig } from '../schedule/config';
import type { OptimizerConfig } from '../optim/types';
import type { SchedulerConfig } from '../schedule/types';
import { parseSwaConfig } from './swa';
import type { SwaConfig, SwaConfigInput } from './swa';
import { ConfigError, formatPath, integerIn, issueKeys, joinPath, ruleSchema } from './validation';
import type { NumberRule } from './validation';
import { CUSTOM_DATASET, customPointsSchema } from './custom-points';
import type { CustomPoints } from './custom-points';
import { isPlainObject, kindOf, plainObject, showValue } from '../schedule/values';

export { ConfigError, formatPath };
export type { SwaConfig, SwaConfigInput };

export const DATASET_TYPES = [
  'circle',
  'xor',
  'gaussian',
  'spiral',
  'moons',
  'checkerboard',
  'sine',
  'plane',
] as const;
/** The generated datasets' types; `'custom'` (points a person gives) is the other kind. */
export type DatasetType = (typeof DATASET_TYPES)[number];

export const ACTIVATIONS = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'gelu', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INIT_SCHEMES = ['auto', 'he', 'glorot'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export type SchedulerStepOn = 'batch' | 'epoch';

/**
 * A generated dataset (`type` one of DATASET_TYPES: `samples` points with `noise`), or
 * points a person drew or uploaded (`type: 'custom'` with `points`, see custom-points.ts;
 * `samples` and `noise` are then not used). Either kind is split into training and
 * validation points by the same seeded shuffle.
 */
export interface DatasetConfigInput {
  type?: DatasetType | typeof CUSTOM_DATASET;
  /** Total points, training + validation. Default 400. */
  samples?: number;
  /** Dataset-specific noise scale (std of added Gaussian noise, in input units). Default 0.1. */
  noise?: number;
  /** With `type: 'custom'`: `[x1, x2, label]` each (classification) or `[x, y]` each (regression). */
  points?: CustomPoints;
  /** Share of the samples held out for validation, in [0, 0.9]. Default 0.2. */
  validationFraction?: number;
  /** Seeds the points (generated datasets) and the train/validation split. */
  seed?: number;
}

export interface ModelConfigInput {
  /** Hidden layer widths. Default [16, 16]. */
  hidden?: number[];
  activation?: Activation;
  /** 'auto' = He for relu/leakyRelu/gelu, Glorot otherwise. */
  init?: InitScheme;
  /** Coupled L2 penalty added to the loss: l2 * sum(w^2) over weight matrices (not biases). */
  l2?: number;
  seed?: number;
}

export interface TrainingConfigInput {
  batchSize?: number;
  /** Training length in epochs (default 50). Give `epochs` or `steps`, not both. */
  epochs?: number;
  /** Training length in optimizer steps. */
  steps?: number;
  /** Seeds the per-epoch batch order shared by all runs. */
  shuffleSeed?: number;
  /** Validate every this many steps; 0 (default) means once per epoch. */
  evalEvery?: number;
}

export interface RunConfigInput {
  /** Stable id; default `run-<index>`. Must be unique within the experiment. */
  id?: string;
  /** Human-readable name; default the optimizer type (plus scheduler type if any). */
  label?: string;
  optimizer: OptimizerConfig;
  scheduler?: SchedulerConfig;
  /** Whether scheduler.step() runs after every batch (default) or after every epoch. */
  schedulerStepOn?: SchedulerStepOn;
  /** Stochastic Weight Averaging from epoch `start` on, SWALR taking over the lr (./swa.ts). */
  swa?: SwaConfigInput | null;
}

export interface ExperimentConfigInput {
  /** Seeds dataset, model and shuffle wherever their own seed is not given. Default 1. */
  seed?: number;
  dataset?: DatasetConfigInput;
  model?: ModelConfigInput;
  training?: TrainingConfigInput;
  runs: RunConfigInput[];
}

export interface GeneratedDatasetConfig {
  type: DatasetType;
  samples: number;
  noise: number;
  validationFraction: number;
  seed: number;
}

export interface CustomDatasetConfig {
  type: typeof CUSTOM_DATASET;
  points: CustomPoints;
  validationFraction: number;
  seed: number;
}

export type DatasetConfig = GeneratedDatasetConfig | CustomDatasetConfig;

export interface ModelConfig {
  hidden: number[];
  activation: Activation;
  init: InitScheme;
  l2: number;
  seed: number;
}

/** Exactly one of `epochs` / `steps` is set (the one the input gave; epochs: 50 by default). */
export interface TrainingConfig {
  batchSize: number;
  epochs?: number;
  steps?: number;
  shuffleSeed: number;
  evalEvery: number;
}

export interface RunConfig {
  id: string;
  label: string;
  optimizer: OptimizerConfig;
  scheduler: SchedulerConfig;
  schedulerStepOn: SchedulerStepOn;
  /** Present when the run averages its weights (SWA), with SWALR's defaults filled in. */
  swa?: SwaConfig;
}

/** A validated experiment with every default filled in. */
export interface ExperimentConfig {
  seed: number;
  dataset: DatasetConfig;
  model: ModelConfig;
  training: TrainingConfig;
  runs: RunConfig[];
}

/** The value every field left out takes; the schemas below fill them in from here. */
export const EXPERIMENT_DEFAULTS = {
  seed: 1,
  dataset: { type: 'circle', samples: 400, noise: 0.1, validationFraction: 0.2 },
  model: { hidden: [16, 16], activation: 'relu', init: 'auto', l2: 0 },
  training: { batchSize: 32, epochs: 50, evalEvery: 0 },
} as const satisfies {
  seed: number;
  dataset: Omit<GeneratedDatasetConfig, 'seed'>;
  model: Omit<ModelConfig, 'seed' | 'hidden'> & { hidden: readonly number[] };
  training: Required<Pick<TrainingConfig, 'batchSize' | 'epochs' | 'evalEvery'>>;
};

export const DEFAULT_SEED = EXPERIMENT_DEFAULTS.seed;
/** The longest training a config may ask for, in epochs. */
export const MAX_EPOCHS = 1_000_000;
/**
 * Runs one experiment trains side by side: the trainer, a grid search and the lab's "Add run"
 * all stop here, and the plots have a colour for each.
 */
export const MAX_RUNS = 16;
export const MAX_HIDDEN_LAYERS = 8;
export const MAX_LAYER_WIDTH = 1024;

const finite = (what: string) => v.pipe(v.number(`must be ${what}`), v.finite(`must be ${what}`));
const SEED_RULE: NumberRule = { min: 0, max: 0xffffffff, integer: true };
/** Any 32-bit unsigned integer; the message says which way a value misses. */
export const seedSchema = ruleSchema(SEED_RULE, (issue) => {
  const value = issue.input;
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer seed';
  return value < 0 ? 'must be an integer seed >= 0' : 'must be an integer seed <= 4294967295';
});
const positiveInt = (max: number) => integerIn(1, max);
/** One hidden layer's width. */
export const layerWidthSchema = positiveInt(MAX_LAYER_WIDTH);

const validationFractionSchema = v.optional(
  v.pipe(
    finite('a number in [0, 0.9]'),
    v.minValue(0, 'must be a number in [0, 0.9]'),
    v.maxValue(0.9, 'must be a number in [0, 0.9]'),
  ),
  EXPERIMENT_DEFAULTS.dataset.validationFraction,
);

/**
 * A generated dataset's fields, each checkable alone (`checkField(datasetFields.samples,
 * ...)`); `points` belongs to the custom kind only.
 */
export const datasetFields = {
  type: v.optional(
    v.picklist(DATASET_TYPES, `must be one of ${DATASET_TYPES.join(', ')}`),
    EXPERIMENT_DEFAULTS.dataset.type,
  ),
  samples: v.optional(integerIn(10, 100_000), EXPERIMENT_DEFAULTS.dataset.samples),
  noise: v.optional(
    v.pipe(
      finite('a number in [0, 10]'),
      v.minValue(0, 'must be >= 0'),
      v.maxValue(10, 'must be <= 10'),
    ),
    EXPERIMENT_DEFAULTS.dataset.noise,
  ),
  validationFraction: validationFractionSchema,
  seed: v.optional(seedSchema),
};

const generatedDatasetSchema = v.strictObject({
  ...datasetFields,
  points: v.optional(v.never(`are given only with type: '${CUSTOM_DATASET}'`)),
});

const customDatasetSchema = v.strictObject({
  type: v.literal(CUSTOM_DATASET),
  points: customPointsSchema,
  validationFraction: validationFractionSchema,
  seed: v.optional(seedSchema),
  samples: v.optional(
    v.never('is not used by a custom dataset: it has as many points as it lists'),
  ),
  noise: v.optional(v.never('is not used by a custom dataset: its points are used as given')),
});

const DATASET_KINDS = [...DATASET_TYPES, CUSTOM_DATASET];
// The variant names the `type` key in its issue's path when the type is unknown; without a
// path the dataset itself was not an object.
const datasetSchema = plainObject(
  v.variant('type', [generatedDatasetSchema, customDatasetSchema], (issue) =>
    issue.path
      ? `must be one of ${DATASET_KINDS.join(', ')}, got ${showValue(issue.input)}`
      : `must be an object, got ${issue.received}`,
  ),
);

export const modelFields = {
  hidden: v.optional(
    v.pipe(
      v.array(layerWidthSchema, 'must be an array of layer widths, e.g. [16, 16]'),
      v.maxLength(MAX_HIDDEN_LAYERS, `must have at most ${MAX_HIDDEN_LAYERS} hidden layers`),
    ),
    () => [...EXPERIMENT_DEFAULTS.model.hidden],
  ),
  activation: v.optional(
    v.picklist(ACTIVATIONS, `must be one of ${ACTIVATIONS.join(', ')}`),
    EXPERIMENT_DEFAULTS.model.activation,
  ),
  init: v.optional(
    v.picklist(INIT_SCHEMES, `must be one of ${INIT_SCHEMES.join(', ')}`),
    EXPERIMENT_DEFAULTS.model.init,
  ),
  l2: v.optional(
    v.pipe(finite('a number >= 0'), v.minValue(0, 'must be a number >= 0')),
    EXPERIMENT_DEFAULTS.model.l2,
  ),
  seed: v.optional(seedSchema),
};

export const trainingFields = {
  batchSize: v.optional(positiveInt(100_000), EXPERIMENT_DEFAULTS.training.batchSize),
  epochs: v.optional(positiveInt(MAX_EPOCHS)),
  steps: v.optional(positiveInt(100_000_000)),
  shuffleSeed: v.optional(seedSchema),
  evalEvery: v.optional(
    v.pipe(
      v.number('must be an integer >= 0 (0 = every epoch)'),
      v.integer('must be an integer >= 0 (0 = every epoch)'),
      v.minValue(0, 'must be an integer >= 0 (0 = every epoch)'),
    ),
    EXPERIMENT_DEFAULTS.training.evalEvery,
  ),
};

const modelSchema = plainObject(v.strictObject(modelFields));
const trainingSchema = plainObject(v.strictObject(trainingFields));

const runSchema = plainObject(
  v.strictObject({
    id: v.optional(
      v.pipe(
        v.string('must be a non-empty string'),
        v.minLength(1, 'must be a non-empty string'),
        v.maxLength(64, 'must be at most 64 characters'),
      ),
    ),
    label: v.optional(
      v.pipe(v.string('must be a string'), v.maxLength(200, 'must be at most 200 characters')),
    ),
    // Optimizer and scheduler are checked by their own modules' parsers (see parseRun).
    optimizer: v.unknown(),
    scheduler: v.optional(v.unknown()),
    schedulerStepOn: v.optional(
      v.picklist(['batch', 'epoch'], "must be 'batch' or 'epoch'"),
      'batch',
    ),
    // Checked by parseSwaConfig (./swa.ts), which names its fields under the run's path.
    swa: v.optional(v.unknown()),
  }),
);

const experimentSchema = v.strictObject({
  seed: v.optional(seedSchema, DEFAULT_SEED),
  dataset: v.optional(datasetSchema, {}),
  model: v.optional(modelSchema, {}),
  training: v.optional(trainingSchema, {}),
  runs: v.pipe(
    v.array(v.unknown(), 'must be an array of runs'),
    v.minLength(1, 'must contain at least one run'),
    v.maxLength(MAX_RUNS, `must contain at most ${MAX_RUNS} runs`),
  ),
});

function parseWith<T extends v.GenericSchema>(
  schema: T,
  input: unknown,
  prefix: string,
): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = joinPath(prefix, formatPath(issueKeys(issue)));
  let detail = issue.message;
  if (issue.kind === 'schema' && issue.type === 'strict_object') {
    // valibot reports unknown keys (expected "never"), missing required keys and non-objects here.
    if (issue.expected === 'never') detail = 'unknown field (check the spelling)';
    else if (issue.received === 'undefined' && issue.path?.length) {
      detail = path.endsWith('optimizer') ? 'is required, e.g. { type: "Adam" }' : 'is required';
    } else detail = `must be an object, got ${issue.received}`;
  }
  throw new ConfigError(path, detail);
}

/** Mixes a base seed with a stream index so dataset, weights and shuffle get unrelated streams. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEED_STREAM = { dataset: 1, model: 2, shuffle: 3 } as const;

function defaultLabel(
  optimizer: OptimizerConfig,
  scheduler: SchedulerConfig,
  swa: SwaConfig | null,
): string {
  const parts: string[] = [optimizer.type];
  if (scheduler.type !== 'None') parts.push(scheduler.type);
  if (swa) parts.push('SWA');
  return parts.join(' + ');
}

/** Validates one run; `index` gives the default id and the error path. */
export function parseRunConfig(
  input: unknown,
  index: number,
  prefix = `runs[${index}]`,
): RunConfig {
  const raw = parseWith(runSchema, input, prefix);
  const optimizerPath = joinPath(prefix, 'optimizer');
  const schedulerPath = joinPath(prefix, 'scheduler');
  if (raw.optimizer === undefined)
    throw new ConfigError(optimizerPath, 'is required, e.g. { type: "Adam" }');
  // The nested parsers name their fields under the path they are given.
  const optimizer = parseOptimizerConfig(raw.optimizer, optimizerPath);
  const scheduler: SchedulerConfig =
    raw.scheduler === undefined
      ? { type: 'None' }
      : parseSchedulerConfig(raw.scheduler, schedulerPath);
  const swa = parseSwaConfig(raw.swa, joinPath(prefix, 'swa'));
  const run: RunConfig = {
    id: raw.id ?? `run-${index}`,
    label: raw.label ?? defaultLabel(optimizer, scheduler, swa),
    optimizer,
    scheduler,
    schedulerStepOn: raw.schedulerStepOn,
  };
  if (swa) run.swa = swa;
  return run;
}

/**
 * Validates an experiment config and fills every default. Throws a `ConfigError` whose
 * message starts with the path of the offending field, e.g.
 * `runs[1].optimizer.lr: must be a number >= 0`.
 */
export function parseExperimentConfig(input: unknown): ExperimentConfig {
  if (!isPlainObject(input)) {
    throw new ConfigError(
      '',
      `experiment config must be an object like { runs: [{ optimizer: { type: "Adam" } }] }, got ${kindOf(input)}`,
    );
  }
  const raw = parseWith(experimentSchema, input, '');
  const seed = raw.seed;
  const { epochs, steps } = raw.training;
  if (epochs !== undefined && steps !== undefined) {
    throw new ConfigError('training', 'give either epochs or steps, not both');
  }
  const runs = raw.runs.map((run, index) => parseRunConfig(run, index));
  const seen = new Set<string>();
  runs.forEach((run, index) => {
    if (seen.has(run.id)) throw new ConfigError(`runs[${index}].id`, `duplicate id "${run.id}"`);
    seen.add(run.id);
  });
  const training: TrainingConfig = {
    batchSize: raw.training.batchSize,
    shuffleSeed: raw.training.shuffleSeed ?? deriveSeed(seed, SEED_STREAM.shuffle),
    evalEvery: raw.training.evalEvery,
  };
  if (steps !== undefined) training.steps = steps;
  else training.epochs = epochs ?? EXPERIMENT_DEFAULTS.training.epochs;
  return {
    seed,
    dataset: parseDataset(raw.dataset, seed),
    model: { ...raw.model, seed: raw.model.seed ?? deriveSeed(seed, SEED_STREAM.model) },
    training,
    runs,
  };
}

function parseDataset(
  raw: v.InferOutput<typeof datasetSchema>,
  experimentSeed: number,
): DatasetConfig {
  const seed = raw.seed ?? deriveSeed(experimentSeed, SEED_STREAM.dataset);
  const { validationFraction } = raw;
  if (raw.type === CUSTOM_DATASET)
    return { type: raw.type, points: raw.points, validationFraction, seed };
  return { type: raw.type, samples: raw.samples, noise: raw.noise, validationFraction, seed };
}

/** What sizes a dataset: its sample count (generated) or its points (custom), and the split. */
type SizedDataset =
  | Pick<GeneratedDatasetConfig, 'samples' | 'validationFraction'>
  | Pick<CustomDatasetConfig, 'points' | 'validationFraction'>;

/** What the training length rules read: the split, the batch size and the length. */
export interface HorizonInputs {
  dataset: SizedDataset;
  training: Pick<TrainingConfig, 'batchSize' | 'epochs' | 'steps'>;
}

/** How many points a dataset has, training and validation together. */
export function datasetSize(dataset: SizedDataset): number {
  return 'points' in dataset ? dataset.points.length : dataset.samples;
}

/** Validation points: the split rounds the validation share down. */
export function validationSampleCount(dataset: SizedDataset): number {
  return Math.floor(datasetSize(dataset) * dataset.validationFraction);
}

/** Training points after the validation split. */
export function trainingSampleCount(dataset: SizedDataset): number {
  return datasetSize(dataset) - validationSampleCount(dataset);
}

/** Optimizer steps per epoch: every training point once, the last batch possibly smaller. */
export function stepsPerEpoch(config: HorizonInputs): number {
  return Math.ceil(trainingSampleCount(config.dataset) / config.training.batchSize);
}

/** Total optimizer steps each run takes before it is done. */
export function totalSteps(config: HorizonInputs): number {
  return config.training.steps ?? (config.training.epochs ?? 0) * stepsPerEpoch(config);
}

export interface Horizon {
  stepsPerEpoch: number;
  totalSteps: number;
}

/**
 * How long an experiment trains, from its input before it is validated (a page previews LR
 * curves before any worker exists): the same rules as above, with the defaults filled in.
 * Once training runs, the trainer's `ProgressBatch.totalSteps` is the authority.
 */
export function experimentHorizon(input: Omit<ExperimentConfigInput, 'runs'>): Horizon {
  const { dataset, training } = EXPERIMENT_DEFAULTS;
  const validationFraction = input.dataset?.validationFraction ?? dataset.validationFraction;
  // Not validated yet: a custom dataset's points may still be anything but a list.
  const points = input.dataset?.points;
  const inputs: HorizonInputs = {
    dataset:
      input.dataset?.type === CUSTOM_DATASET
        ? { points: Array.isArray(points) ? points : [], validationFraction }
        : { samples: input.dataset?.samples ?? dataset.samples, validationFraction },
    training: {
      batchSize: input.training?.batchSize ?? training.batchSize,
      steps: input.training?.steps,
      epochs: input.training?.epochs ?? training.epochs,
    },
  };
  return { stepsPerEpoch: Math.max(1, stepsPerEpoch(inputs)), totalSteps: totalSteps(inputs) };
}
