import { describe, expect, it } from 'vitest';
import { sampleSchedule } from '../../src/schedule';

describe('sampleSchedule', () => {
  it('StepLR by hand: 0.1 for 3 steps, then 0.05, then 0.025', () => {
    const { lr, momentum } = sampleSchedule(
      { type: 'StepLR', stepSize: 3, gamma: 0.5 },
      { steps: 7, baseLr: 0.1 },
    );
    expect(lr).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
    expect(momentum).toBeUndefined();
  });

  it('warm-up then cosine by hand: LinearLR(0.5, 2 iters) then CosineAnnealingLR(tMax 2)', () => {
    // LinearLR: 1 * 0.5, then 0.75; at milestone 2 cosine restarts from base 1: 1, 0.5, 0.
    const { lr } = sampleSchedule(
      {
        type: 'SequentialLR',
        schedulers: [
          { type: 'LinearLR', startFactor: 0.5, totalIters: 2 },
          { type: 'CosineAnnealingLR', tMax: 2 },
        ],
        milestones: [2],
      },
      { steps: 5, baseLr: 1 },
    );
    expect(lr.map((x) => Number(x.toFixed(12)))).toEqual([0.5, 0.75, 1, 0.5, 0]);
  });

  it('returns momentum when the schedule cycles it', () => {
    const { lr, momentum } = sampleSchedule(
      { type: 'CyclicLR', baseLr: 0, maxLr: 1, stepSizeUp: 2, baseMomentum: 0.8, maxMomentum: 0.9 },
      { steps: 5, baseLr: 0.5 },
    );
    expect(lr).toEqual([0, 0.5, 1, 0.5, 0]);
    expect(momentum?.map((m) => Number(m.toFixed(12)))).toEqual([0.9, 0.85, 0.8, 0.85, 0.9]);
  });

  it('passes metrics[i] to ReduceLROnPlateau after step i', () => {
    // patience 1: the 2nd non-improving metric (index 2) cuts lr before step 3.
    const { lr } = sampleSchedule(
      { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 },
      { steps: 5, baseLr: 1, metrics: [1, 1, 1, 1] },
    );
    expect(lr).toEqual([1, 1, 1, 0.5, 0.5]);
  });

  it('needs metrics for ReduceLROnPlateau', () => {
    expect(() => sampleSchedule({ type: 'ReduceLROnPlateau' }, { steps: 5, baseLr: 1 })).toThrow(
      'sampleSchedule: ReduceLROnPlateau needs metrics for at least 4 steps, got 0',
    );
  });

  it('handles zero and one steps', () => {
    expect(sampleSchedule({ type: 'ExponentialLR', gamma: 0.5 }, { steps: 0, baseLr: 1 })).toEqual({
      lr: [],
    });
    const one = sampleSchedule(
      { type: 'OneCycleLR', maxLr: 1, totalSteps: 10 },
      { steps: 1, baseLr: 1 },
    );
    expect(one.lr).toHaveLength(1);
    expect(one.lr[0]).toBeCloseTo(1 / 25, 15);
    expect(one.momentum?.[0]).toBeCloseTo(0.95, 15);
  });

  it('rejects bad options and configs', () => {
    expect(() => sampleSchedule({ type: 'None' }, { steps: -1, baseLr: 1 })).toThrow(
      'steps must be an integer >= 0',
    );
    expect(() => sampleSchedule({ type: 'None' }, { steps: 1.5, baseLr: 1 })).toThrow(
      'steps must be an integer >= 0',
    );
    expect(() => sampleSchedule({ type: 'None' }, { steps: 3, baseLr: Number.NaN })).toThrow(
      'baseLr must be a finite number >= 0, got NaN',
    );
    expect(() => sampleSchedule({ type: 'Nope' }, { steps: 3, baseLr: 1 })).toThrow(
      'scheduler.type: unknown scheduler',
    );
  });

  it('samples a long horizon quickly enough for a live preview', () => {
    const start = performance.now();
    const { lr } = sampleSchedule(
      { type: 'CosineAnnealingWarmRestarts', t0: 1000, tMult: 2 },
      { steps: 100_000, baseLr: 0.1 },
    );
    expect(lr).toHaveLength(100_000);
    expect(lr.every((x) => x >= 0 && x <= 0.1)).toBe(true);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
