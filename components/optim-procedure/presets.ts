/**
 * Step 1's published recipes, each as its paper or library gives it, fitted to this problem's
 * length (milestones and warm-up as the same share of the training). They were tuned for
 * ImageNet, machine translation and fastai's datasets, not for a small MLP: how well they
 * transfer is the step's lesson, and steps 2 and 3 tune them.
 */
import type { Horizon, RunConfigInput } from '../../src/protocol/experiment';
import type { SchedulerConfig } from '../../src/schedule/types';

export interface Preset {
  id: 'resnet' | 'transformer' | 'fastai';
  name: string;
  /** Where the recipe comes from. */
  source: string;
  /** What it is, in a sentence. */
  summary: string;
  run(horizon: Horizon): RunConfigInput;
}

export type PresetId = Preset['id'];

/** Epoch `share` of the way through training (at least 1, so every milestone is reached). */
function epochAt(horizon: Horizon, share: number): number {
  const epochs = Math.max(1, Math.round(horizon.totalSteps / horizon.stepsPerEpoch));
  return Math.max(1, Math.round(epochs * share));
}

/**
 * Linear warm-up from 1 % of the lr over the first tenth of the steps, then cosine annealing
 * to 0 over the rest (SequentialLR: LinearLR, then CosineAnnealingLR), stepped per batch.
 */
export function warmupCosine(horizon: Horizon): SchedulerConfig {
  const warmup = Math.max(1, Math.round(horizon.totalSteps / 10));
  return {
    type: 'SequentialLR',
    schedulers: [
      { type: 'LinearLR', startFactor: 0.01, totalIters: warmup },
      { type: 'CosineAnnealingLR', tMax: Math.max(1, horizon.totalSteps - warmup) },
    ],
    milestones: [warmup],
  };
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'resnet',
    name: 'ResNet-style SGD',
    source: 'He et al. 2016, "Deep Residual Learning", sections 3.4 and 4.2',
    summary:
      'SGD at lr 0.1 with momentum 0.9 and weight decay 1e-4; MultiStepLR divides the lr by 10 at half and at three quarters of the training.',
    run: (horizon) => {
      const first = epochAt(horizon, 0.5);
      const second = Math.max(first + 1, epochAt(horizon, 0.75));
      return {
        optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, weightDecay: 1e-4 },
        scheduler: { type: 'MultiStepLR', milestones: [first, second], gamma: 0.1 },
        schedulerStepOn: 'epoch',
      };
    },
  },
  {
    id: 'transformer',
    name: 'Transformer-style AdamW',
    source:
      'Vaswani et al. 2017 (Adam, betas 0.9 / 0.98, warm-up); Loshchilov & Hutter 2019 (AdamW, cosine)',
    summary:
      'AdamW at lr 1e-3 with betas (0.9, 0.98) and weight decay 0.01; a linear warm-up over the first tenth of the steps, then cosine annealing to 0.',
    run: (horizon) => ({
      optimizer: { type: 'AdamW', lr: 1e-3, betas: [0.9, 0.98], weightDecay: 0.01 },
      scheduler: warmupCosine(horizon),
    }),
  },
  {
    id: 'fastai',
    name: 'fastai 1cycle',
    source: "fastai's fit_one_cycle (Smith 2018, super-convergence)",
    summary:
      "fastai's defaults: AdamW with betas (0.9, 0.99) and weight decay 0.01; OneCycleLR climbs to lr 1e-3 over the first quarter, anneals to 1e-3 / 25 / 1e5, and cycles the momentum 0.95 to 0.85 and back.",
    run: (horizon) => ({
      optimizer: { type: 'AdamW', lr: 1e-3, betas: [0.9, 0.99], weightDecay: 0.01 },
      scheduler: {
        type: 'OneCycleLR',
        maxLr: 1e-3,
        totalSteps: horizon.totalSteps,
        pctStart: 0.25,
        finalDivFactor: 1e5,
      },
    }),
  },
];

export const DEFAULT_PRESET: PresetId = 'resnet';

export function presetById(id: PresetId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset "${id}"`);
  return preset;
}
