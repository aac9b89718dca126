/**
 * TensorBoard's scalar smoothing: a debiased exponential moving average.
 * Mirrors tensorboard/components/vz_line_chart2/line-chart.ts (resmoothDataset):
 *   last = last * w + (1 - w) * value; n += 1; smoothed = last / (1 - w^n)
 * Non-finite values pass through unsmoothed and do not advance the average, so one NaN
 * (a diverged step) does not turn the rest of the curve into NaN.
 * TensorBoard also passes a series that is constant throughout straight through; the
 * debiased EMA of a constant is that constant, so the incremental form here agrees up to
 * floating-point rounding.
 */
export class DebiasedEma {
  private last = 0;
  private accumulated = 0;
  constructor(readonly weight: number) {}

  next(value: number): number {
    if (!Number.isFinite(value)) return value;
    const w = this.weight;
    this.last = this.last * w + (1 - w) * value;
    this.accumulated++;
    const debias = w === 1 ? 1 : 1 - Math.pow(w, this.accumulated);
    return this.last / debias;
  }
}

/** Smooth a whole series at once (what a slider change needs). */
export function debiasedEma(values: ArrayLike<number>, weight: number): Float64Array {
  const ema = new DebiasedEma(weight);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = ema.next(values[i]);
  return out;
}
