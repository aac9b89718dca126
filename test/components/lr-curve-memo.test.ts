import { describe, expect, it } from 'vitest';
import { CurveMemo, curveKey } from '../../components/lr-curve/curve-memo';
import type { CurveInput } from '../../components/lr-curve/curve-data';

const input: CurveInput = {
  schedule: { type: 'StepLR', stepSize: 30, gamma: 0.1 },
  baseLr: 0.1,
  steps: 100,
};

describe('CurveMemo', () => {
  it('samples once for inputs that are equal by value', () => {
    const memo = new CurveMemo();
    const first = memo.get(input);
    const again = memo.get({ ...input, schedule: { type: 'StepLR', stepSize: 30, gamma: 0.1 } });
    expect(again).toBe(first);
    expect(memo.computeCount).toBe(1);
    // StepLR by hand: 0.1 for steps 0-29, 0.01 for 30-59.
    expect(first.ok && first.sample.lr[29]).toBeCloseTo(0.1, 12);
    expect(first.ok && first.sample.lr[30]).toBeCloseTo(0.01, 12);
  });

  it('samples again when any input changes', () => {
    const memo = new CurveMemo();
    memo.get(input);
    const changes: Partial<CurveInput>[] = [
      { schedule: { type: 'StepLR', stepSize: 30, gamma: 0.5 } },
      { baseLr: 0.2 },
      { steps: 101 },
      { baseMomentum: 0.9 },
      { metrics: [1, 0.9] },
    ];
    for (const change of changes) memo.get({ ...input, ...change });
    expect(memo.computeCount).toBe(1 + changes.length);
    const last = memo.get({ ...input, baseLr: 0.3 });
    expect(last.ok && last.sample.lr[0]).toBeCloseTo(0.3, 12);
  });

  it('compares metrics and pushed values by identity, not by scanning them', () => {
    const metrics = [1, 0.9, 0.8];
    const same = curveKey({ ...input, metrics });
    expect(curveKey({ ...input, metrics })).toBe(same);
    expect(curveKey({ ...input, metrics: [...metrics] })).not.toBe(same);
    const values = { lr: [0.1, 0.05] };
    expect(curveKey({ ...input, values })).toBe(curveKey({ ...input, values }));
    expect(curveKey({ ...input, values })).not.toBe(curveKey({ ...input, values: { lr: [0.1] } }));
  });
});
