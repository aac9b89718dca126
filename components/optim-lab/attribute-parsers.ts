/**
 * The lab's structured attributes, each read on its own so a message names what the author
 * wrote: `optimizer` (names or JSON), `scheduler` and `swa` (JSON), `config` (the whole
 * experiment), `backend` and `hide`. Only the shape is checked here (a type the config modules know);
 * every option is checked afterwards by the trainer's own parser (see checkExperiment).
 */
import { BACKEND_ORDER } from '../../src/backend/types';
import type { BackendPreference } from '../../src/backend/types';
import { OPTIMIZER_TYPES } from '../../src/optim/defaults';
import type { OptimizerConfig } from '../../src/optim/types';
import { MAX_RUNS } from '../../src/protocol/experiment';
import type { SwaConfigInput } from '../../src/protocol/experiment';
import type { LabExperimentInput, SchedulerConfigInput } from '../../src/protocol/horizon';
import { SCHEDULER_TYPES } from '../../src/schedule/config';
import { fail, quote, readChoice, readJson } from './read-values';
import type { Parsed } from './read-values';
import { LAB_SECTIONS, matchName } from './vocabulary';
import type { LabSection } from './vocabulary';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON text that is an object or array, as a list of entries; else the words split. */
function entriesOf(text: string): Parsed<unknown[]> {
  if (!text.startsWith('{') && !text.startsWith('[')) {
    return { ok: true, value: text.split(/[\s,]+/).filter(Boolean) };
  }
  const json = readJson(text);
  if (!json.ok) return json;
  return { ok: true, value: Array.isArray(json.value) ? json.value : [json.value] };
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
  return { ok: true, value: { ...entry, type } as unknown as OptimizerConfig };
}

/** `"SGD Adam"`, `"AdamW"`, `{"type":"SGD","momentum":0.9}` or a JSON array of either. */
export function parseOptimizerAttribute(raw: string): Parsed<OptimizerConfig[]> {
  const entries = entriesOf(raw.trim());
  if (!entries.ok) return entries;
  const list = entries.value;
  if (list.length === 0) return fail('expected at least one optimizer');
  if (list.length > MAX_RUNS) return fail(`expected at most ${MAX_RUNS} runs, got ${list.length}`);
  const configs: OptimizerConfig[] = [];
  for (const [index, entry] of list.entries()) {
    const parsed = parseOptimizerEntry(entry);
    if (!parsed.ok) {
      return fail(list.length > 1 ? `run ${index + 1}: ${parsed.message}` : parsed.message);
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
export function parseSchedulerAttribute(raw: string): Parsed<SchedulerConfigInput[]> {
  const text = raw.trim();
  if (/^none$/i.test(text)) return { ok: true, value: [{ type: 'None' }] };
  if (!text.startsWith('{') && !text.startsWith('[')) {
    return fail(
      `expected a scheduler config as JSON, e.g. {"type":"StepLR","stepSize":100}, got ${quote(raw)}`,
    );
  }
  const entries = entriesOf(text);
  if (!entries.ok) return entries;
  if (entries.value.length === 0) return fail('expected at least one scheduler');
  for (const [index, entry] of entries.value.entries()) {
    const problem = checkSchedulerShape(entry, entries.value.length > 1 ? `[${index}]: ` : '');
    if (problem) return fail(problem);
  }
  return { ok: true, value: entries.value as SchedulerConfigInput[] };
}

/**
 * Stochastic Weight Averaging as JSON: `{"start":30,"swaLr":0.05}` for every run, a JSON array
 * (one per run, null for a run without), or the bare word "none".
 */
export function parseSwaAttribute(raw: string): Parsed<(SwaConfigInput | null)[]> {
  const text = raw.trim();
  if (/^none$/i.test(text)) return { ok: true, value: [null] };
  const example = '{"start":30,"swaLr":0.05}';
  if (!text.startsWith('{') && !text.startsWith('[')) {
    return fail(`expected SWA settings as JSON, e.g. ${example}, got ${quote(raw)}`);
  }
  const entries = entriesOf(text);
  if (!entries.ok) return entries;
  if (entries.value.length === 0) return fail('expected at least one SWA setting');
  for (const [index, entry] of entries.value.entries()) {
    if (entry !== null && !isObject(entry)) {
      const where = entries.value.length > 1 ? `[${index}]: ` : '';
      return fail(`${where}expected an object like ${example} (or null for none)`);
    }
  }
  return { ok: true, value: entries.value as (SwaConfigInput | null)[] };
}

export function parseConfigAttribute(raw: string | LabExperimentInput): Parsed<LabExperimentInput> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    const json = readJson(raw);
    if (!json.ok) return json;
    value = json.value;
  }
  if (!isObject(value)) {
    return fail(
      'expected an experiment as a JSON object, e.g. {"runs":[{"optimizer":{"type":"Adam"}}]}',
    );
  }
  // A deep copy: the lab fills in defaults and must never write into the author's object.
  return { ok: true, value: structuredClone(value) as unknown as LabExperimentInput };
}

export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', ...BACKEND_ORDER];

export function parseBackendAttribute(raw: string): Parsed<BackendPreference> {
  return readChoice(raw, BACKEND_PREFERENCES);
}

export function parseHideAttribute(raw: string): Parsed<Set<LabSection>> {
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
