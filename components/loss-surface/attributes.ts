/**
 * What `<loss-surface>`'s attributes say, as one validated surface config. A preset gives the
 * starting config; each attribute the author wrote replaces its part of it. Text is turned
 * into values here (`start="x,y"`, `view="x0,x1,y0,y1"`, `runs` as JSON); every range and
 * rule is the surface config's own (parseSurfaceConfig, TF-free, the same parser the worker
 * runs), whose ConfigError paths are the attribute names. A bad attribute is reported,
 * naming it, and left out, so the element still shows what the others describe. Pure: no DOM.
 */
import { ConfigError } from '../../src/protocol/validation';
import { parseSurfaceConfig } from '../../src/surface/config';
import type { SurfaceConfig, SurfaceConfigInput, SurfaceName } from '../../src/surface/types';
import type { ElementProblem } from '../shared/optim-element';
import { fail, quote, readJson, readNumber } from '../optim-lab/read-values';
import type { Parsed } from '../optim-lab/read-values';
import { PRESET_IDS, presetById } from './presets';
import type { SurfacePreset } from './presets';

/** The attributes that make the config, in the order they are read. */
export const CONFIG_ATTRIBUTES = [
  'preset',
  'function',
  'condition',
  'expression',
  'runs',
  'optimizers',
  'start',
  'view',
  'steps',
] as const;
export type ConfigAttribute = (typeof CONFIG_ATTRIBUTES)[number];
export type AttributeValues = Partial<Record<ConfigAttribute, string | null>>;

/** The runs when neither a preset nor `runs`/`optimizers` names any. */
export const DEFAULT_OPTIMIZERS = 'SGD+momentum Adam';

export interface SurfaceProblem extends ElementProblem {
  attribute: ConfigAttribute;
}

export interface ReadSurface {
  /** The validated config, or undefined when the attributes describe none. */
  config?: SurfaceConfig;
  preset?: SurfacePreset;
  problems: SurfaceProblem[];
}

/** Fields that belong to one function: a preset's are dropped when `function` names another. */
const FUNCTION_FIELDS = ['start', 'view', 'condition', 'expression'] as const;

/** "x,y", "x y", "[x, y]" or "(x, y)" -> numbers; `count` of them. */
function readNumbers(raw: string, count: number, example: string): Parsed<number[]> {
  const parts = raw
    .trim()
    .replace(/^[[(]|[\])]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const values = parts.map((part) => readNumber(part, {}));
  if (parts.length !== count || values.some((value) => !value.ok)) {
    return fail(
      `expected ${count} numbers separated by commas, e.g. "${example}", got ${quote(raw)}`,
    );
  }
  return { ok: true, value: values.map((value) => (value.ok ? value.value : NaN)) };
}

type Reader = (raw: string) => Parsed<Partial<SurfaceConfigInput>>;

const READERS: Record<Exclude<ConfigAttribute, 'preset'>, Reader> = {
  // The name is checked by the config's schema, which lists the allowed ones.
  function: (raw) => ({ ok: true, value: { function: raw.trim() as SurfaceName } }),
  condition: (raw) => {
    const value = readNumber(raw, {});
    return value.ok ? { ok: true, value: { condition: value.value } } : value;
  },
  expression: (raw) => ({ ok: true, value: { expression: raw } }),
  runs: (raw) => {
    const json = readJson(raw);
    if (!json.ok) return json;
    const runs = Array.isArray(json.value) ? json.value : [json.value];
    return { ok: true, value: { runs: runs as SurfaceConfigInput['runs'] } };
  },
  optimizers: (raw) => ({ ok: true, value: { optimizers: raw } }),
  start: (raw) => {
    const value = readNumbers(raw, 2, '-1.5,2');
    return value.ok ? { ok: true, value: { start: [value.value[0], value.value[1]] } } : value;
  },
  view: (raw) => {
    const value = readNumbers(raw, 4, '-2,2,-1,3');
    if (!value.ok) return fail(`${value.message} (x min, x max, y min, y max)`);
    const [x0, x1, y0, y1] = value.value;
    return { ok: true, value: { view: { x: [x0, x1], y: [y0, y1] } } };
  },
  steps: (raw) => {
    const value = readNumber(raw, {});
    return value.ok ? { ok: true, value: { steps: value.value } } : value;
  },
};

function readPreset(raw: string | null | undefined): Parsed<SurfacePreset | undefined> {
  if (raw === null || raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
  const preset = presetById(raw.trim().toLowerCase());
  return preset
    ? { ok: true, value: preset }
    : fail(`expected one of ${PRESET_IDS.join(', ')}, got ${quote(raw)}`);
}

/** The config input the attributes describe (before validation), and what could not be read. */
function assemble(
  values: AttributeValues,
  preset: SurfacePreset | undefined,
): { input: SurfaceConfigInput; problems: SurfaceProblem[] } {
  const input: SurfaceConfigInput = structuredClone(preset?.config ?? {});
  const problems: SurfaceProblem[] = [];
  const given = (attribute: ConfigAttribute) => typeof values[attribute] === 'string';
  if (given('function') && values.function?.trim() !== input.function) {
    for (const field of FUNCTION_FIELDS) delete input[field];
  }
  if (given('runs') || given('optimizers')) {
    delete input.runs;
    delete input.optimizers;
  }
  for (const attribute of CONFIG_ATTRIBUTES) {
    const raw = values[attribute];
    if (attribute === 'preset' || typeof raw !== 'string') continue;
    const read = READERS[attribute](raw);
    if (read.ok) Object.assign(input, read.value);
    else problems.push({ attribute, message: `${attribute}: ${read.message}` });
  }
  if (input.runs === undefined && input.optimizers === undefined) {
    input.optimizers = DEFAULT_OPTIMIZERS;
  }
  return { input, problems };
}

/** The attribute a config path is about: its first key (`runs[0].optimizer.lr` -> runs). */
function attributeOf(path: string): ConfigAttribute | undefined {
  const key = path.split(/[.[]/)[0];
  return (CONFIG_ATTRIBUTES as readonly string[]).includes(key)
    ? (key as ConfigAttribute)
    : undefined;
}

function configProblem(error: ConfigError, attribute: ConfigAttribute): SurfaceProblem {
  const where = error.path === attribute ? '' : ` (${error.path})`;
  return { attribute, message: `${attribute}: ${error.detail}${where}` };
}

/**
 * Reads the attributes. Each one that cannot be read, or that the config refuses, is
 * reported and left out; the config is what the rest describe (undefined when even that
 * is refused, e.g. `function="expression"` without an `expression`).
 */
export function readSurfaceAttributes(raw: AttributeValues): ReadSurface {
  const values: AttributeValues = { ...raw };
  const problems: SurfaceProblem[] = [];
  const preset = readPreset(values.preset);
  if (!preset.ok) problems.push({ attribute: 'preset', message: `preset: ${preset.message}` });
  const chosen = preset.ok ? preset.value : undefined;
  // Each pass either validates or drops one more attribute: it ends within the attribute count.
  for (let pass = 0; pass <= CONFIG_ATTRIBUTES.length; pass++) {
    const { input, problems: unread } = assemble(values, chosen);
    for (const problem of unread) values[problem.attribute] = undefined;
    try {
      const config = parseSurfaceConfig(input);
      return { config, preset: chosen, problems: [...problems, ...unread] };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...unread);
      const attribute = attributeOf(error.path) ?? 'preset';
      problems.push(configProblem(error, attribute));
      // What the author wrote is left out; a problem in what they did not write stops here.
      if (typeof values[attribute] !== 'string') return { preset: chosen, problems };
      values[attribute] = undefined;
    }
  }
  return { preset: chosen, problems };
}
