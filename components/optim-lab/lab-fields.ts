/**
 * The lab's dataset, model and training settings, each once: the attribute that sets it,
 * the label of its control, where it lives in the experiment config, and how text becomes
 * its value (checked with the config schema's own field, src/protocol/experiment.ts). The
 * attributes and the settings form both read through this table, so a setting is added by
 * one entry here and one control in setup-form.ts.
 */
import {
  ACTIVATIONS,
  DATASET_TYPES,
  seedSchema,
  trainingFields,
} from '../../src/protocol/experiment';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import { readChoice, readField, readLayers } from './read-values';
import type { Parsed } from './read-values';

export type LabSettings = Omit<ExperimentConfigInput, 'runs'>;

export interface LabField {
  /** The property (and settings key); the attribute is `attribute`. */
  key: 'dataset' | 'layers' | 'activation' | 'batchSize' | 'epochs' | 'seed';
  attribute: 'dataset' | 'layers' | 'activation' | 'batch-size' | 'epochs' | 'seed';
  /** The control's label, which also starts its messages. */
  label: string;
  /** The config paths the setting writes (for naming the attribute behind a trainer error). */
  paths: readonly string[];
  /** Writes what `raw` says into `draft`; returns why it cannot instead. */
  set(draft: LabSettings, raw: string): string | undefined;
}

export type SettingKey = LabField['key'];

function field<T>(
  spec: Omit<LabField, 'set'> & {
    read: (raw: string) => Parsed<T>;
    write: (draft: LabSettings, value: T) => void;
  },
): LabField {
  const { read, write, ...rest } = spec;
  return {
    ...rest,
    set(draft, raw) {
      const parsed = read(raw);
      if (!parsed.ok) return parsed.message;
      write(draft, parsed.value);
      return undefined;
    },
  };
}

export const LAB_FIELDS: readonly LabField[] = [
  field({
    key: 'dataset',
    attribute: 'dataset',
    label: 'Dataset',
    paths: ['dataset.type'],
    read: (raw) => readChoice(raw, DATASET_TYPES),
    // A generated dataset replaces custom points (a config may not hold both).
    write: (d, type) => {
      const { points: _replaced, ...dataset } = d.dataset ?? {};
      d.dataset = { ...dataset, type };
    },
  }),
  field({
    key: 'layers',
    attribute: 'layers',
    label: 'Hidden layers',
    paths: ['model.hidden'],
    read: readLayers,
    write: (d, hidden) => (d.model = { ...d.model, hidden }),
  }),
  field({
    key: 'activation',
    attribute: 'activation',
    label: 'Activation',
    paths: ['model.activation'],
    read: (raw) => readChoice(raw, ACTIVATIONS),
    write: (d, activation) => (d.model = { ...d.model, activation }),
  }),
  field({
    key: 'batchSize',
    attribute: 'batch-size',
    label: 'Batch size',
    paths: ['training.batchSize'],
    read: (raw) => readField(raw, trainingFields.batchSize),
    write: (d, batchSize) => (d.training = { ...d.training, batchSize }),
  }),
  field({
    key: 'epochs',
    attribute: 'epochs',
    label: 'Epochs',
    // The length replaces `steps` too, so a training-level error is the epochs' as well.
    paths: ['training.epochs', 'training'],
    read: (raw) => readField(raw, trainingFields.epochs),
    write: (d, epochs) => {
      const { steps: _replaced, ...training } = d.training ?? {};
      d.training = { ...training, epochs };
    },
  }),
  field({
    key: 'seed',
    attribute: 'seed',
    label: 'Seed',
    paths: ['seed'],
    read: (raw) => readField(raw, seedSchema),
    write: (d, seed) => (d.seed = seed),
  }),
];

export function labField(key: SettingKey): LabField {
  const found = LAB_FIELDS.find((f) => f.key === key);
  if (!found) throw new Error(`no lab setting "${key}"`);
  return found;
}
