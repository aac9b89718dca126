import { describe, expect, it } from 'vitest';
import {
  LR_SLIDER_TICKS,
  lrToPosition,
  lrToTick,
  positionToLr,
  tickToLr,
} from '../../../components/shared/log-scale';

// The slider's contract: position p in [0, 1] <-> lr = 10^(-5 + 6p). Values below are worked
// out by hand from that formula.
describe('log-scale lr slider mapping', () => {
  it.each([
    [0, 1e-5],
    [1 / 6, 1e-4],
    [0.5, 1e-2],
    [2 / 3, 0.1],
    [5 / 6, 1],
    [1, 10],
  ])('position %f -> lr %f', (p, lr) => {
    expect(positionToLr(p)).toBeCloseTo(lr, 15);
    expect(positionToLr(p) / lr).toBeCloseTo(1, 12);
  });

  it.each([
    [1e-5, 0],
    [1e-3, 1 / 3],
    [3e-2, (Math.log10(3) + 3) / 6],
    [10, 1],
  ])('lr %f -> position %f', (lr, p) => {
    expect(lrToPosition(lr)).toBeCloseTo(p, 12);
  });

  it('round-trips position -> lr -> position', () => {
    for (let i = 0; i <= 60; i++) {
      const p = i / 60;
      expect(lrToPosition(positionToLr(p))).toBeCloseTo(p, 12);
    }
  });

  it('pins out-of-range and non-positive lrs to the ends', () => {
    expect(lrToPosition(0)).toBe(0);
    expect(lrToPosition(-1)).toBe(0);
    expect(lrToPosition(1e-9)).toBe(0);
    expect(lrToPosition(1000)).toBe(1);
    expect(positionToLr(-0.5)).toBeCloseTo(1e-5, 15);
    expect(positionToLr(2)).toBe(10);
  });

  it('has 100 ticks per decade; ticks snap lr to 3 significant digits', () => {
    expect(LR_SLIDER_TICKS).toBe(600);
    expect(lrToTick(1e-3)).toBe(200);
    expect(tickToLr(200)).toBe(0.001);
    // 10^(-5 + 250/100) = 10^-2.5 = 0.0031622776... -> 0.00316
    expect(tickToLr(250)).toBe(0.00316);
    // 10^(-5 + 201/100) = 10^-2.99 = 0.0010232929... -> 0.00102
    expect(tickToLr(201)).toBe(0.00102);
  });
});
