/**
 * Stochastic Weight Averaging, the run option `swa`, as torch.optim.swa_utils does it in its
 * canonical recipe (Izmailov et al. 2018):
 *
 *     swa_model = AveragedModel(model)
 *     for epoch in range(epochs):
 *         train_one_epoch(...)
 *         if epoch >= swa_start:
 *             swa_model.update_parameters(model)
 *             swa_scheduler.step()          # SWALR(optimizer, swa_lr, anneal_epochs, ...)
 *         else:
 *             scheduler.step()
 *
 * `start` is torch's `swa_start`, a 0-based epoch: the average takes in the weights at the end
 * of every epoch from that one on (an equal average: AveragedModel's default avg_fn), and SWALR
 * replaces the run's own scheduler from then on. Its options are SWALR's own, with its schema
 * and torch's defaults (annealEpochs 10, annealStrategy 'cos'), taken from src/schedule.
 * TF-free, so a page checks an edit with the parser the trainer uses.
 */
import * as v from 'valibot';
import { SCHEDULER_OPTION_SCHEMAS } from '../schedule/config';
import type { SWALRConfig } from '../schedule/types';
import { ConfigError, formatPath, integerIn, issueKeys, joinPath } from './validation';
import { isPlainObject, showValue } from '../schedule/values';

/** The latest SWA start an experiment may ask for: as long as the longest training. */
export const MAX_SWA_START = 1_000_000;

/** What a run's `swa` option holds as written; SWALR's options default as in torch. */
export interface SwaConfigInput {
  /** 0-based epoch from whose end on the weights are averaged (torch's `swa_start`). */
  start: number;
  /** The lr SWALR anneals to and then holds. */
  swaLr: number;
  /** Epochs SWALR takes to get there (default 10; 0 jumps at once). */
  annealEpochs?: number;
  /** The annealing curve: 'cos' (default) or 'linear'. */
  annealStrategy?: 'cos' | 'linear';
}

export type SwaConfig = Required<SwaConfigInput>;

/** The fields of `swa`, each checkable alone (a form checks an edit with these). */
export const swaFields = {
  start: integerIn(0, MAX_SWA_START, 'an integer epoch'),
  ...SCHEDULER_OPTION_SCHEMAS.SWALR,
};

const swaSchema = v.strictObject(swaFields);

/** torch's defaults for SWALR's options, as the scheduler schema states them. */
export const SWA_DEFAULTS = {
  annealEpochs: v.getDefault(swaFields.annealEpochs),
  annealStrategy: v.getDefault(swaFields.annealStrategy),
} as const satisfies Pick<SwaConfig, 'annealEpochs' | 'annealStrategy'>;

/**
 * Validates a run's `swa` option and fills SWALR's defaults; null or undefined mean no SWA.
 * Throws a ConfigError naming the field under `path` (`runs[0].swa.swaLr: must be ...`).
 */
export function parseSwaConfig(input: unknown, path = 'swa'): SwaConfig | null {
  if (input === undefined || input === null) return null;
  if (!isPlainObject(input)) {
    throw new ConfigError(
      path,
      `must be an object like { start: 40, swaLr: 0.05 } (or null for no averaging), got ${showValue(input)}`,
    );
  }
  const result = v.safeParse(swaSchema, input);
  if (result.success) return result.output as SwaConfig;
  const issue = result.issues[0];
  const at = joinPath(path, formatPath(issueKeys(issue)));
  if (issue.kind === 'schema' && issue.type === 'strict_object') {
    const allowed = Object.keys(swaFields).join(', ');
    const detail =
      issue.expected === 'never'
        ? `unknown option; allowed: ${allowed}`
        : `is required; swa takes ${allowed}`;
    throw new ConfigError(at, detail);
  }
  throw new ConfigError(at, issue.message);
}

/** The SWALR that takes over a run's lr when its averaging starts. */
export function swaScheduler(swa: SwaConfig): Required<SWALRConfig> {
  return {
    type: 'SWALR',
    swaLr: swa.swaLr,
    annealEpochs: swa.annealEpochs,
    annealStrategy: swa.annealStrategy,
  };
}

/** 0-based epoch of the 1-based optimizer step `step`. */
export function epochOfStep(step: number, stepsPerEpoch: number): number {
  return Math.floor((step - 1) / stepsPerEpoch);
}

/** Whether the run's own scheduler still acts on step `step` (1-based): before SWA's epoch. */
export function ownSchedulerActs(
  swa: SwaConfig | null | undefined,
  step: number,
  stepsPerEpoch: number,
): boolean {
  return !swa || epochOfStep(step, stepsPerEpoch) < swa.start;
}

/** Whether the average takes in the weights after step `step`: an epoch's end from `start` on. */
export function averagesAfter(
  swa: SwaConfig | null | undefined,
  step: number,
  stepsPerEpoch: number,
): boolean {
  return !!swa && step % stepsPerEpoch === 0 && step / stepsPerEpoch - 1 >= swa.start;
}

/** The first step after which the average takes in the weights. */
export function firstAverageStep(swa: SwaConfig, stepsPerEpoch: number): number {
  return (swa.start + 1) * stepsPerEpoch;
}
