import { DebiasedEma } from '../plot/ema';
import { ColumnBuckets } from '../plot/downsample';
import { Extent } from '../plot/scales';

export type XAxis = 'step' | 'epoch';

export interface RunSpec {
  id: string;
  label: string;
  /** Any CSS colour; defaults to the palette colour for the run's position. */
  color?: string;
}

export interface LossChunk {
  steps: ArrayLike<number>;
  loss: ArrayLike<number>;
  epochs?: ArrayLike<number>;
}

export interface EvalChunk {
  steps: ArrayLike<number>;
  valLoss: ArrayLike<number>;
  /** Optional; otherwise looked up from the training points at the same step. */
  epochs?: ArrayLike<number>;
}

/**
 * Every point of one run, copied out of a plot: what a page keeps after the plot is gone, and
 * what another plot takes back (`setRuns` the specs, then `appendLoss` and `appendEval`).
 */
export interface RunHistory {
  spec: RunSpec;
  loss: Required<LossChunk>;
  eval: Required<EvalChunk>;
}

/** A Float64Array that grows by doubling, so appending n points costs O(n) amortised. */
class GrowableArray {
  data = new Float64Array(256);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  get last(): number {
    return this.length ? this.data[this.length - 1] : NaN;
  }

  clear(): void {
    this.length = 0;
  }
}

/** Index of the element of sorted `xs[0..n)` nearest to x (xs non-decreasing). */
export function nearestIndex(xs: Float64Array, n: number, x: number): number {
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x)) return lo - 1;
  return lo;
}

function checkLengths(what: string, fields: Record<string, ArrayLike<number> | undefined>): number {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  const n = entries[0][1]!.length;
  for (const [name, values] of entries) {
    if (values!.length !== n) {
      throw new RangeError(
        `${what}: ${name} has ${values!.length} values but ${entries[0][0]} has ${n}; they must be the same length.`,
      );
    }
  }
  return n;
}

/**
 * One run's streamed points: raw loss, its TensorBoard smoothing (kept up to date as points
 * arrive), validation points, and per-pixel-column buckets for drawing that are extended
 * with new points instead of being rebuilt.
 */
export class RunSeries {
  readonly steps = new GrowableArray();
  readonly epochs = new GrowableArray();
  readonly loss = new GrowableArray();
  readonly smooth = new GrowableArray();
  readonly evalSteps = new GrowableArray();
  readonly evalEpochs = new GrowableArray();
  readonly evalLoss = new GrowableArray();
  hasEpochs = true;
  /** Extent of raw and validation loss, kept as points arrive so a frame need not rescan. */
  lossExtent = new Extent();
  /** Largest validation x per axis (validation may run past the last training point). */
  evalMax = { step: -Infinity, epoch: -Infinity };
  private ema: DebiasedEma;
  private buckets?: { key: string; raw: ColumnBuckets; smooth: ColumnBuckets; done: number };

  constructor(
    public spec: RunSpec,
    smoothing: number,
  ) {
    this.ema = new DebiasedEma(smoothing);
  }

  get length(): number {
    return this.loss.length;
  }

  append(chunk: LossChunk): void {
    const n = checkLengths(`append(${this.spec.id})`, {
      steps: chunk.steps,
      loss: chunk.loss,
      epochs: chunk.epochs,
    });
    if (!chunk.epochs) this.hasEpochs = false;
    for (let i = 0; i < n; i++) {
      const value = chunk.loss[i];
      this.steps.push(chunk.steps[i]);
      this.epochs.push(chunk.epochs ? chunk.epochs[i] : NaN);
      this.loss.push(value);
      this.lossExtent.add(value);
      this.smooth.push(this.ema.next(value));
    }
  }

  appendEval(chunk: EvalChunk): void {
    const n = checkLengths(`appendEval(${this.spec.id})`, {
      steps: chunk.steps,
      valLoss: chunk.valLoss,
      epochs: chunk.epochs,
    });
    for (let i = 0; i < n; i++) {
      const step = chunk.steps[i];
      this.evalSteps.push(step);
      this.evalEpochs.push(chunk.epochs ? chunk.epochs[i] : this.epochAtStep(step));
      this.evalLoss.push(chunk.valLoss[i]);
      this.lossExtent.add(chunk.valLoss[i]);
      this.evalMax.step = Math.max(this.evalMax.step, step);
      const epoch = this.evalEpochs.last;
      if (Number.isFinite(epoch)) this.evalMax.epoch = Math.max(this.evalMax.epoch, epoch);
    }
  }

  private epochAtStep(step: number): number {
    if (!this.hasEpochs) return NaN;
    const i = nearestIndex(this.steps.data, this.steps.length, step);
    return i < 0 ? NaN : this.epochs.data[i];
  }

  /** New smoothing weight: recompute the EMA over everything (a slider change, not per point). */
  resmooth(weight: number): void {
    this.ema = new DebiasedEma(weight);
    for (let i = 0; i < this.loss.length; i++)
      this.smooth.data[i] = this.ema.next(this.loss.data[i]);
    this.buckets = undefined;
  }

  xs(axis: XAxis): GrowableArray {
    return axis === 'epoch' ? this.epochs : this.steps;
  }

  evalXs(axis: XAxis): GrowableArray {
    return axis === 'epoch' ? this.evalEpochs : this.evalSteps;
  }

  /** Largest x of any point, training or validation (x values arrive in order). */
  maxX(axis: XAxis): number {
    const xs = this.xs(axis);
    return Math.max(xs.length ? xs.last : -Infinity, this.evalMax[axis]);
  }

  /** Whether this run can be drawn against the axis (epoch needs epochs on every point). */
  drawable(axis: XAxis): boolean {
    return axis === 'step' || this.hasEpochs;
  }

  /**
   * Column buckets for the current x domain and width. Only the points appended since the
   * last call are folded in; a new domain, width or axis starts the buckets afresh.
   * `changedFrom` is the first column whose points changed since the last call (0 when the
   * buckets were rebuilt, Infinity when nothing changed), so a plot can redraw from there on.
   */
  columns(
    axis: XAxis,
    x1: number,
    columns: number,
  ): { raw: ColumnBuckets; smooth: ColumnBuckets; changedFrom: number } {
    const key = `${axis}|${x1}|${columns}`;
    let changedFrom = Infinity;
    if (!this.buckets || this.buckets.key !== key) {
      this.buckets = {
        key,
        raw: new ColumnBuckets(columns, 0, x1),
        smooth: new ColumnBuckets(columns, 0, x1),
        done: 0,
      };
      changedFrom = 0;
    }
    const b = this.buckets;
    const xs = this.xs(axis).data;
    for (let i = b.done; i < this.loss.length; i++) {
      // x values arrive in order, but min() keeps this right should one step back.
      if (Number.isFinite(xs[i])) changedFrom = Math.min(changedFrom, b.raw.columnOf(xs[i]));
      b.raw.add(xs[i], this.loss.data[i]);
      b.smooth.add(xs[i], this.smooth.data[i]);
    }
    b.done = this.loss.length;
    return { raw: b.raw, smooth: b.smooth, changedFrom };
  }

  /** A copy of every point (epochs NaN where none were given). */
  history(): RunHistory {
    const copy = (values: GrowableArray) => values.data.slice(0, values.length);
    return {
      spec: { ...this.spec },
      loss: { steps: copy(this.steps), loss: copy(this.loss), epochs: copy(this.epochs) },
      eval: {
        steps: copy(this.evalSteps),
        valLoss: copy(this.evalLoss),
        epochs: copy(this.evalEpochs),
      },
    };
  }

  /** The last finite loss and its step, for the text summary. */
  latest(): { loss: number; step: number } | undefined {
    for (let i = this.loss.length - 1; i >= 0; i--) {
      if (Number.isFinite(this.loss.data[i]))
        return { loss: this.loss.data[i], step: this.steps.data[i] };
    }
    return undefined;
  }

  clear(): void {
    for (const a of [
      this.steps,
      this.epochs,
      this.loss,
      this.smooth,
      this.evalSteps,
      this.evalEpochs,
      this.evalLoss,
    ]) {
      a.clear();
    }
    this.hasEpochs = true;
    this.lossExtent = new Extent();
    this.evalMax = { step: -Infinity, epoch: -Infinity };
    this.ema = new DebiasedEma(this.ema.weight);
    this.buckets = undefined;
  }
}
