/**
 * Schedule lengths that follow the training. In a lab (its attributes, its run cards'
 * scheduler editors, a shared state) OneCycleLR's `totalSteps`, CosineAnnealingLR's `tMax`
 * and PolynomialLR's `totalIters` may be left out: the schedule then spans the whole training,
 * and spans it again whenever the training's length changes (epochs, batch size, the number
 * of points), however it changed. A length that is given stays as given. Inside SequentialLR
 * a schedule spans the steps after its milestone. Counts are in scheduler steps: optimizer
 * steps, or epochs for a run stepped per epoch.
 *
 * The trainer and toPyTorch take complete configs: `fillExperimentHorizons` makes one from
 * the experiment's own horizon, at the moment it is called. Pure: no DOM, no TF.js.
 */
import type {
  CosineAnnealingLRConfig,
  OneCycleLRConfig,
  SchedulerConfig,
  SequentialLRConfig,
} from '../schedule/types';
import { experimentHorizon } from './experiment';
import type { ExperimentConfigInput, Horizon, RunConfigInput, SchedulerStepOn } from './experiment';
import { isPlainObject } from '../schedule/values';

/** Each scheduler's option that spans the training, the one a lab may leave out. */
export const HORIZON_OPTIONS = {
  OneCycleLR: 'totalSteps',
  CosineAnnealingLR: 'tMax',
  PolynomialLR: 'totalIters',
} as const;

type Following<C, K extends keyof C> = Omit<C, K> & Partial<Pick<C, K>>;

/** A SchedulerConfig whose training-length option (HORIZON_OPTIONS) may be left out. */
export type SchedulerConfigInput =
  | Exclude<SchedulerConfig, { type: 'OneCycleLR' | 'CosineAnnealingLR' | 'SequentialLR' }>
  | Following<OneCycleLRConfig, 'totalSteps'>
  | Following<CosineAnnealingLRConfig, 'tMax'>
  | (Omit<SequentialLRConfig, 'schedulers'> & { schedulers: SchedulerConfigInput[] });

/** A run whose scheduler may leave its length to the training. */
export type LabRunInput = Omit<RunConfigInput, 'scheduler'> & { scheduler?: SchedulerConfigInput };

/** An experiment whose runs may leave their schedules' lengths to the training. */
export type LabExperimentInput = Omit<ExperimentConfigInput, 'runs'> & { runs: LabRunInput[] };

function horizonOption(type: unknown): string | undefined {
  return typeof type === 'string' && type in HORIZON_OPTIONS
    ? HORIZON_OPTIONS[type as keyof typeof HORIZON_OPTIONS]
    : undefined;
}

/** Scheduler steps in the whole training: optimizer steps, or epochs when stepped per epoch. */
export function scheduleSpan(horizon: Horizon, stepOn: SchedulerStepOn = 'batch'): number {
  return stepOn === 'epoch'
    ? Math.max(1, Math.round(horizon.totalSteps / horizon.stepsPerEpoch))
    : horizon.totalSteps;
}

/** The inner schedules of a SequentialLR with the span each one covers. */
function innerSpans(config: Record<string, unknown>, span: number): [unknown, number][] {
  const milestones = Array.isArray(config.milestones) ? (config.milestones as unknown[]) : [];
  const schedulers = Array.isArray(config.schedulers) ? (config.schedulers as unknown[]) : [];
  return schedulers.map((inner, index) => {
    const at = (i: number, otherwise: number) => {
      const milestone = milestones[i];
      return typeof milestone === 'number' ? milestone : otherwise;
    };
    const start = index === 0 ? 0 : at(index - 1, 0);
    return [inner, Math.max(1, at(index, span) - start)];
  });
}

/**
 * `config` with every length it leaves out set to `span` scheduler steps (inside
 * SequentialLR, the steps after the inner schedule's milestone). Given lengths are kept; a
 * config that is not an object is returned as it is (the validator says what is wrong).
 */
export function fillScheduleHorizon(config: SchedulerConfigInput, span: number): SchedulerConfig {
  const record: unknown = config;
  if (!isPlainObject(record)) return config as SchedulerConfig;
  const steps = Number.isFinite(span) ? Math.max(1, Math.round(span)) : 1;
  if (record.type === 'SequentialLR') {
    const schedulers = innerSpans(record, steps).map(([inner, length]) =>
      fillScheduleHorizon(inner as SchedulerConfigInput, length),
    );
    return { ...record, schedulers } as unknown as SchedulerConfig;
  }
  const key = horizonOption(record.type);
  if (!key || record[key] !== undefined) return config as SchedulerConfig;
  return { ...record, [key]: steps } as unknown as SchedulerConfig;
}

/**
 * The options of `config` that follow the training, as paths inside it: `['totalSteps']`,
 * `['schedulers[1].tMax']`, or none when every length is given.
 */
export function followedLengths(config: SchedulerConfigInput | undefined): string[] {
  const record: unknown = config;
  if (!isPlainObject(record)) return [];
  if (record.type === 'SequentialLR') {
    return innerSpans(record, 1).flatMap(([inner], index) =>
      followedLengths(inner as SchedulerConfigInput).map((path) => `schedulers[${index}].${path}`),
    );
  }
  const key = horizonOption(record.type);
  return key && record[key] === undefined ? [key] : [];
}

/** `config` with every training-length option left out, so that each follows the training. */
export function followTraining(config: SchedulerConfigInput): SchedulerConfigInput {
  const record: unknown = config;
  if (!isPlainObject(record)) return config;
  if (record.type === 'SequentialLR' && Array.isArray(record.schedulers)) {
    const schedulers = (record.schedulers as SchedulerConfigInput[]).map(followTraining);
    return { ...record, schedulers } as unknown as SchedulerConfigInput;
  }
  const key = horizonOption(record.type);
  if (!key) return config;
  const { [key]: _length, ...rest } = record;
  return rest as unknown as SchedulerConfigInput;
}

/** The run as the trainer takes it for a training of `horizon`. */
export function fillRunHorizon(run: LabRunInput, horizon: Horizon): RunConfigInput {
  if (!isPlainObject(run) || run.scheduler === undefined) return run as RunConfigInput;
  const span = scheduleSpan(horizon, run.schedulerStepOn);
  return { ...run, scheduler: fillScheduleHorizon(run.scheduler, span) };
}

/** The experiment as the trainer takes it: each length left out set from its own horizon. */
export function fillExperimentHorizons(experiment: LabExperimentInput): ExperimentConfigInput {
  const { runs, ...settings } = experiment;
  if (!Array.isArray(runs)) return experiment as ExperimentConfigInput;
  const horizon = experimentHorizon(settings);
  return { ...settings, runs: runs.map((run) => fillRunHorizon(run, horizon)) };
}
