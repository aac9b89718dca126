/**
 * How many optimizer steps an experiment takes, computed on the page before any worker
 * exists (the LR-curve preview and schedulers that span "the whole training" need it).
 * Same rule as src/protocol's `totalSteps`: the validation split rounds its share down,
 * the last batch of an epoch may be smaller. Once training starts the worker's
 * `ProgressBatch.totalSteps` is the authority.
 */
import type { ExperimentConfigInput } from '../../src/protocol/experiment.js';
import type { SchedulerConfig } from '../../src/schedule/types.js';
import { PROTOCOL_DEFAULTS } from './vocabulary.js';

export interface Horizon {
  stepsPerEpoch: number;
  totalSteps: number;
}

export function experimentHorizon(experiment: ExperimentConfigInput): Horizon {
  const samples = experiment.dataset?.samples ?? PROTOCOL_DEFAULTS.samples;
  const fraction = experiment.dataset?.validationFraction ?? PROTOCOL_DEFAULTS.validationFraction;
  const batchSize = experiment.training?.batchSize ?? PROTOCOL_DEFAULTS.batchSize;
  const trainCount = samples - Math.floor(samples * fraction);
  const stepsPerEpoch = Math.max(1, Math.ceil(trainCount / batchSize));
  const steps = experiment.training?.steps;
  const epochs = experiment.training?.epochs ?? PROTOCOL_DEFAULTS.epochs;
  return { stepsPerEpoch, totalSteps: steps ?? epochs * stepsPerEpoch };
}

/**
 * A blog author should not have to work out OneCycleLR's `totalSteps` or a cosine's `tMax`
 * by hand: where they are left out, the schedule spans the steps it has left (inside
 * SequentialLR, the steps after its milestone). Options that are given are kept as given.
 * Counts are in scheduler steps: optimizer steps, or epochs when the run steps per epoch.
 */
export function fillScheduleHorizon(config: SchedulerConfig, span: number): SchedulerConfig {
  const steps = Math.max(1, Math.round(span));
  switch (config.type) {
    case 'OneCycleLR':
      return { ...config, totalSteps: config.totalSteps ?? steps };
    case 'CosineAnnealingLR':
      return { ...config, tMax: config.tMax ?? steps };
    case 'PolynomialLR':
      return { ...config, totalIters: config.totalIters ?? steps };
    case 'SequentialLR': {
      const milestones = Array.isArray(config.milestones) ? config.milestones : [];
      const schedulers = Array.isArray(config.schedulers) ? config.schedulers : [];
      return {
        ...config,
        schedulers: schedulers.map((inner, index) => {
          const start = index === 0 ? 0 : (milestones[index - 1] ?? 0);
          const end = milestones[index] ?? steps;
          return fillScheduleHorizon(inner, Math.max(1, end - start));
        }),
      };
    }
    default:
      return config;
  }
}
