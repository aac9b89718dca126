/**
 * Per-pixel-column downsampling (the M4 scheme: first, min, max, last per column).
 * Drawing those four points per column renders the same pixels as drawing every point,
 * so a 20,000-point series costs at most 4 x width line segments. The aggregator is
 * incremental: new points are folded in without revisiting old ones, which is what lets
 * a streaming plot redraw per frame without rebuilding everything.
 */
export interface Point {
  x: number;
  y: number;
}

export class ColumnBuckets {
  readonly columns: number;
  readonly x0: number;
  readonly x1: number;
  private readonly first: Float64Array;
  private readonly last: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly minX: Float64Array;
  private readonly maxX: Float64Array;
  private readonly firstX: Float64Array;
  private readonly lastX: Float64Array;
  private readonly count: Uint32Array;

  constructor(columns: number, x0: number, x1: number) {
    this.columns = Math.max(1, Math.floor(columns));
    this.x0 = x0;
    // A zero-width domain would divide by zero; treat it as one unit wide.
    this.x1 = x1 > x0 ? x1 : x0 + 1;
    const n = this.columns;
    this.first = new Float64Array(n);
    this.last = new Float64Array(n);
    this.min = new Float64Array(n);
    this.max = new Float64Array(n);
    this.minX = new Float64Array(n);
    this.maxX = new Float64Array(n);
    this.firstX = new Float64Array(n);
    this.lastX = new Float64Array(n);
    this.count = new Uint32Array(n);
  }

  /** Column index of a data x (clamped to the domain). */
  columnOf(x: number): number {
    const t = (x - this.x0) / (this.x1 - this.x0);
    const c = Math.floor(t * this.columns);
    return c < 0 ? 0 : c >= this.columns ? this.columns - 1 : c;
  }

  /** Fold one point in. Non-finite y values are skipped (a diverged run must not poison a column). */
  add(x: number, y: number): void {
    if (!Number.isFinite(y) || !Number.isFinite(x)) return;
    const c = this.columnOf(x);
    if (this.count[c] === 0) {
      this.first[c] = this.last[c] = this.min[c] = this.max[c] = y;
      this.firstX[c] = this.lastX[c] = this.minX[c] = this.maxX[c] = x;
    } else {
      this.last[c] = y;
      this.lastX[c] = x;
      if (y < this.min[c]) {
        this.min[c] = y;
        this.minX[c] = x;
      }
      if (y > this.max[c]) {
        this.max[c] = y;
        this.maxX[c] = x;
      }
    }
    this.count[c]++;
  }

  /**
   * The kept points in x order: per non-empty column its first, min, max and last point
   * (duplicates dropped), each at its true x. At most 4 x columns points. `fromColumn`
   * skips the columns before it (a streaming plot redraws only its newest columns).
   */
  points(fromColumn = 0): Point[] {
    const out: Point[] = [];
    for (let c = Math.max(0, Math.floor(fromColumn)); c < this.columns; c++) {
      const n = this.count[c];
      if (n === 0) continue;
      const candidates: Point[] = [{ x: this.firstX[c], y: this.first[c] }];
      if (n > 1) {
        const lo = { x: this.minX[c], y: this.min[c] };
        const hi = { x: this.maxX[c], y: this.max[c] };
        // Keep min and max in the order they occurred so the line keeps its shape.
        if (lo.x <= hi.x) candidates.push(lo, hi);
        else candidates.push(hi, lo);
        candidates.push({ x: this.lastX[c], y: this.last[c] });
      }
      for (const p of candidates) {
        const prev = out[out.length - 1];
        if (!prev || prev.x !== p.x || prev.y !== p.y) out.push(p);
      }
    }
    return out;
  }
}

/**
 * Downsample y[i] at x = xs(i) for i in [0, n) to at most 4 points per column; returns all
 * points unchanged when there are no more of them than `columns` (nothing to gain).
 */
export function downsampleToColumns(
  n: number,
  x: (i: number) => number,
  y: (i: number) => number,
  columns: number,
): Point[] {
  if (n <= columns) {
    const out: Point[] = [];
    for (let i = 0; i < n; i++) out.push({ x: x(i), y: y(i) });
    return out;
  }
  const buckets = new ColumnBuckets(columns, x(0), x(n - 1));
  for (let i = 0; i < n; i++) buckets.add(x(i), y(i));
  return buckets.points();
}
