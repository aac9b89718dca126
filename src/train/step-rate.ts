/**
 * Steps per second of the training loop over its last few seconds: each chunk the loop
 * takes is recorded with the time it ended, and the rate is the steps of the chunks within
 * the window over the time since the chunk before them (so the pauses between chunks, where
 * the worker answers calls, count as they do for a reader watching it train).
 */

/** How far back the rate looks, in ms. */
export const STEP_RATE_WINDOW_MS = 2000;

interface Sample {
  at: number;
  steps: number;
}

export class StepRate {
  /** samples[0] is where the window begins; the steps counted are the later samples'. */
  private samples: Sample[] = [];

  constructor(
    private readonly now: () => number,
    private readonly windowMs = STEP_RATE_WINDOW_MS,
  ) {}

  /** The loop starts: measure afresh from now. */
  start(): void {
    this.samples = [{ at: this.now(), steps: 0 }];
  }

  /** A chunk of `steps` ended now. */
  record(steps: number): void {
    const at = this.now();
    if (this.samples.length === 0) {
      // Not started: this chunk's own duration is unknown, so the window begins at its end.
      this.samples = [{ at, steps: 0 }];
      return;
    }
    this.samples.push({ at, steps });
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) {
      this.samples.shift();
    }
  }

  /** The loop stopped: no rate until it starts again. */
  stop(): void {
    this.samples = [];
  }

  /** Steps per second, or null before the first chunk since start() (or after stop()). */
  get perSecond(): number | null {
    if (this.samples.length < 2) return null;
    const elapsed = this.samples[this.samples.length - 1].at - this.samples[0].at;
    if (elapsed <= 0) return null;
    let steps = 0;
    for (let i = 1; i < this.samples.length; i++) steps += this.samples[i].steps;
    return (steps * 1000) / elapsed;
  }
}
