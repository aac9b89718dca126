/**
 * A lab's whole state, as a link or a JSON file carries it: the experiment config as the
 * author or learner set it (an ExperimentConfigInput, defaults left out, so it stays small
 * and picks up better defaults later) and the element's own UI state (which run is
 * selected, which sections are open: a small JSON object the element gives and reads back).
 *
 * As JSON: `{ "optim-lab": 1, "config": { ... }, "ui": { ... } }`; the marker names the
 * format and its version. A bare experiment config (an object with `runs`) reads as a state
 * without UI state, so a config written by hand can be pasted too.
 */
import { parseExperimentConfig } from '../protocol/experiment';
import { fillExperimentHorizons } from '../protocol/horizon';
import type { LabExperimentInput } from '../protocol/horizon';
import { MAX_STATE_BYTES } from './bytes';
import { ShareError } from './errors';

/** The version of the state format this code writes and reads. */
export const SHARE_VERSION = 1;
/** The key that marks a JSON object as optim-lab state; its value is the version. */
export const STATE_MARKER = 'optim-lab';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** The element's UI state: whatever small JSON object it gives. */
export type UiState = { [key: string]: JsonValue };

export interface LabState {
  /** As the lab holds it: a schedule's length left out follows the training (src/protocol/horizon). */
  config: LabExperimentInput;
  ui?: UiState;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path of the first value in `value` that JSON cannot carry as it is, if any. */
function nonJson(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonJson(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const found = nonJson(item, `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return path;
}

/**
 * Checks a state (as read from JSON or given by an element) and returns it with only its
 * own fields. A config problem is the ConfigError parseExperimentConfig throws.
 */
export function checkLabState(state: unknown): LabState {
  if (!isObject(state)) throw new ShareError('shape', 'a lab state must be an object');
  const { config, ui } = state;
  if (!isObject(config)) {
    throw new ShareError(
      'shape',
      'config: must be an experiment config object, e.g. { "runs": [...] }',
    );
  }
  if (ui !== undefined) {
    if (!isObject(ui)) throw new ShareError('shape', 'ui: must be an object');
    const bad = nonJson(ui, 'ui');
    if (bad)
      throw new ShareError(
        'shape',
        `${bad}: must be JSON data (null, true, a finite number, text, a list or an object)`,
      );
  }
  // Lengths left to the training are checked as the training they follow would fill them.
  parseExperimentConfig(fillExperimentHorizons(config as unknown as LabExperimentInput));
  // parseExperimentConfig accepted it, so it is an input it reads.
  const out: LabState = { config: config as unknown as LabExperimentInput };
  if (ui !== undefined) out.ui = ui as UiState;
  return out;
}

/** The state as the JSON object a file or a link holds. */
export function stateEnvelope(state: LabState): Record<string, unknown> {
  const checked = checkLabState(state);
  const envelope: Record<string, unknown> = {
    [STATE_MARKER]: SHARE_VERSION,
    config: checked.config,
  };
  if (checked.ui !== undefined) envelope.ui = checked.ui;
  return envelope;
}

/** Reads the JSON object of a file or a link (see the module comment for the forms). */
export function stateFromEnvelope(value: unknown): LabState {
  if (!isObject(value)) {
    throw new ShareError('format', 'not an optim-lab state: expected a JSON object');
  }
  if (!(STATE_MARKER in value)) {
    if ('runs' in value) return checkLabState({ config: value });
    throw new ShareError(
      'format',
      `not an optim-lab state: expected { "${STATE_MARKER}": ${SHARE_VERSION}, "config": { ... } } or an experiment config with "runs"`,
    );
  }
  const version = value[STATE_MARKER];
  if (version !== SHARE_VERSION) {
    throw new ShareError(
      'version',
      typeof version === 'number' && Number.isInteger(version) && version > SHARE_VERSION
        ? `this state was saved by a newer optim-lab (format ${version}); this page reads format ${SHARE_VERSION}`
        : `unknown state format ${JSON.stringify(version)}; this page reads format ${SHARE_VERSION}`,
    );
  }
  const unknown = Object.keys(value).filter((key) => ![STATE_MARKER, 'config', 'ui'].includes(key));
  if (unknown.length > 0)
    throw new ShareError('shape', `${unknown[0]}: unknown field (a state has config and ui)`);
  return checkLabState({ config: value.config, ui: value.ui });
}

/** The state as readable JSON (two-space indent), for a file or the clipboard. */
export function labStateToJson(state: LabState): string {
  return `${JSON.stringify(stateEnvelope(state), null, 2)}\n`;
}

/** Reads `labStateToJson`'s JSON, or a bare experiment config. */
export function labStateFromJson(text: string): LabState {
  if (text.length > MAX_STATE_BYTES) {
    throw new ShareError('size', `the state is larger than ${MAX_STATE_BYTES} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ShareError('json', `not valid JSON (${why})`);
  }
  return stateFromEnvelope(value);
}
