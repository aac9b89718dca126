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
 * what another plot takes back (`setRuns` the specs, then `appendLoss`, `appendEval` and
 * `appendSwaEval`).
 */
export interface RunHistory {
  spec: RunSpec;
  loss: Required<LossChunk>;
  eval: Required<EvalChunk>;
  /** The SWA average's validation points (empty for a run without). */
  swa: Required<EvalChunk>;
}

/** A Float64Array that grows by doubling, so appending n points costs O(n) amortised. */
export class GrowableArray {
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

const copy = (values: GrowableArray) => values.data.slice(0, values.length);

/** The last finite value of `values` and the step beside it. */
function lastFinite(
  values: GrowableArray,
  steps: GrowableArray,
): { loss: number; step: number } | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values.data[i])) return { loss: values.data[i], step: steps.data[i] };
  }
  return undefined;
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
 * A line of evaluations: the run's validation loss, or its SWA average's. Few points (one per
 * evaluation), so they are drawn whole; x per axis, with the largest kept (an evaluation may
 * run past the last training point).
 */
export class EvalLine {
  readonly steps = new GrowableArray();
  readonly epochs = new GrowableArray();
  readonly loss = new GrowableArray();
  max = { step: -Infinity, epoch: -Infinity };

  get length(): number {
    return this.loss.length;
  }

  /** Appends a chunk; `epochAt` gives the epoch of a step the chunk has no epoch for. */
  append(chunk: EvalChunk, epochAt: (step: number) => number): void {
    const n = chunk.steps.length;
    for (let i = 0; i < n; i++) {
      const step = chunk.steps[i];
      this.steps.push(step);
      this.epochs.push(chunk.epochs ? chunk.epochs[i] : epochAt(step));
      this.loss.push(chunk.valLoss[i]);
      this.max.step = Math.max(this.max.step, step);
      const epoch = this.epochs.last;
      if (Number.isFinite(epoch)) this.max.epoch = Math.max(this.max.epoch, epoch);
    }
  }

  xs(axis: XAxis): GrowableArray {
    return axis === 'epoch' ? this.epochs : this.steps;
  }

  /** The last finite value and its step, for the text summary. */
  latest(): { loss: number; step: number } | undefined {
    return lastFinite(this.loss, this.steps);
  }

  /** A copy of the line's points. */
  history(): Required<EvalChunk> {
    return { steps: copy(this.steps), valLoss: copy(this.loss), epochs: copy(this.epochs) };
  }

  clear(): void {
    this.steps.clear();
    this.epochs.clear();
    this.loss.clear();
    this.max = { step: -Infinity, epoch: -Infinity };
  }
}

/**
 * One run's streamed points: raw loss, its TensorBoard smoothing (kept up to date as points
 * arrive), validation points and its SWA average's, and per-pixel-column buckets for drawing
 * that are extended with new points instead of being rebuilt.
 */
export class RunSeries {
  readonly steps = new GrowableArray();
  readonly epochs = new GrowableArray();
  readonly loss = new GrowableArray();
  readonly smooth = new GrowableArray();
  /** Validation loss at each evaluation. */
  readonly validation = new EvalLine();
  /** The SWA average's validation loss at each evaluation from its start on. */
  readonly swa = new EvalLine();
  hasEpochs = true;
  /** Extent of raw, validation and SWA loss, kept as points arrive so a frame need not rescan. */
  lossExtent = new Extent();
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
    this.appendTo(this.validation, chunk, `appendEval(${this.spec.id})`);
  }

  /** The SWA average's validation points. */
  appendSwaEval(chunk: EvalChunk): void {
    this.appendTo(this.swa, chunk, `appendSwaEval(${this.spec.id})`);
  }

  private appendTo(line: EvalLine, chunk: EvalChunk, what: string): void {
    checkLengths(what, { steps: chunk.steps, valLoss: chunk.valLoss, epochs: chunk.epochs });
    line.append(chunk, (step) => this.epochAtStep(step));
    for (let i = 0; i < chunk.valLoss.length; i++) this.lossExtent.add(chunk.valLoss[i]);
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

  /** Largest x of any point, training or evaluation (x values arrive in order). */
  maxX(axis: XAxis): number {
    const xs = this.xs(axis);
    return Math.max(xs.length ? xs.last : -Infinity, this.validation.max[axis], this.swa.max[axis]);
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
    return {
      spec: { ...this.spec },
      loss: { steps: copy(this.steps), loss: copy(this.loss), epochs: copy(this.epochs) },
      eval: this.validation.history(),
      swa: this.swa.history(),
    };
  }

  /** The last finite loss and its step, for the text summary. */
  latest(): { loss: number; step: number } | undefined {
    return lastFinite(this.loss, this.steps);
  }

  clear(): void {
    for (const a of [this.steps, this.epochs, this.loss, this.smooth]) a.clear();
    this.validation.clear();
    this.swa.clear();
    this.hasEpochs = true;
    this.lossExtent = new Extent();
    this.ema = new DebiasedEma(this.ema.weight);
    this.buckets = undefined;
  }
}
