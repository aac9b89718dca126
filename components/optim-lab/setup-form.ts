/**
 * The lab's dataset, model and training settings form: a template function, so the
 * element's class keeps to state and behaviour.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ExperimentConfigInput } from '../../src/protocol/experiment.js';
import { parseHiddenList } from './attributes.js';
import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  DATASETS,
  DATASET_LABELS,
  PROTOCOL_DEFAULTS,
} from './vocabulary.js';
import type { LabSection } from './vocabulary.js';

export type LabSettings = Omit<ExperimentConfigInput, 'runs'>;
export type SettingKey = 'dataset' | 'hidden' | 'activation' | 'batchSize' | 'epochs' | 'seed';

export interface SetupFormOptions {
  settings: LabSettings;
  /** Inline message per setting the reader typed wrongly. */
  problems: Readonly<Record<string, string>>;
  shows: (section: LabSection) => boolean;
  onChange: (key: SettingKey, raw: string) => void;
}

export type SettingEdit =
  { ok: true; apply: (draft: LabSettings) => void } | { ok: false; message: string };

/** Checks what the reader entered in one setting and says how to apply it. */
export function readSetting(key: SettingKey, raw: string): SettingEdit {
  const number = Number(raw);
  const integerIn = (min: number, max: number) =>
    raw.trim() !== '' && Number.isInteger(number) && number >= min && number <= max;
  switch (key) {
    case 'dataset':
      return { ok: true, apply: (d) => (d.dataset = { ...d.dataset, type: raw as never }) };
    case 'activation':
      return { ok: true, apply: (d) => (d.model = { ...d.model, activation: raw as never }) };
    case 'hidden': {
      const parsed = parseHiddenList(raw);
      return parsed.ok
        ? { ok: true, apply: (d) => (d.model = { ...d.model, hidden: parsed.value }) }
        : { ok: false, message: `Hidden layers: ${parsed.message}` };
    }
    case 'batchSize':
      return integerIn(1, 100_000)
        ? { ok: true, apply: (d) => (d.training = { ...d.training, batchSize: number }) }
        : { ok: false, message: `Batch size: expected an integer from 1 to 100000, got "${raw}"` };
    case 'epochs':
      return integerIn(1, 1_000_000)
        ? {
            ok: true,
            apply: (d) => {
              const training = { ...d.training, epochs: number };
              delete training.steps;
              d.training = training;
            },
          }
        : { ok: false, message: `Epochs: expected an integer from 1 to 1000000, got "${raw}"` };
    case 'seed':
      return integerIn(0, 0xffffffff)
        ? { ok: true, apply: (d) => (d.seed = number) }
        : { ok: false, message: `Seed: expected an integer from 0 to 4294967295, got "${raw}"` };
  }
}

export function setupForm(o: SetupFormOptions): TemplateResult | typeof nothing {
  const showData = o.shows('dataset');
  const showModel = o.shows('model');
  const showTraining = o.shows('training');
  if (!showData && !showModel && !showTraining) return nothing;
  const dataset = o.settings.dataset?.type ?? 'circle';
  const model = o.settings.model ?? {};
  const training = o.settings.training ?? {};
  const hiddenText = (model.hidden ?? [16, 16]).join(',') || 'none';
  const epochs = training.epochs ?? (training.steps === undefined ? PROTOCOL_DEFAULTS.epochs : '');
  const invalid = (key: string) => (o.problems[key] ? 'true' : 'false');
  return html`
    <fieldset class="setup" part="setup">
      <legend>Data and model</legend>
      ${
        showData
          ? html`<div class="field" part="field">
              <label for="dataset">Dataset</label>
              <select
                id="dataset"
                part="dataset-select"
                .value=${live(dataset)}
                @change=${(e: Event) => o.onChange('dataset', (e.target as HTMLSelectElement).value)}
              >
                ${DATASETS.map((name) => html`<option value=${name} ?selected=${name === dataset}>${DATASET_LABELS[name]}</option>`)}
              </select>
            </div>`
          : nothing
      }
      ${
        showModel
          ? html`<div class="field" part="field">
                <label for="hidden">Hidden layers</label>
                <input
                  id="hidden"
                  part="hidden-input"
                  type="text"
                  inputmode="numeric"
                  .value=${live(hiddenText)}
                  aria-invalid=${invalid('hidden')}
                  aria-describedby="hidden-hint"
                  @change=${(e: Event) => o.onChange('hidden', (e.target as HTMLInputElement).value)}
                />
                <span class="hint" id="hidden-hint">widths, e.g. 16,16</span>
              </div>
              <div class="field" part="field">
                <label for="activation">Activation</label>
                <select
                  id="activation"
                  part="activation-select"
                  .value=${live(model.activation ?? 'relu')}
                  @change=${(e: Event) => o.onChange('activation', (e.target as HTMLSelectElement).value)}
                >
                  ${ACTIVATIONS.map((name) => html`<option value=${name} ?selected=${name === (model.activation ?? 'relu')}>${ACTIVATION_LABELS[name]}</option>`)}
                </select>
              </div>`
          : nothing
      }
      ${
        showTraining
          ? html`<div class="field" part="field">
                <label for="batch-size">Batch size</label>
                <input
                  id="batch-size"
                  part="batch-size-input"
                  type="number"
                  min="1"
                  step="1"
                  .value=${live(String(training.batchSize ?? PROTOCOL_DEFAULTS.batchSize))}
                  aria-invalid=${invalid('batchSize')}
                  @change=${(e: Event) => o.onChange('batchSize', (e.target as HTMLInputElement).value)}
                />
              </div>
              <div class="field" part="field">
                <label for="epochs">Epochs</label>
                <input
                  id="epochs"
                  part="epochs-input"
                  type="number"
                  min="1"
                  step="1"
                  .value=${live(String(epochs))}
                  aria-invalid=${invalid('epochs')}
                  @change=${(e: Event) => o.onChange('epochs', (e.target as HTMLInputElement).value)}
                />
              </div>
              <div class="field" part="field">
                <label for="seed">Seed</label>
                <input
                  id="seed"
                  part="seed-input"
                  type="number"
                  min="0"
                  step="1"
                  .value=${live(String(o.settings.seed ?? 1))}
                  aria-invalid=${invalid('seed')}
                  @change=${(e: Event) => o.onChange('seed', (e.target as HTMLInputElement).value)}
                />
              </div>`
          : nothing
      }
    </fieldset>
  `;
}
