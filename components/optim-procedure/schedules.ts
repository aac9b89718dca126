/**
 * Step 5's schedules, each fitted to the training's length, and which one answers what the
 * loss did (lossShape). The five the lesson names: step decay (StepLR, MultiStepLR), decay
 * on feedback (ReduceLROnPlateau, fed the validation loss at each evaluation) and the
 * algorithmic ones (OneCycleLR, CosineAnnealingWarmRestarts).
 */
import type { Horizon, RunConfigInput, SchedulerStepOn } from '../../src/protocol/experiment';
import type { SchedulerConfig } from '../../src/schedule/types';
import type { LossShape } from './loss-shape';
import { scheduleSpan } from './recipe';

export const SCHEDULE_CHOICES = [
  'StepLR',
  'MultiStepLR',
  'ReduceLROnPlateau',
  'OneCycleLR',
  'CosineAnnealingWarmRestarts',
] as const;
export type ScheduleChoice = (typeof SCHEDULE_CHOICES)[number];

export interface Schedule {
  scheduler: SchedulerConfig;
  schedulerStepOn: SchedulerStepOn;
}

/** What each schedule does, in a sentence (shown beside its choice). */
export const SCHEDULE_NOTES: Record<ScheduleChoice, string> = {
  StepLR: 'Divides the lr by 10 every third of the training.',
  MultiStepLR: 'Divides the lr by 10 at half and at three quarters of the training.',
  ReduceLROnPlateau:
    'Divides the lr by 10 when the validation loss has not improved for a tenth of the epochs.',
  OneCycleLR:
    'Climbs from lr / 25 to the lr over the first 30 % of the steps, then anneals to almost 0.',
  CosineAnnealingWarmRestarts:
    'Cosine annealing that restarts at the full lr, each cycle twice as long (1/7, 2/7, 4/7 of the steps).',
};

/** `type` as a run of `horizon` steps at peak lr `lr` would use it. */
export function scheduleFor(type: ScheduleChoice, lr: number, horizon: Horizon): Schedule {
  const epochs = scheduleSpan(horizon, 'epoch');
  const steps = horizon.totalSteps;
  const at = (share: number) => Math.max(1, Math.round(epochs * share));
  switch (type) {
    case 'StepLR':
      return {
        scheduler: { type, stepSize: at(1 / 3), gamma: 0.1 },
        schedulerStepOn: 'epoch',
      };
    case 'MultiStepLR': {
      const first = at(0.5);
      return {
        scheduler: { type, milestones: [first, Math.max(first + 1, at(0.75))], gamma: 0.1 },
        schedulerStepOn: 'epoch',
      };
    }
    case 'ReduceLROnPlateau':
      return {
        scheduler: { type, factor: 0.1, patience: Math.max(1, Math.round(epochs / 10)) },
        schedulerStepOn: 'epoch',
      };
    case 'OneCycleLR':
      return { scheduler: { type, maxLr: lr, totalSteps: steps }, schedulerStepOn: 'batch' };
    case 'CosineAnnealingWarmRestarts':
      return {
        scheduler: { type, t0: Math.max(1, Math.round(steps / 7)), tMult: 2 },
        schedulerStepOn: 'batch',
      };
  }
}

/** The run with `schedule` in place of its own. */
export function withSchedule(run: RunConfigInput, schedule: Schedule): RunConfigInput {
  return { ...run, scheduler: schedule.scheduler, schedulerStepOn: schedule.schedulerStepOn };
}

/** The schedule that answers what the loss did. */
export const ADVICE: Record<LossShape['kind'], ScheduleChoice> = {
  rising: 'OneCycleLR',
  'still-falling': 'OneCycleLR',
  noisy: 'MultiStepLR',
  plateau: 'ReduceLROnPlateau',
  settled: 'CosineAnnealingWarmRestarts',
};
