/**
 * Blog-author attributes -> an experiment config. Pure: no DOM, no Lit, no TF.js, so it is
 * unit-tested in Node and the page stays light.
 *
 * Precedence, most specific first:
 * - `config` (the whole experiment as JSON) is the base;
 * - `dataset`, `hidden`, `activation`, `batch-size`, `epochs`, `seed` replace their field;
 * - `optimizer` replaces the runs (one run per optimizer: `"SGD Adam"` or a JSON array
 *   compares two); `lr` and `scheduler` fill every run whose optimizer / scheduler does
 *   not set its own (`scheduler` may also be a JSON array, one per run).
 *
 * Every attribute is checked on its own first so that a message names the attribute the
 * author wrote (`lr: expected a positive number, got "abc"`); the full config is validated
 * again by the trainer, and `attributeForPath` maps its field paths back to attributes.
 */
import type { BackendPreference } from '../../src/backend/types.js';
import type { BaseOptimizerConfig, OptimizerConfig } from '../../src/optim/types.js';
import { ConfigError, parseExperimentConfig } from '../../src/protocol/experiment.js';
import type { ExperimentConfigInput, RunConfigInput } from '../../src/protocol/experiment.js';
import type { SchedulerConfig } from '../../src/schedule/types.js';
import { experimentHorizon, fillScheduleHorizon } from './horizon.js';
import {
  ACTIVATIONS,
  BACKENDS,
  DATASETS,
  LAB_SECTIONS,
  OPTIMIZER_TYPES,
  SCHEDULER_TYPES,
  matchName,
  type LabSection,
} from './vocabulary.js';

export const LAB_ATTRIBUTES = [
  'config',
  'dataset',
  'hidden',
  'activation',
  'optimizer',
  'lr',
  'scheduler',
  'batch-size',
  'epochs',
  'seed',
  'backend',
  'hide',
  'grid',
] as const;
export type LabAttribute = (typeof LAB_ATTRIBUTES)[number];

/** Raw attribute values as the element holds them (null/undefined/'' = not given). */
export interface LabAttributeValues {
  config?: string | ExperimentConfigInput | null;
  dataset?: string | null;
  hidden?: string | null;
  activation?: string | null;
  optimizer?: string | null;
  lr?: string | number | null;
  scheduler?: string | null;
  batchSize?: string | number | null;
  epochs?: string | number | null;
  seed?: string | number | null;
  backend?: string | null;
  hide?: string | null;
}

export interface AttributeProblem {
  attribute: LabAttribute;
  /** Starts with the attribute name: `lr: expected a positive number, got "abc"`. */
  message: string;
}

/** Which attribute set which part of the config, as config-path prefixes. */
export type Provenance = ReadonlyArray<readonly [pathPrefix: string, attribute: LabAttribute]>;

export interface LabSetup {
  experiment: ExperimentConfigInput;
  backend: BackendPreference;
  hidden: ReadonlySet<LabSection>;
  problems: AttributeProblem[];
  provenance: Provenance;
}

/**
 * The run the lab trains when nothing says otherwise: Adam, at `lr` if given, else at 0.01
 * (livelier than PyTorch's 1e-3 for these small MLPs and short trainings).
 */
export const DEFAULT_RUN: RunConfigInput = { optimizer: { type: 'Adam', lr: 0.01 } };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && !value.trim());
}

function quote(raw: unknown): string {
  const text = String(raw);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function parseNumber(
  raw: string | number,
  allowed: string,
  accept: (value: number) => boolean,
): Parsed<number> {
  const value = typeof raw === 'number' ? raw : Number(raw.trim());
  if (typeof raw === 'string' && !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw.trim())) {
    return fail(`expected ${allowed}, got ${quote(raw)}`);
  }
  if (!Number.isFinite(value) || !accept(value))
    return fail(`expected ${allowed}, got ${quote(raw)}`);
  return { ok: true, value };
}

const positiveNumber = (raw: string | number) =>
  parseNumber(raw, 'a positive number', (value) => value > 0);
const positiveInteger = (max: number) => (raw: string | number) =>
  parseNumber(
    raw,
    `an integer from 1 to ${max}`,
    (value) => Number.isInteger(value) && value >= 1 && value <= max,
  );
const seedNumber = (raw: string | number) =>
  parseNumber(
    raw,
    'an integer from 0 to 4294967295',
    (value) => Number.isInteger(value) && value >= 0 && value <= 0xffffffff,
  );

/** "16,16", "16 8", "[16, 16]" or "none" -> layer widths (shared with the lab's entry). */
export function parseHiddenList(raw: string): Parsed<number[]> {
  const text = raw.trim();
  if (/^(none|\[\s*\])$/i.test(text)) return { ok: true, value: [] };
  const parts = text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const allowed = 'layer widths from 1 to 1024 separated by commas, e.g. "16,16" (or "none")';
  if (parts.length > 8) return fail(`expected at most 8 hidden layers, got ${parts.length}`);
  const widths: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!/^\d+$/.test(part) || !Number.isInteger(value) || value < 1 || value > 1024) {
      return fail(`expected ${allowed}, got ${quote(raw)} ("${part}" is not allowed)`);
    }
    widths.push(value);
  }
  return { ok: true, value: widths };
}

function parseJson(raw: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`not valid JSON (${reason})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseOptimizerEntry(entry: unknown): Parsed<OptimizerConfig> {
  const allowed = `one of ${OPTIMIZER_TYPES.join(', ')}`;
  if (typeof entry === 'string') {
    const type = matchName(entry, OPTIMIZER_TYPES);
    if (!type) return fail(`expected an optimizer type (${allowed}), got ${quote(entry)}`);
    if (type === 'Lookahead') return { ok: true, value: { type, optimizer: { type: 'Adam' } } };
    return { ok: true, value: { type } as OptimizerConfig };
  }
  if (!isObject(entry) || typeof entry.type !== 'string') {
    return fail(`expected a type name or a config like {"type":"AdamW","lr":0.01}`);
  }
  const type = matchName(entry.type, OPTIMIZER_TYPES);
  if (!type) return fail(`unknown type ${quote(entry.type)}; allowed: ${allowed}`);
  // Field-level checks of the options happen in the trainer's parser (see attributeForPath).
  return { ok: true, value: { ...entry, type } as unknown as OptimizerConfig };
}

/** `"SGD Adam"`, `"AdamW"`, `{"type":"SGD","momentum":0.9}` or a JSON array of either. */
export function parseOptimizerAttribute(raw: string): Parsed<OptimizerConfig[]> {
  const text = raw.trim();
  let entries: unknown[];
  if (text.startsWith('{') || text.startsWith('[')) {
    const json = parseJson(text);
    if (!json.ok) return json;
    entries = Array.isArray(json.value) ? json.value : [json.value];
  } else {
    entries = text.split(/[\s,]+/).filter(Boolean);
  }
  if (entries.length === 0) return fail('expected at least one optimizer');
  if (entries.length > 16) return fail(`expected at most 16 runs, got ${entries.length}`);
  const configs: OptimizerConfig[] = [];
  for (const [index, entry] of entries.entries()) {
    const parsed = parseOptimizerEntry(entry);
    if (!parsed.ok) {
      return fail(entries.length > 1 ? `run ${index + 1}: ${parsed.message}` : parsed.message);
    }
    configs.push(parsed.value);
  }
  return { ok: true, value: configs };
}

function checkSchedulerShape(entry: unknown, where: string): string | undefined {
  if (!isObject(entry) || typeof entry.type !== 'string') {
    return `${where}expected a config like {"type":"StepLR","stepSize":100}`;
  }
  if (!(SCHEDULER_TYPES as readonly string[]).includes(entry.type)) {
    return `${where}unknown type ${quote(entry.type)}; allowed: ${SCHEDULER_TYPES.join(', ')}`;
  }
  if (entry.type === 'SequentialLR') {
    if (!Array.isArray(entry.schedulers)) return `${where}SequentialLR needs "schedulers": [...]`;
    for (const [index, inner] of entry.schedulers.entries()) {
      const problem = checkSchedulerShape(inner, `${where}schedulers[${index}]: `);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A SchedulerConfig as JSON, a JSON array (one per run), or the bare word "None". */
export function parseSchedulerAttribute(raw: string): Parsed<SchedulerConfig[]> {
  const text = raw.trim();
  if (/^none$/i.test(text)) return { ok: true, value: [{ type: 'None' }] };
  if (!text.startsWith('{') && !text.startsWith('[')) {
    return fail(
      `expected a scheduler config as JSON, e.g. {"type":"StepLR","stepSize":100}, got ${quote(raw)}`,
    );
  }
  const json = parseJson(text);
  if (!json.ok) return json;
  const entries = Array.isArray(json.value) ? json.value : [json.value];
  if (entries.length === 0) return fail('expected at least one scheduler');
  for (const [index, entry] of entries.entries()) {
    const problem = checkSchedulerShape(entry, entries.length > 1 ? `[${index}]: ` : '');
    if (problem) return fail(problem);
  }
  return { ok: true, value: entries as SchedulerConfig[] };
}

function parseConfigAttribute(raw: string | ExperimentConfigInput): Parsed<ExperimentConfigInput> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    const json = parseJson(raw);
    if (!json.ok) return json;
    value = json.value;
  }
  if (!isObject(value)) {
    return fail(
      'expected an experiment as a JSON object, e.g. {"runs":[{"optimizer":{"type":"Adam"}}]}',
    );
  }
  // A deep copy: the lab fills in defaults and must never write into the author's object.
  return { ok: true, value: structuredClone(value) as unknown as ExperimentConfigInput };
}

function parseHide(raw: string): Parsed<Set<LabSection>> {
  const sections = new Set<LabSection>();
  for (const token of raw.split(/[\s,]+/).filter(Boolean)) {
    const section = matchName(token, LAB_SECTIONS) ?? LAB_SECTIONS.find((s) => s === token);
    if (!section) {
      return fail(`unknown section ${quote(token)}; allowed: ${LAB_SECTIONS.join(', ')}`);
    }
    sections.add(section);
  }
  return { ok: true, value: sections };
}

function withLr(optimizer: OptimizerConfig, lr: number): OptimizerConfig {
  if (optimizer.type === 'Lookahead') {
    if (!isObject(optimizer.optimizer)) return optimizer;
    return { ...optimizer, optimizer: withLr(optimizer.optimizer, lr) as BaseOptimizerConfig };
  }
  return optimizer.lr === undefined ? { ...optimizer, lr } : optimizer;
}

/** Reads every attribute; problems are collected, and a bad attribute is simply left out. */
export function readLabAttributes(values: LabAttributeValues): LabSetup {
  const problems: AttributeProblem[] = [];
  const provenance: Array<[string, LabAttribute]> = [];
  const check = <T>(attribute: LabAttribute, result: Parsed<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push({ attribute, message: `${attribute}: ${result.message}` });
    return undefined;
  };

  let experiment: ExperimentConfigInput = { runs: [] };
  if (present(values.config)) {
    const config = check('config', parseConfigAttribute(values.config as string));
    if (config) {
      experiment = config;
      provenance.push(['', 'config']);
    }
  }
  const dataset = { ...experiment.dataset };
  const model = { ...experiment.model };
  const training = { ...experiment.training };

  if (present(values.dataset)) {
    const raw = String(values.dataset);
    const type = matchName(raw, DATASETS);
    if (
      check(
        'dataset',
        type
          ? { ok: true, value: type }
          : fail(`expected one of ${DATASETS.join(', ')}, got ${quote(raw)}`),
      )
    ) {
      dataset.type = type;
      provenance.push(['dataset.type', 'dataset']);
    }
  }
  if (present(values.hidden)) {
    const widths = check('hidden', parseHiddenList(String(values.hidden)));
    if (widths) {
      model.hidden = widths;
      provenance.push(['model.hidden', 'hidden']);
    }
  }
  if (present(values.activation)) {
    const raw = String(values.activation);
    const activation = matchName(raw, ACTIVATIONS);
    if (
      check(
        'activation',
        activation
          ? { ok: true, value: activation }
          : fail(`expected one of ${ACTIVATIONS.join(', ')}, got ${quote(raw)}`),
      )
    ) {
      model.activation = activation;
      provenance.push(['model.activation', 'activation']);
    }
  }
  if (present(values.batchSize)) {
    const batchSize = check('batch-size', positiveInteger(100_000)(values.batchSize as string));
    if (batchSize !== undefined) {
      training.batchSize = batchSize;
      provenance.push(['training.batchSize', 'batch-size']);
    }
  }
  if (present(values.epochs)) {
    const epochs = check('epochs', positiveInteger(1_000_000)(values.epochs as string));
    if (epochs !== undefined) {
      training.epochs = epochs;
      delete training.steps;
      provenance.push(['training.epochs', 'epochs'], ['training', 'epochs']);
    }
  }
  if (present(values.seed)) {
    const seed = check('seed', seedNumber(values.seed as string));
    if (seed !== undefined) {
      experiment.seed = seed;
      provenance.push(['seed', 'seed']);
    }
  }

  let runs: RunConfigInput[] = Array.isArray(experiment.runs) ? experiment.runs : [];
  if (present(values.optimizer)) {
    const optimizers = check('optimizer', parseOptimizerAttribute(String(values.optimizer)));
    if (optimizers) {
      runs = optimizers.map((optimizer) => ({ optimizer }));
      provenance.push(['runs', 'optimizer']);
    }
  }
  const defaultRun = runs.length === 0;
  if (defaultRun) runs = [{ optimizer: { type: 'Adam' } }];

  if (present(values.lr)) {
    const lr = check('lr', positiveNumber(values.lr as string));
    if (lr !== undefined) {
      runs = runs.map((run, index) => {
        if (!isObject(run) || !isObject(run.optimizer)) return run;
        const inner = run.optimizer?.type === 'Lookahead' ? run.optimizer.optimizer : run.optimizer;
        if (isObject(inner) && inner.lr === undefined) {
          provenance.push([`runs[${index}].optimizer.lr`, 'lr']);
        }
        return { ...run, optimizer: withLr(run.optimizer, lr) };
      });
    }
  }

  if (defaultRun && (runs[0].optimizer as { lr?: number }).lr === undefined)
    runs = [structuredClone(DEFAULT_RUN)];
  experiment = { ...experiment, dataset, model, training };
  const horizon = experimentHorizon(experiment);
  if (present(values.scheduler)) {
    const schedulers = check('scheduler', parseSchedulerAttribute(String(values.scheduler)));
    if (schedulers && schedulers.length > 1 && schedulers.length !== runs.length) {
      problems.push({
        attribute: 'scheduler',
        message: `scheduler: got ${schedulers.length} schedulers for ${runs.length} runs; give one, or one per run`,
      });
    } else if (schedulers) {
      runs = runs.map((run, index) => {
        if (!isObject(run) || run.scheduler !== undefined) return run;
        provenance.push([`runs[${index}].scheduler`, 'scheduler']);
        return { ...run, scheduler: schedulers[schedulers.length === 1 ? 0 : index] };
      });
    }
  }
  runs = runs.map((run) => {
    if (!isObject(run) || !isObject(run.scheduler)) return run;
    const span =
      run.schedulerStepOn === 'epoch'
        ? horizon.totalSteps / horizon.stepsPerEpoch
        : horizon.totalSteps;
    return { ...run, scheduler: fillScheduleHorizon(run.scheduler, span) };
  });
  experiment.runs = runs;

  let backend: BackendPreference = 'auto';
  if (present(values.backend)) {
    const raw = String(values.backend);
    const match = matchName(raw, BACKENDS);
    if (
      check(
        'backend',
        match
          ? { ok: true, value: match }
          : fail(`expected one of ${BACKENDS.join(', ')}, got ${quote(raw)}`),
      )
    ) {
      backend = match ?? 'auto';
    }
  }
  const hidden = present(values.hide) ? check('hide', parseHide(String(values.hide))) : undefined;

  const setup = {
    experiment,
    backend,
    hidden: hidden ?? new Set<LabSection>(),
    problems,
    provenance,
  };
  // Each attribute read well on its own: now the whole experiment, with the same parser
  // the trainer uses (TF-free), so a bad option deep inside a JSON attribute is named now,
  // not when a reader presses play.
  if (problems.length === 0) {
    const deep = checkExperiment(setup);
    if (deep) problems.push(deep);
  }
  return setup;
}

/**
 * Validates the assembled experiment like the trainer will; a problem is reported against
 * the attribute that set the offending field (`optimizer: must be ... (runs[0].optimizer.betas[1])`).
 */
export function checkExperiment(
  setup: Pick<LabSetup, 'experiment' | 'provenance'>,
): AttributeProblem | undefined {
  try {
    parseExperimentConfig(setup.experiment);
    return undefined;
  } catch (error) {
    // Anything but a config problem is a bug, not the author's: the trainer will report it.
    if (!(error instanceof ConfigError)) return undefined;
    const { path, detail } = error;
    const attribute = attributeForPath(path, setup.provenance);
    if (!attribute) return undefined;
    return { attribute, message: `${attribute}: ${detail} (${path})` };
  }
}

/**
 * The attribute an author should fix for a trainer error at `path` (e.g.
 * `runs[0].optimizer.betas[1]`): the longest provenance prefix that matches, else `config`
 * when the config attribute was given, else undefined (the lab's own defaults or controls).
 */
export function attributeForPath(path: string, provenance: Provenance): LabAttribute | undefined {
  let best: readonly [string, LabAttribute] | undefined;
  for (const entry of provenance) {
    const [prefix] = entry;
    const matches =
      prefix === '' ||
      path === prefix ||
      path.startsWith(`${prefix}.`) ||
      path.startsWith(`${prefix}[`);
    if (matches && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** Splits a trainer error `runs[0].optimizer.lr: must be ...` into its path and detail. */
export function splitConfigError(message: string): { path: string; detail: string } {
  const match = /^([A-Za-z_$][\w$]*(?:\.[\w$]+|\[\d+\])*): ([\s\S]*)$/.exec(message);
  return match ? { path: match[1], detail: match[2] } : { path: '', detail: message };
}
