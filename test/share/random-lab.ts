/**
 * Seeded random lab states for the share codec's round trips: valid experiment configs
 * (every dataset kind, model and training option, runs drawn from the PyTorch-checked
 * experiments, so every optimizer and scheduler shape) and UI states of any JSON shape.
 */
import type { Random } from '../../src/data/random';
import { ACTIVATIONS, DATASET_TYPES } from '../../src/protocol/experiment';
import type { ExperimentConfigInput, RunConfigInput } from '../../src/protocol/experiment';
import type { JsonValue, LabState, UiState } from '../../src/share';
import { EXPORT_EXPERIMENTS } from '../export/experiments';

const RUN_POOL: RunConfigInput[] = EXPORT_EXPERIMENTS.flatMap(({ config }) => config.runs);
const TEXT = [
  'a',
  'Z',
  ' ',
  '"',
  "'",
  '\\',
  '&',
  '=',
  '#',
  '%',
  '\n',
  'é',
  'λ',
  '学',
  '🚀',
  '+',
  '/',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(items.length)];
}

export function randomText(random: Random, most = 12): string {
  return Array.from({ length: random.int(most + 1) }, () => pick(random, TEXT)).join('');
}

/** A float JSON writes exactly (every finite double but -0, which JSON writes as 0). */
function randomNumber(random: Random): number {
  const kinds = [
    () => random.int(1000) - 500,
    () => Math.round(random.uniform(-1, 1) * 1000) / 1000,
    () => random.normal() * 10 ** (random.int(20) - 10),
  ];
  return pick(random, kinds)() + 0;
}

function randomJson(random: Random, depth: number): JsonValue {
  const kind = random.int(depth > 2 ? 4 : 6);
  if (kind === 0) return null;
  if (kind === 1) return random.next() < 0.5;
  if (kind === 2) return randomNumber(random);
  if (kind === 3) return randomText(random);
  if (kind === 4) return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
  return randomUi(random, depth + 1);
}

export function randomUi(random: Random, depth = 0): UiState {
  const ui: UiState = {};
  for (let i = random.int(5); i > 0; i--)
    ui[randomText(random, 6) || 'k'] = randomJson(random, depth);
  return ui;
}

function randomDataset(random: Random): ExperimentConfigInput['dataset'] {
  if (random.next() < 0.3) {
    const count = 1 + random.int(40);
    const coordinate = () => Math.round(random.uniform(-2, 2) * 1000) / 1000 + 0;
    const points =
      random.next() < 0.5
        ? Array.from({ length: count }, (): [number, number, 0 | 1] => [
            coordinate(),
            coordinate(),
            random.int(2) as 0 | 1,
          ])
        : Array.from({ length: count }, (): [number, number] => [coordinate(), coordinate()]);
    return { type: 'custom', points, ...(random.next() < 0.5 ? { seed: random.int(1000) } : {}) };
  }
  const dataset: ExperimentConfigInput['dataset'] = {};
  if (random.next() < 0.8) dataset.type = pick(random, DATASET_TYPES);
  if (random.next() < 0.5) dataset.samples = 10 + random.int(1000);
  if (random.next() < 0.5) dataset.noise = Math.round(random.uniform(0, 0.5) * 100) / 100;
  if (random.next() < 0.3) dataset.validationFraction = pick(random, [0, 0.1, 0.25, 0.5]);
  return dataset;
}

export function randomConfig(random: Random): ExperimentConfigInput {
  const config: ExperimentConfigInput = {
    runs: Array.from({ length: 1 + random.int(16) }, (_, i) => {
      const run: RunConfigInput = structuredClone(pick(random, RUN_POOL));
      if (random.next() < 0.5) run.id = `r${i}-${randomText(random, 4)}`;
      if (random.next() < 0.5) run.label = randomText(random, 30);
      else delete run.label;
      return run;
    }),
  };
  if (random.next() < 0.5) config.seed = random.int(0xffffffff);
  if (random.next() < 0.8) config.dataset = randomDataset(random);
  if (random.next() < 0.6) {
    config.model = {
      hidden: Array.from({ length: random.int(4) }, () => 1 + random.int(64)),
      activation: pick(random, ACTIVATIONS),
    };
  }
  if (random.next() < 0.6) {
    config.training = { batchSize: 1 + random.int(128) };
    if (random.next() < 0.5) config.training.epochs = 1 + random.int(200);
    else config.training.steps = 1 + random.int(5000);
  }
  return config;
}

export function randomLab(random: Random): LabState {
  const state: LabState = { config: randomConfig(random) };
  if (random.next() < 0.7) state.ui = randomUi(random);
  return state;
}
