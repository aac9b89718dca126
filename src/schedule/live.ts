import { buildScheduler } from './build';
import type { AnyScheduler } from './build';
import { parseSchedulerConfig } from './config';
import { ParamGroup } from './param-group';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import type { LiveScheduler, SchedulableOptimizer, SchedulerConfig } from './types';

class LiveSchedulerImpl implements LiveScheduler {
  constructor(
    readonly config: SchedulerConfig,
    private readonly optimizer: SchedulableOptimizer,
    private readonly scheduler: AnyScheduler,
  ) {}

  get lr(): number {
    return this.optimizer.lr;
  }

  get stepCount(): number {
    return this.scheduler.lastEpoch;
  }

  step(metric?: number): void {
    if (this.scheduler instanceof ReduceLROnPlateau) {
      if (typeof metric !== 'number' || Number.isNaN(metric)) {
        throw new Error(`ReduceLROnPlateau.step needs the monitored metric, got ${String(metric)}`);
      }
      this.scheduler.step(metric);
      return;
    }
    // Other schedulers take no metric; torch would read it as an epoch, which we never want.
    this.scheduler.step();
  }
}

/**
 * Attaches a scheduler to a live optimizer, as constructing the torch scheduler does: the
 * config is validated, and the initial lr (and momentum or betas[0], when cycling) is
 * written to the optimizer at once. Call `.step()` after every optimizer step
 * (`.step(metric)` for ReduceLROnPlateau).
 */
export function createScheduler(
  config: unknown,
  optimizer: SchedulableOptimizer,
  path = 'scheduler',
): LiveScheduler {
  const parsed = parseSchedulerConfig(config, path);
  const scheduler = buildScheduler(parsed, new ParamGroup(optimizer), path);
  return new LiveSchedulerImpl(parsed, optimizer, scheduler);
}
