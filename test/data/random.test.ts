import { describe, expect, test } from 'vitest';
import { createRandom, mulberry32, permutation } from '../../src/data/random';

describe('mulberry32', () => {
  test('matches an independent uint32 reimplementation', () => {
    // Values from a Python port with explicit & 0xffffffff arithmetic (see
    // test/data/reference_datasets.py, class Random.next).
    const seed42 = mulberry32(42);
    expect([seed42(), seed42(), seed42(), seed42(), seed42()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693,
      0.17481389874592423,
    ]);
    const seed0 = mulberry32(0);
    expect([seed0(), seed0(), seed0()]).toEqual([
      0.26642920868471265, 0.0003297457005828619, 0.2232720274478197,
    ]);
  });

  test('stays in [0, 1) with a uniform mean and variance', () => {
    const next = mulberry32(123);
    let sum = 0;
    let sumSq = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const u = next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sumSq += u * u;
    }
    // U(0,1): mean 1/2, variance 1/12; standard errors ~0.0013 and ~0.0004.
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
  });
});

describe('createRandom', () => {
  test('normal() has mean 0 and variance 1', () => {
    const random = createRandom(9);
    const n = 40_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = random.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.04);
  });

  test('same seed, same stream; different seed, different stream', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    const c = createRandom(6);
    const draw = (r: ReturnType<typeof createRandom>) => [
      r.next(),
      r.normal(),
      r.normal(),
      r.int(10),
    ];
    expect(draw(a)).toEqual(draw(b));
    expect(draw(createRandom(5))).not.toEqual(draw(c));
  });

  test('permutation is a permutation', () => {
    const order = permutation(100, createRandom(3));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...order]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
