/**
 * When an LR range test's curve says it is noisy (components/lr-finder-plot/finder-noise.ts),
 * on curves whose jitter and descent are worked out by hand.
 */
import { describe, expect, test } from 'vitest';
import { NOISE_RATIO, curveNoise, noiseText } from '../../components/lr-finder-plot/finder-noise';

// 20 points: the first tenth (points 0, 1) is skipped, so the descent runs from point 2
// (smoothed 1) to the lowest smoothed loss, 0.3 at point 9: descent 0.7, and the threshold
// is NOISE_RATIO * 0.7 = 0.175.
const smoothed = [
  1, 1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.35, 0.5, 0.8, 1.2, 2, 3, 4, 5, 6, 7,
];

/** The raw loss: the smoothed curve plus a (-1)^i zig-zag of amplitude a. */
const zigzag = (a: number) => smoothed.map((s, i) => s + a * (-1) ** i);

describe('curveNoise', () => {
  test('the threshold is a quarter of the descent', () => {
    expect(NOISE_RATIO).toBe(0.25);
  });

  test('jitter is the median step-to-step jump of the raw loss over the descent', () => {
    // Steps 3..9 each fall 0.1, and the zig-zag adds +-2a: |diff| is 0.1 + 2a at odd i
    // (four of them) and |2a - 0.1| at even i (three): the median of the seven is 0.1 + 2a.
    for (const a of [0, 0.03, 0.04, 0.05]) {
      const noise = curveNoise({ loss: zigzag(a), smoothedLoss: smoothed });
      expect(noise.jitter).toBeCloseTo(0.1 + 2 * a, 12);
      expect(noise.descent).toBeCloseTo(0.7, 12);
    }
  });

  test('clean below the threshold, noisy above it', () => {
    // a = 0.03: jitter 0.16 < 0.175; a = 0.04: 0.18 > 0.175.
    expect(curveNoise({ loss: zigzag(0), smoothedLoss: smoothed }).kind).toBe('clean');
    expect(curveNoise({ loss: zigzag(0.03), smoothedLoss: smoothed }).kind).toBe('clean');
    expect(curveNoise({ loss: zigzag(0.04), smoothedLoss: smoothed }).kind).toBe('noisy');
    expect(curveNoise({ loss: zigzag(0.1), smoothedLoss: smoothed }).kind).toBe('noisy');
  });

  test('a curve that never falls past its first tenth is flat, whatever its noise', () => {
    const rising = smoothed.map((_, i) => 0.5 + i * 0.1);
    expect(curveNoise({ loss: rising, smoothedLoss: rising })).toMatchObject({
      kind: 'flat',
      descent: 0,
    });
    // Lowest in the skipped first tenth (point 0): nothing falls after it.
    const early = [0.1, ...rising.slice(1)];
    expect(curveNoise({ loss: early, smoothedLoss: early }).kind).toBe('flat');
    expect(curveNoise({ loss: [], smoothedLoss: [] }).kind).toBe('flat');
    expect(curveNoise({ loss: [NaN, NaN], smoothedLoss: [NaN, NaN] }).kind).toBe('flat');
  });

  test('the message says what was measured', () => {
    const noisy = curveNoise({ loss: zigzag(0.05), smoothedLoss: smoothed });
    expect(noiseText(noisy)).toBe(
      'This curve is noisy: the loss jumps by 0.2 from one step to the next (median), more than a quarter of the 0.7 it falls in all. Take the suggestions as rough; a larger batch, or another run of the test, gives a steadier curve.',
    );
    expect(noiseText(curveNoise({ loss: zigzag(0), smoothedLoss: smoothed }))).toBe('');
    expect(noiseText({ kind: 'flat', jitter: NaN, descent: 0 })).toMatch(/never falls/);
  });
});
