import { sampleSchedule } from '../../src/schedule/index';
import type { SchedulerConfig, ScheduleSample } from '../../src/schedule/types';
import { formatValue } from '../plot/format';

/** Longest horizon previewed on the main thread; sampling is O(steps) per change. */
export const MAX_STEPS = 100_000;

export interface CurveInput {
  schedule: unknown;
  baseLr: number;
  steps: number;
  metrics?: readonly number[];
  baseMomentum?: number;
  values?: ScheduleSample;
}

export type CurveResult =
  { ok: true; sample: ScheduleSample; note?: string } | { ok: false; message: string };

/** Marks an attribute whose text was not valid JSON, so the element can say so inline. */
export class InvalidJsonAttribute {
  constructor(
    readonly attribute: string,
    readonly text: string,
  ) {}
}

export function jsonAttribute(attribute: string) {
  return {
    fromAttribute(text: string | null): unknown {
      if (text === null || text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return new InvalidJsonAttribute(attribute, text);
      }
    },
    toAttribute(value: unknown): string | null {
      return value === undefined ? null : JSON.stringify(value);
    },
  };
}

/**
 * The curve to draw: pushed `values` win (a run's actual lr history); otherwise the schedule
 * is sampled over the horizon. Never throws: any problem becomes a message for the user.
 */
export function computeCurve(input: CurveInput): CurveResult {
  if (input.values) {
    const { lr, momentum } = input.values;
    if (!lr || lr.length === 0) {
      return { ok: false, message: 'values.lr must be a non-empty array of numbers.' };
    }
    // Typed arrays from the worker are welcome too: copy to plain arrays for d3.
    const sample: ScheduleSample = { lr: Array.from(lr) };
    if (momentum?.length) sample.momentum = Array.from(momentum);
    return { ok: true, sample };
  }
  const { steps, baseLr } = input;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
    return {
      ok: false,
      message: `steps must be a whole number from 1 to ${MAX_STEPS}; got ${steps}.`,
    };
  }
  if (!Number.isFinite(baseLr) || baseLr <= 0) {
    return { ok: false, message: `base-lr must be a positive number; got ${baseLr}.` };
  }
  const schedule = input.schedule ?? { type: 'None' };
  if (schedule instanceof InvalidJsonAttribute) {
    return {
      ok: false,
      message: `${schedule.attribute} is not valid JSON; expected a scheduler config such as {"type":"StepLR","stepSize":30}.`,
    };
  }
  if (isPlateauWithoutMetrics(schedule, input.metrics)) {
    // ReduceLROnPlateau reacts to the loss, which a preview does not have: draw the lr it
    // starts with and say why it is flat rather than inventing a loss curve.
    return {
      ok: true,
      sample: { lr: new Array<number>(steps).fill(baseLr) },
      note: 'ReduceLROnPlateau lowers the lr only when the loss stops improving; the preview assumes it keeps improving.',
    };
  }
  try {
    // ReduceLROnPlateau can only be replayed as far as there are metrics (e.g. mid-training).
    const plateau = (schedule as { type?: unknown }).type === 'ReduceLROnPlateau';
    const metricSteps = input.metrics ? input.metrics.length + 1 : steps;
    const sample = sampleSchedule(schedule as SchedulerConfig, {
      steps: plateau ? Math.min(steps, metricSteps) : steps,
      baseLr,
      metrics: input.metrics,
      baseMomentum: input.baseMomentum,
    });
    return { ok: true, sample };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Invalid schedule: ${message}` };
  }
}

function isPlateauWithoutMetrics(schedule: unknown, metrics?: readonly number[]): boolean {
  const type = (schedule as { type?: unknown } | null)?.type;
  return type === 'ReduceLROnPlateau' && (metrics === undefined || metrics.length === 0);
}

/** The read-out for one step, e.g. "step 120: lr 0.00314". */
export function readoutText(
  sample: ScheduleSample,
  step: number,
  momentumLabel = 'momentum',
): string {
  const parts = [`step ${step}: lr ${formatValue(sample.lr[step])}`];
  const m = sample.momentum?.[step];
  if (m !== undefined) parts.push(`${momentumLabel} ${formatValue(m)}`);
  return parts.join(', ');
}

function describeSeries(values: readonly number[]): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const first = formatValue(values[0]);
  const last = formatValue(values[values.length - 1]);
  return `starts at ${first}, ends at ${last}, ranges from ${formatValue(min)} to ${formatValue(max)}`;
}

/** A sentence a screen-reader user gets instead of the picture. */
export function summaryText(
  sample: ScheduleSample,
  name: string,
  momentumLabel = 'momentum',
): string {
  let text = `Learning rate over ${sample.lr.length} steps (${name}): ${describeSeries(sample.lr)}.`;
  if (sample.momentum?.length) {
    text += ` ${momentumLabel[0].toUpperCase()}${momentumLabel.slice(1)} ${describeSeries(sample.momentum)}.`;
  }
  return text;
}
