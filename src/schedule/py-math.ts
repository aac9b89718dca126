/**
 * Python's arithmetic where it differs from JavaScript's, so ported torch formulas give the
 * same numbers: `%` is floored (the result takes the divisor's sign), and bisect_right.
 */

/** Python's `a % b` (floored modulo), e.g. pyMod(-1, 4) === 3 where JS gives -1. */
export function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Python's `a // b` (floor division). */
export function pyFloorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** bisect.bisect_right: the index after the last element <= x in the sorted array. */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < sorted[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
