/**
 * An element's whole state, as a link or a JSON file carries it: an experiment config as the
 * author or learner set it (defaults left out, schedule lengths left to the training, so it
 * stays small and picks up better defaults later) and the element's own UI state (which run
 * is selected, which step is shown: a small JSON object the element gives and reads back).
 *
 * Each kind of element has its own states (SHARE_KINDS): a lab's is its experiment, a
 * procedure's its starting recipe, and each reads only its own. As JSON:
 * `{ "optim-lab": 1, "config": { ... }, "ui": { ... } }`; the marker names the kind and the
 * format's version. A bare experiment config (an object with `runs`) reads as a state without
 * UI state, so a config written by hand can be pasted too.
 */
import { parseExperimentConfig } from '../protocol/experiment';
import { fillExperimentHorizons } from '../protocol/horizon';
import type { LabExperimentInput } from '../protocol/horizon';
import { MAX_STATE_BYTES } from './bytes';
import { ShareError } from './errors';

/** The version of the state format this code writes and reads. */
export const SHARE_VERSION = 1;
/**
 * The elements that share their state, each under its own name: the key that marks a JSON
 * object as that element's state (its value is the version) and its URL fragment entries.
 */
export const SHARE_KINDS = ['optim-lab', 'optim-procedure'] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];
/** The key that marks a JSON object as a lab's state: the lab's kind. */
export const STATE_MARKER: ShareKind = 'optim-lab';

/** What a kind's states are, for messages: "a lab's", "a procedure's". */
const OWNER: Record<ShareKind, string> = {
  'optim-lab': "a lab's (<optim-lab>)",
  'optim-procedure': "a procedure's (<optim-procedure>)",
};

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
export function stateEnvelope(
  state: LabState,
  kind: ShareKind = STATE_MARKER,
): Record<string, unknown> {
  const checked = checkLabState(state);
  const envelope: Record<string, unknown> = {
    [kind]: SHARE_VERSION,
    config: checked.config,
  };
  if (checked.ui !== undefined) envelope.ui = checked.ui;
  return envelope;
}

/** Reads the JSON object of a file or a link (see the module comment for the forms). */
export function stateFromEnvelope(value: unknown, kind: ShareKind = STATE_MARKER): LabState {
  if (!isObject(value)) {
    throw new ShareError('format', `not an ${kind} state: expected a JSON object`);
  }
  if (!(kind in value)) {
    const other = SHARE_KINDS.find((k) => k in value);
    if (other) {
      throw new ShareError(
        'format',
        `this is ${OWNER[other]} state, not ${OWNER[kind]}: restore it in that element`,
      );
    }
    if ('runs' in value) return checkLabState({ config: value });
    throw new ShareError(
      'format',
      `not an ${kind} state: expected { "${kind}": ${SHARE_VERSION}, "config": { ... } } or an experiment config with "runs"`,
    );
  }
  const version = value[kind];
  if (version !== SHARE_VERSION) {
    throw new ShareError(
      'version',
      typeof version === 'number' && Number.isInteger(version) && version > SHARE_VERSION
        ? `this state was saved by a newer optim-lab (format ${version}); this page reads format ${SHARE_VERSION}`
        : `unknown state format ${JSON.stringify(version)}; this page reads format ${SHARE_VERSION}`,
    );
  }
  const unknown = Object.keys(value).filter((key) => ![kind, 'config', 'ui'].includes(key));
  if (unknown.length > 0)
    throw new ShareError('shape', `${unknown[0]}: unknown field (a state has config and ui)`);
  return checkLabState({ config: value.config, ui: value.ui });
}

/** The state as readable JSON (two-space indent), for a file or the clipboard. */
export function labStateToJson(state: LabState, kind: ShareKind = STATE_MARKER): string {
  return `${JSON.stringify(stateEnvelope(state, kind), null, 2)}\n`;
}

/** Reads `labStateToJson`'s JSON, or a bare experiment config. */
export function labStateFromJson(text: string, kind: ShareKind = STATE_MARKER): LabState {
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
  return stateFromEnvelope(value, kind);
}
