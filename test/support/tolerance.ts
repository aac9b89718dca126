// The float32 tolerance the PyTorch-fixture tests share (TF-free, so browser tests can use it).

export interface Mismatch {
  index: number;
  actual: number;
  expected: number;
}

/**
 * Entries outside float32 tolerance: |a - e| <= rtol * |e| + atol. 20-30 steps of float32
 * arithmetic in a different operation order than torch drift by a few ulps per step (measured:
 * every case also passes at rtol 2e-6, atol 2e-7).
 */
export function mismatches(
  actual: ArrayLike<number>,
  expected: readonly number[],
  rtol = 1e-5,
  atol = 1e-6,
): Mismatch[] {
  const out: Mismatch[] = [];
  if (actual.length !== expected.length) {
    return [{ index: -1, actual: actual.length, expected: expected.length }];
  }
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (!(Math.abs(a - e) <= rtol * Math.abs(e) + atol))
      out.push({ index: i, actual: a, expected: e });
  }
  return out;
}
