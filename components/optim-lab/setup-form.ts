/**
 * The lab's dataset, model and training settings form: a template function, so the
 * element's class keeps to state and behaviour. What each setting accepts is in
 * lab-fields.ts; what it shows when left out is the config's own default.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { CUSTOM_DATASET } from '../../src/protocol/custom-points';
import { ACTIVATIONS, DATASET_TYPES, EXPERIMENT_DEFAULTS } from '../../src/protocol/experiment';
import type { DatasetConfig } from '../../src/protocol/experiment';
import { labField } from './lab-fields';
import type { LabSettings, SettingKey } from './lab-fields';
import { ACTIVATION_LABELS, DATASET_LABELS } from './vocabulary';
import type { LabSection } from './vocabulary';

export type { LabSettings, SettingKey } from './lab-fields';

export interface SetupFormOptions {
  settings: LabSettings;
  /** Inline message per setting the reader typed wrongly. */
  problems: Readonly<Partial<Record<SettingKey, string>>>;
  shows: (section: LabSection) => boolean;
  onChange: (key: SettingKey, raw: string) => void;
}

export type SettingEdit =
  { ok: true; apply: (draft: LabSettings) => void } | { ok: false; message: string };

/** Checks what the reader entered in one setting and says how to apply it. */
export function readSetting(key: SettingKey, raw: string): SettingEdit {
  const field = labField(key);
  const problem = field.set(structuredClone({}), raw);
  if (problem) return { ok: false, message: `${field.label}: ${problem}` };
  return { ok: true, apply: (draft) => void field.set(draft, raw) };
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

function select<T extends string>(
  o: SetupFormOptions,
  key: SettingKey,
  part: string,
  current: T,
  options: readonly T[],
  labels: Record<T, string>,
): TemplateResult {
  const id = labField(key).attribute;
  return html`<div class="field" part="field">
    <label for=${id}>${labField(key).label}</label>
    <select
      id=${id}
      part=${part}
      .value=${live(current)}
      @change=${(e: Event) => o.onChange(key, value(e))}
    >
      ${options.map((name) => html`<option value=${name} ?selected=${name === current}>${labels[name]}</option>`)}
    </select>
  </div>`;
}

function entry(
  o: SetupFormOptions,
  key: SettingKey,
  part: string,
  text: string,
  attrs: { type: 'text' | 'number'; min?: number; hint?: string },
): TemplateResult {
  const id = labField(key).attribute;
  const hintId = attrs.hint ? `${id}-hint` : undefined;
  return html`<div class="field" part="field">
    <label for=${id}>${labField(key).label}</label>
    <input
      id=${id}
      part=${part}
      type=${attrs.type}
      inputmode=${attrs.type === 'text' ? 'numeric' : nothing}
      min=${attrs.min ?? nothing}
      step=${attrs.type === 'number' ? '1' : nothing}
      .value=${live(text)}
      aria-invalid=${o.problems[key] ? 'true' : 'false'}
      aria-describedby=${hintId ?? nothing}
      @change=${(e: Event) => o.onChange(key, value(e))}
    />
    ${attrs.hint ? html`<span class="hint" id=${hintId}>${attrs.hint}</span>` : nothing}
  </div>`;
}

export function setupForm(o: SetupFormOptions): TemplateResult | typeof nothing {
  const showData = o.shows('dataset');
  const showModel = o.shows('model');
  const showTraining = o.shows('training');
  if (!showData && !showModel && !showTraining) return nothing;
  const defaults = EXPERIMENT_DEFAULTS;
  const model = o.settings.model ?? {};
  const training = o.settings.training ?? {};
  const layers = (model.hidden ?? defaults.model.hidden).join(',') || 'none';
  const epochs = training.epochs ?? (training.steps === undefined ? defaults.training.epochs : '');
  const datasetType = o.settings.dataset?.type ?? defaults.dataset.type;
  // "Your own points" is offered while they are the dataset; a generated type replaces them.
  const datasetTypes: readonly DatasetConfig['type'][] =
    datasetType === CUSTOM_DATASET ? [...DATASET_TYPES, CUSTOM_DATASET] : DATASET_TYPES;
  return html`
    <fieldset class="setup" part="setup">
      <legend>Data and model</legend>
      ${
        showData
          ? select(o, 'dataset', 'dataset-select', datasetType, datasetTypes, DATASET_LABELS)
          : nothing
      }
      ${
        showModel
          ? html`${entry(o, 'layers', 'layers-input hidden-input', layers, {
              type: 'text',
              hint: 'widths, e.g. 16,16',
            })}
            ${select(
              o,
              'activation',
              'activation-select',
              model.activation ?? defaults.model.activation,
              ACTIVATIONS,
              ACTIVATION_LABELS,
            )}`
          : nothing
      }
      ${
        showTraining
          ? html`${entry(
              o,
              'batchSize',
              'batch-size-input',
              String(training.batchSize ?? defaults.training.batchSize),
              { type: 'number', min: 1 },
            )}
            ${entry(o, 'epochs', 'epochs-input', String(epochs), { type: 'number', min: 1 })}
            ${entry(o, 'seed', 'seed-input', String(o.settings.seed ?? defaults.seed), {
              type: 'number',
              min: 0,
            })}`
          : nothing
      }
    </fieldset>
  `;
}
