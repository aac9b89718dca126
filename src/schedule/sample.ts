import { cyclesMomentum } from './build';
import { createScheduler } from './live';
import type { SampleOptions, SchedulableOptimizer, ScheduleSample } from './types';

function checkOptions({ steps, baseLr, metrics }: SampleOptions): void {
  if (!Number.isInteger(steps) || steps < 0) {
    throw new Error(`sampleSchedule: steps must be an integer >= 0, got ${String(steps)}`);
  }
  if (typeof baseLr !== 'number' || !Number.isFinite(baseLr) || baseLr < 0) {
    throw new Error(`sampleSchedule: baseLr must be a finite number >= 0, got ${String(baseLr)}`);
  }
  if (metrics !== undefined && metrics.some((m) => typeof m !== 'number' || Number.isNaN(m))) {
    throw new Error('sampleSchedule: metrics must all be numbers');
  }
}

/**
 * The lr (and cycled momentum) each of `steps` optimizer steps uses: lr[i] is torch's
 * param_groups[0]['lr'] before optimizer step i when the scheduler steps after every
 * optimizer step (ReduceLROnPlateau then gets metrics[i]). Runs the same scheduler classes as
 * createScheduler, over a stand-in optimizer.
 */
export function sampleSchedule(config: unknown, options: SampleOptions): ScheduleSample {
  checkOptions(options);
  const { steps, baseLr, metrics } = options;
  // An SGD-like stand-in: CyclicLR cycles only `momentum`; OneCycleLR gives the same values
  // for betas[0], so one stand-in serves both families.
  const optimizer: SchedulableOptimizer = { lr: baseLr, momentum: options.baseMomentum ?? 0.9 };
  const scheduler = createScheduler(config, optimizer);
  const isPlateau = scheduler.config.type === 'ReduceLROnPlateau';
  if (isPlateau && steps > 1 && (metrics === undefined || metrics.length < steps - 1)) {
    throw new Error(
      `sampleSchedule: ReduceLROnPlateau needs metrics for at least ${steps - 1} steps, got ${metrics?.length ?? 0}`,
    );
  }
  const withMomentum = cyclesMomentum(scheduler.config);
  const lr: number[] = [];
  const momentum: number[] = [];
  for (let i = 0; i < steps; i++) {
    lr.push(optimizer.lr);
    if (withMomentum) momentum.push(optimizer.momentum ?? Number.NaN);
    // The step after the last optimizer step would not change any sampled value.
    if (i < steps - 1) scheduler.step(isPlateau ? metrics?.[i] : undefined);
  }
  return withMomentum ? { lr, momentum } : { lr };
}
