/**
 * Schedules that span "the whole training" (OneCycleLR's totalSteps, a cosine's tMax) get
 * their length from the experiment's horizon, which src/protocol computes for inputs too.
 */
import type { SchedulerConfig } from '../../src/schedule/types';

export { experimentHorizon } from '../../src/protocol/experiment';
export type { Horizon } from '../../src/protocol/experiment';

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
