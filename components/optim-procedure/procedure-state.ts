/**
 * A procedure's state as a link or a JSON file carries it (the codec is src/share, kind
 * `optim-procedure`): enough to come back to the same point of the path, not what was
 * trained (the step labs train again). `config` is the recipe the procedure started from
 * (its problem and step 1's preset run); `ui` is where the learner is and what they did:
 *
 *     { "step": 4,
 *       "choices": { "preset": "fastai", "finderOptimizer": "RAdam", "schedule": "OneCycleLR",
 *                    "scheduleEdit": {...}, "searchRuns": "8", "searchSeed": "1" },
 *       "adopted": [{ "step": 0, "how": "the fastai 1cycle preset", "recipe": {...} }, ...] }
 *
 * Reading checks everything before anything is used, and names what is wrong by its path
 * (`ui.step: ...`, `ui.adopted[1].recipe.runs[0].optimizer.lr: ...`). Pure: no DOM, no Lit.
 */
import { parseExperimentConfig } from '../../src/protocol/experiment';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import { fillRunHorizon } from '../../src/protocol/horizon';
import type { LabExperimentInput } from '../../src/protocol/horizon';
import { ConfigError } from '../../src/protocol/validation';
import { parseSchedulerConfig } from '../../src/schedule/config';
import { ShareError } from '../../src/share/errors';
import type { JsonValue, LabState, UiState } from '../../src/share/state';
import { DEFAULT_PRESET, PRESETS } from './presets';
import { horizonOf, makeRecipe } from './recipe';
import type { Recipe } from './recipe';
import { DEFAULT_SEARCH_RUNS } from './random-search';
import { SCHEDULE_CHOICES } from './schedules';
import { FINDER_OPTIMIZERS } from './step-host';
import type { ProcedureChoices } from './step-host';
import type { Adoption } from './trail';

/** Where a procedure is and what the learner did along it. */
export interface ProcedureSnapshot {
  /** The recipe before step 1. */
  start: Recipe;
  /** The step shown, 0-based. */
  step: number;
  choices: ProcedureChoices;
  /** What each step adopted, in step order. */
  adopted: [step: number, adoption: Adoption][];
}

/** The choices of a procedure nobody has touched yet. */
export function defaultChoices(preset = DEFAULT_PRESET, seed = 1): ProcedureChoices {
  return {
    preset,
    finderOptimizer: 'Adam',
    searchRuns: String(DEFAULT_SEARCH_RUNS),
    searchSeed: String(seed),
  };
}

/** The snapshot as a shared state. */
export function procedureState(snapshot: ProcedureSnapshot): LabState {
  const ui = {
    step: snapshot.step,
    // A choice undone is left out (JSON has no undefined).
    choices: Object.fromEntries(
      Object.entries(snapshot.choices).filter(([, value]) => value !== undefined),
    ),
    adopted: snapshot.adopted.map(([step, { how, recipe }]) => ({ step, how, recipe })),
  };
  // Recipes and choices are configs and strings: JSON data (the codec checks it again).
  return { config: snapshot.start, ui: ui as unknown as UiState };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const shape = (path: string, detail: string) => new ShareError('shape', `${path}: ${detail}`);
const quoted = (value: unknown) => JSON.stringify(value) ?? String(value);

function only(value: Record<string, unknown>, path: string, keys: readonly string[]): void {
  const unknown = Object.keys(value).find((key) => !keys.includes(key));
  if (unknown !== undefined) {
    throw shape(`${path}.${unknown}`, `unknown field (known: ${keys.join(', ')})`);
  }
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  throw shape(path, `must be one of ${allowed.join(', ')}, got ${quoted(value)}`);
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw shape(path, `must be text, got ${quoted(value)}`);
  return value;
}

function stepIndex(value: unknown, path: string, steps: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < steps) {
    return value;
  }
  throw shape(path, `must be a step from 0 to ${steps - 1}, got ${quoted(value)}`);
}

/**
 * A recipe as a state holds it (its first run is the recipe's; a schedule length left out
 * spans its training), checked by the trainer's parser; a problem is named under `path`
 * ('' for the state's own config, whose paths the lab's states name from its root too).
 */
function recipeAt(value: unknown, path: string): Recipe {
  if (!isObject(value) || !Array.isArray(value.runs) || value.runs.length === 0) {
    throw shape(
      path || 'config',
      'must be an experiment whose first run is the recipe, e.g. { "runs": [...] }',
    );
  }
  const { runs, ...settings } = value as unknown as LabExperimentInput;
  const recipe = makeRecipe(settings, fillRunHorizon(runs[0], horizonOf(settings)));
  try {
    parseExperimentConfig(recipe);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(path ? `${path}.${error.path}` : error.path, error.detail);
  }
  return recipe;
}

function readChoices(value: unknown, fallback: ProcedureChoices): ProcedureChoices {
  if (value === undefined) return fallback;
  const path = 'ui.choices';
  if (!isObject(value)) throw shape(path, 'must be an object');
  only(value, path, [
    'preset',
    'finderOptimizer',
    'schedule',
    'scheduleEdit',
    'searchRuns',
    'searchSeed',
  ]);
  const read = <T>(key: string, parse: (v: unknown, p: string) => T, otherwise: T): T =>
    value[key] === undefined ? otherwise : parse(value[key], `${path}.${key}`);
  const choices: ProcedureChoices = {
    preset: read(
      'preset',
      (v, p) =>
        oneOf(
          v,
          p,
          PRESETS.map((preset) => preset.id),
        ),
      fallback.preset,
    ),
    finderOptimizer: read(
      'finderOptimizer',
      (v, p) => oneOf(v, p, FINDER_OPTIMIZERS),
      fallback.finderOptimizer,
    ),
    searchRuns: read('searchRuns', text, fallback.searchRuns),
    searchSeed: read('searchSeed', text, fallback.searchSeed),
  };
  const schedule = read('schedule', (v, p) => oneOf(v, p, SCHEDULE_CHOICES), undefined);
  if (schedule) choices.schedule = schedule;
  const edit = read('scheduleEdit', (v, p) => parseSchedulerConfig(v, p), undefined);
  // Kept as written (the parser filled defaults in): the step shows it as the learner left it.
  if (edit) choices.scheduleEdit = value.scheduleEdit as typeof edit;
  return choices;
}

function readAdopted(value: unknown, steps: number): [number, Adoption][] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw shape('ui.adopted', 'must be a list');
  let last = -1;
  return value.map((entry: JsonValue, index): [number, Adoption] => {
    const path = `ui.adopted[${index}]`;
    if (!isObject(entry))
      throw shape(path, 'must be an object like { "step": 0, "how": "...", "recipe": {...} }');
    only(entry, path, ['step', 'how', 'recipe']);
    const step = stepIndex(entry.step, `${path}.step`, steps);
    if (step <= last)
      throw shape(`${path}.step`, `must come after step ${last} (one adoption a step, in order)`);
    last = step;
    return [
      step,
      { how: text(entry.how, `${path}.how`), recipe: recipeAt(entry.recipe, `${path}.recipe`) },
    ];
  });
}

/**
 * Reads a shared state of a procedure with `steps` steps; throws a ShareError or ConfigError
 * (naming the path) for anything it cannot use, before anything is used.
 */
export function readProcedureState(state: LabState, steps: number): ProcedureSnapshot {
  const start = recipeAt(state.config as unknown as ExperimentConfigInput, '');
  const ui = state.ui ?? {};
  only(ui, 'ui', ['step', 'choices', 'adopted']);
  const seed = start.seed ?? 1;
  return {
    start,
    step: ui.step === undefined ? 0 : stepIndex(ui.step, 'ui.step', steps),
    choices: readChoices(ui.choices, defaultChoices(DEFAULT_PRESET, seed)),
    adopted: readAdopted(ui.adopted, steps),
  };
}
