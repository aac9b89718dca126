import { expect } from 'vitest';
import { mismatches } from '../optim/reference';

/**
 * Entries within |a - e| <= rtol |e| + atol; NaN (regression's accuracy) must be NaN on both
 * sides, at the same places.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  rtol: number,
  atol: number,
): void {
  const nan = (values: ArrayLike<number>) => Array.from(values, Number.isNaN);
  expect(nan(actual), what).toEqual(nan(expected));
  const finite = (values: ArrayLike<number>) => Array.from(values).filter((v) => !Number.isNaN(v));
  expect(mismatches(finite(actual), finite(expected), rtol, atol), what).toEqual([]);
}
