/** Number formatting shared by the plots' read-outs, summaries and axes. */

/** Three significant digits, switching to exponent notation for very small/large values. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e6) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/** Axis tick label: compact, never more than about 6 characters. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}
