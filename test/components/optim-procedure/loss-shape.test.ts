/**
 * Step 5's reading of a loss curve, on curves built so that each rule is met or missed by a
 * clear margin. Five parts of 20 steps; D = m0 - m4 is the whole drop.
 */
import { describe, expect, test } from 'vitest';
import { lossShape } from '../../../components/optim-procedure/loss-shape';
import { ADVICE } from '../../../components/optim-procedure/schedules';

/** 100 steps whose five parts have the given means, each part flat (or with a zig-zag). */
function curve(means: number[], zigzag = 0): number[] {
  return means.flatMap((m) => Array.from({ length: 20 }, (_, i) => m + zigzag * (-1) ** i));
}

describe('lossShape', () => {
  test('reads each part mean and the last part spread', () => {
    const shape = lossShape(curve([1, 0.8, 0.6, 0.5, 0.45], 0.01))!;
    shape.means.forEach((m, i) => expect(m).toBeCloseTo([1, 0.8, 0.6, 0.5, 0.45][i], 12));
    expect(shape.lastSpread).toBeCloseTo(0.01, 12);
  });

  test('still falling: the last fifth gained more than a tenth of the drop', () => {
    // D = 0.6; m3 - m4 = 0.1 > 0.06.
    expect(lossShape(curve([1, 0.8, 0.6, 0.5, 0.4]))!.kind).toBe('still-falling');
  });

  test('noisy: the last fifth spreads more than a tenth of the drop', () => {
    // D = 0.5; m3 - m4 = 0.02 (not falling); spread 0.08 > 0.05.
    expect(lossShape(curve([1, 0.7, 0.55, 0.52, 0.5], 0.08))!.kind).toBe('noisy');
  });

  test('plateau: the second half gained less than a tenth of the drop', () => {
    // D = 0.5; m2 - m4 = 0.04 < 0.05; spread 0.01.
    expect(lossShape(curve([1, 0.55, 0.54, 0.52, 0.5], 0.01))!.kind).toBe('plateau');
  });

  test('settled: it fell, slowed and came to rest', () => {
    // D = 0.5; m3 - m4 = 0.03 < 0.05, spread 0.01 < 0.05, m2 - m4 = 0.1 >= 0.05.
    expect(lossShape(curve([1, 0.7, 0.6, 0.53, 0.5], 0.01))!.kind).toBe('settled');
  });

  test('rising: no drop, or a non-finite loss', () => {
    expect(lossShape(curve([0.7, 0.7, 0.8, 0.9, 1]))!.kind).toBe('rising');
    const diverged = curve([1, 0.8, 0.6, 0.5, 0.4]);
    diverged[90] = NaN;
    expect(lossShape(diverged)!.kind).toBe('rising');
  });

  test('too short a curve has no shape', () => {
    expect(lossShape([1, 0.9, 0.8])).toBeUndefined();
  });

  test('each shape has a schedule that answers it', () => {
    expect(ADVICE).toEqual({
      rising: 'OneCycleLR',
      'still-falling': 'OneCycleLR',
      noisy: 'MultiStepLR',
      plateau: 'ReduceLROnPlateau',
      settled: 'CosineAnnealingWarmRestarts',
    });
  });
});
