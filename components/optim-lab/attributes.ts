/**
 * Blog-author attributes -> an experiment config. Pure: no DOM, no Lit, no TF.js, so it is
 * unit-tested in Node and the page stays light.
 *
 * Precedence, most specific first:
 * - `config` (the whole experiment as JSON) is the base;
 * - `dataset`, `layers`, `activation`, `batch-size`, `epochs`, `seed` replace their field;
 * - `optimizer` replaces the runs (one run per optimizer: `"SGD Adam"` or a JSON array
 *   compares two); `lr`, `scheduler` and `swa` fill every run whose optimizer / scheduler /
 *   swa does not set its own (`scheduler` and `swa` may also be JSON arrays, one per run).
 *
 * Every attribute is checked on its own first so that a message names the attribute the
 * author wrote (`lr: expected a positive number, got "abc"`); the full config is validated
 * again with the trainer's parser, and `attributeForPath` maps its field paths back to
 * attributes.
 */
import type { BackendPreference } from '../../src/backend/types';
import { withDefaultLr } from '../../src/optim/options';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import type { RunConfigInput } from '../../src/protocol/experiment';
import { fillExperimentHorizons } from '../../src/protocol/horizon';
import type { LabExperimentInput, LabRunInput } from '../../src/protocol/horizon';
import { ConfigError } from '../../src/protocol/validation';
import {
  parseBackendAttribute,
  parseConfigAttribute,
  parseHideAttribute,
  parseOptimizerAttribute,
  parseSchedulerAttribute,
  parseSwaAttribute,
} from './attribute-parsers';
import { LAB_FIELDS } from './lab-fields';
import { runFailureMessage } from './run-tracker';
import type { RunSnapshot } from './run-tracker';
import { readNumber } from './read-values';
import type { Parsed } from './read-values';
import type { LabSection } from './vocabulary';

export type { Parsed } from './read-values';
export { parseOptimizerAttribute, parseSchedulerAttribute } from './attribute-parsers';
export { readLayers as parseHiddenList } from './read-values';

/** Each attribute of <optim-lab> and the element property that holds it. */
const ATTRIBUTE_PROPERTIES = {
  config: 'config',
  dataset: 'datasetName',
  layers: 'layers',
  hidden: 'hiddenLayers',
  activation: 'activation',
  optimizer: 'optimizer',
  lr: 'lr',
  scheduler: 'scheduler',
  swa: 'swa',
  'batch-size': 'batchSize',
  epochs: 'epochs',
  seed: 'seed',
  backend: 'backend',
  hide: 'hide',
  grid: 'grid',
} as const;

export type LabAttribute = keyof typeof ATTRIBUTE_PROPERTIES;
export const LAB_ATTRIBUTES = Object.keys(ATTRIBUTE_PROPERTIES) as LabAttribute[];
/** The element's properties behind those attributes; a change to any re-reads them all. */
export const LAB_PROPERTIES = Object.values(ATTRIBUTE_PROPERTIES);
export type LabProperty = (typeof LAB_PROPERTIES)[number];

/** What the element holds in those properties, as readLabAttributes reads it. */
export function attributeValues(
  el: Readonly<Partial<Record<LabProperty, string | LabExperimentInput | null>>>,
): LabAttributeValues {
  const text = (value: unknown) => value as string | null | undefined;
  return {
    config: el.config,
    dataset: text(el.datasetName),
    layers: text(el.layers),
    hidden: text(el.hiddenLayers),
    activation: text(el.activation),
    optimizer: text(el.optimizer),
    lr: text(el.lr),
    scheduler: text(el.scheduler),
    swa: text(el.swa),
    batchSize: text(el.batchSize),
    epochs: text(el.epochs),
    seed: text(el.seed),
    backend: text(el.backend),
    hide: text(el.hide),
  };
}

let warnedHidden = false;

/** Says once per page that `hidden` is deprecated (page CSS can hide a lab that uses it). */
export function warnHiddenOnce(): void {
  if (warnedHidden) return;
  warnedHidden = true;
  console.warn(
    'optim-lab: the "hidden" attribute of <optim-lab> is deprecated; write layers="16,16" ' +
      '(page CSS such as [hidden] { display: none } hides a lab that uses "hidden").',
  );
}

/** Raw attribute values as the element holds them (null/undefined/'' = not given). */
export interface LabAttributeValues {
  config?: string | LabExperimentInput | null;
  dataset?: string | null;
  layers?: string | null;
  /** @deprecated The old name of `layers`; used only when `layers` is not given. */
  hidden?: string | null;
  activation?: string | null;
  optimizer?: string | null;
  lr?: string | number | null;
  scheduler?: string | null;
  /** Stochastic Weight Averaging as JSON: `{"start":30,"swaLr":0.05}`, or one per run. */
  swa?: string | null;
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
  /** Schedules' lengths left out follow the training (src/protocol/horizon.ts). */
  experiment: LabExperimentInput;
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

/** The `lr` attribute fills runs that set none: a run at lr 0 would never move, so > 0. */
const LAB_LR = { min: 0, minOpen: true };

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && !value.trim());
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key of LabAttributeValues that holds an attribute's value. */
function valueKey(attribute: LabAttribute): keyof LabAttributeValues | undefined {
  if (attribute === 'batch-size') return 'batchSize';
  if (attribute === 'grid') return undefined;
  return attribute;
}

/**
 * Reads every attribute; problems are collected, and a bad attribute is simply left out. That
 * holds for one whose fault shows only in the whole experiment (an option deep inside a JSON
 * attribute): it is left out too, and the rest read again, so that what the lab shows and
 * trains is always a valid experiment, whatever the page wrote.
 */
export function readLabAttributes(values: LabAttributeValues): LabSetup {
  const deepProblems: AttributeProblem[] = [];
  let current = values;
  for (;;) {
    const setup = readEachAttribute(current);
    const deep = checkExperiment(setup);
    const key = deep && valueKey(deep.attribute);
    if (!deep || !key || !present(current[key])) {
      if (deep) setup.problems.push(deep);
      setup.problems.push(...deepProblems);
      return setup;
    }
    deepProblems.push(deep);
    current = { ...current, [key]: undefined };
  }
}

function readEachAttribute(values: LabAttributeValues): LabSetup {
  const problems: AttributeProblem[] = [];
  const provenance: Array<[string, LabAttribute]> = [];
  const check = <T>(attribute: LabAttribute, result: Parsed<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push({ attribute, message: `${attribute}: ${result.message}` });
    return undefined;
  };

  let experiment: LabExperimentInput = { runs: [] };
  if (present(values.config)) {
    const config = check('config', parseConfigAttribute(values.config as string));
    if (config) {
      experiment = config;
      provenance.push(['', 'config']);
    }
  }
  const { runs: configRuns, ...settings } = experiment;
  for (const field of LAB_FIELDS) {
    const aliased = field.key === 'layers' && !present(values.layers) && present(values.hidden);
    const raw = aliased ? values.hidden : values[field.key];
    if (!present(raw)) continue;
    const attribute: LabAttribute = aliased ? 'hidden' : field.attribute;
    const problem = field.set(settings, String(raw));
    if (problem) problems.push({ attribute, message: `${attribute}: ${problem}` });
    else provenance.push(...field.paths.map((path): [string, LabAttribute] => [path, attribute]));
  }

  let runs: LabRunInput[] = [];
  if (Array.isArray(configRuns)) runs = configRuns;
  else if (configRuns !== undefined) {
    // The trainer's own words for it; a lab without runs would otherwise quietly train Adam.
    const problem = checkExperiment({ experiment: { runs: configRuns }, provenance });
    if (problem) problems.push(problem);
  }
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
    const lr = check('lr', readNumber(values.lr as string, LAB_LR, 'a positive number'));
    if (lr !== undefined) {
      runs = runs.map((run, index) => {
        if (!isObject(run) || !isObject(run.optimizer)) return run;
        const optimizer = withDefaultLr(run.optimizer, lr);
        if (optimizer !== run.optimizer) provenance.push([`runs[${index}].optimizer.lr`, 'lr']);
        return { ...run, optimizer };
      });
    }
  }
  if (defaultRun && (runs[0].optimizer as { lr?: number }).lr === undefined) {
    runs = [structuredClone(DEFAULT_RUN)];
  }

  /** One value for every run that sets none, or one per run; the attribute is remembered. */
  const fillRuns = (key: 'scheduler' | 'swa', given: readonly unknown[], noun: string) => {
    if (given.length > 1 && given.length !== runs.length) {
      problems.push({
        attribute: key,
        message: `${key}: got ${given.length} ${noun} for ${runs.length} runs; give one, or one per run`,
      });
      return;
    }
    runs = runs.map((run, index) => {
      if (!isObject(run) || run[key] !== undefined) return run;
      provenance.push([`runs[${index}].${key}`, key]);
      return { ...run, [key]: given[given.length === 1 ? 0 : index] };
    });
  };
  if (present(values.scheduler)) {
    const schedulers = check('scheduler', parseSchedulerAttribute(String(values.scheduler)));
    if (schedulers) fillRuns('scheduler', schedulers, 'schedulers');
  }
  if (present(values.swa)) {
    const settings = check('swa', parseSwaAttribute(String(values.swa)));
    if (settings) fillRuns('swa', settings, 'SWA settings');
  }
  const backend = present(values.backend)
    ? check('backend', parseBackendAttribute(String(values.backend)))
    : undefined;
  const hidden = present(values.hide)
    ? check('hide', parseHideAttribute(String(values.hide)))
    : undefined;

  const setup: LabSetup = {
    experiment: { ...settings, runs },
    backend: backend ?? 'auto',
    hidden: hidden ?? new Set<LabSection>(),
    problems,
    provenance,
  };
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
    parseExperimentConfig(fillExperimentHorizons(setup.experiment));
    return undefined;
  } catch (error) {
    // Anything but a config problem is a bug, not the author's: the trainer will report it.
    if (!(error instanceof ConfigError)) return undefined;
    return attributeProblem(error, setup.provenance);
  }
}

/** A refused field reworded for the author: the attribute first, the field's path after. */
export function attributeProblem(
  error: ConfigError,
  provenance: Provenance,
): AttributeProblem | undefined {
  const attribute = attributeForPath(error.path, provenance);
  if (!attribute) return undefined;
  return { attribute, message: `${attribute}: ${error.detail} (${error.path})` };
}

/**
 * A failed call in words: `detail` for optim-error, `shown` for the lab's problems list. A
 * field the worker refused names the attribute that set it; a crash says how to go on.
 */
export function describeFailure(
  error: Error,
  kind: 'refused' | 'failed' | 'crashed',
  provenance: Provenance,
): { detail: { message: string; attribute?: LabAttribute }; shown: string } {
  if (kind === 'crashed') {
    return {
      detail: { message: error.message },
      shown: `The training worker stopped: ${error.message}. Press play to start a new one.`,
    };
  }
  const problem = error instanceof ConfigError ? attributeProblem(error, provenance) : undefined;
  return {
    detail: problem ?? { message: error.message },
    shown: problem?.message ?? error.message,
  };
}

/**
 * A run that stopped with an error as it trained, in words: a failure about a field (a lambda
 * that cannot be evaluated at some epoch) names the attribute that set it, as refusals do.
 */
export function describeRunFailure(
  run: RunSnapshot,
  provenance: Provenance,
): { detail: { message: string; attribute?: LabAttribute }; shown: string } {
  const field = run.errorField;
  const attribute = field === undefined ? undefined : attributeForPath(field, provenance);
  const error = run.error ?? 'error';
  if (!field || !attribute) {
    const message = runFailureMessage(run, error);
    return { detail: { message }, shown: message };
  }
  const detail = error.startsWith(`${field}: `) ? error.slice(field.length + 2) : error;
  const message = runFailureMessage(run, `${attribute}: ${detail} (${field})`);
  return { detail: { message, attribute }, shown: message };
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
