import { describe, expect, it } from 'vitest';
import { createScheduler, SchedulerConfigError } from '../../src/schedule';
import type { SchedulableOptimizer } from '../../src/schedule';

describe('createScheduler', () => {
  it('OneCycleLR sets lr = maxLr / divFactor and momentum = maxMomentum on construction', () => {
    const sgd: SchedulableOptimizer = { lr: 123, momentum: 0 };
    const scheduler = createScheduler(
      { type: 'OneCycleLR', maxLr: 0.5, totalSteps: 10, divFactor: 5 },
      sgd,
    );
    // torch's cos anneal at pct 0 (end + (start - end) / 2 * 2) rounds, hence closeTo.
    expect(sgd.lr).toBeCloseTo(0.1, 15);
    expect(sgd.momentum).toBeCloseTo(0.95, 15);
    expect(scheduler.lr).toBe(sgd.lr);
    expect(scheduler.stepCount).toBe(0);
  });

  it('OneCycleLR cycles betas[0] of an Adam-like optimizer and keeps betas[1]', () => {
    const adam: SchedulableOptimizer = { lr: 1e-3, betas: [0.9, 0.98] };
    const scheduler = createScheduler(
      { type: 'OneCycleLR', maxLr: 0.01, totalSteps: 10, pctStart: 0.5 },
      adam,
    );
    expect(adam.betas).toEqual([0.95, 0.98]);
    expect(adam.momentum).toBeUndefined();
    // Step 4 is the end of phase 1 (pctStart * totalSteps - 1): lr = maxLr, beta1 = baseMomentum.
    for (let i = 0; i < 4; i++) scheduler.step();
    expect(adam.lr).toBeCloseTo(0.01, 15);
    expect(adam.betas?.[0]).toBeCloseTo(0.85, 15);
    expect(adam.betas?.[1]).toBe(0.98);
  });

  it('refuses to cycle momentum on an optimizer that has neither momentum nor betas', () => {
    const plain: SchedulableOptimizer = { lr: 0.1 };
    expect(() =>
      createScheduler({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 10 }, plain),
    ).toThrow(
      'optimizer must support momentum or betas with cycleMomentum enabled; set cycleMomentum: false',
    );
    const scheduler = createScheduler(
      { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 10, cycleMomentum: false },
      plain,
    );
    expect(plain.lr).toBeCloseTo(0.004, 15);
    expect(plain).not.toHaveProperty('momentum');
    scheduler.step();
  });

  it('CyclicLR, as in torch 1.13, cycles only `momentum`, not betas', () => {
    const adam: SchedulableOptimizer = { lr: 1e-3, betas: [0.9, 0.999] };
    expect(() => createScheduler({ type: 'CyclicLR', baseLr: 0.001, maxLr: 0.01 }, adam)).toThrow(
      'set cycleMomentum: false',
    );
    createScheduler({ type: 'CyclicLR', baseLr: 0.001, maxLr: 0.01, cycleMomentum: false }, adam);
    expect(adam.lr).toBe(0.001);
    expect(adam.betas).toEqual([0.9, 0.999]);
  });

  it('OneCycleLR refuses to step past totalSteps, as torch does', () => {
    const sgd: SchedulableOptimizer = { lr: 0.1, momentum: 0.9 };
    const scheduler = createScheduler({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 3 }, sgd);
    scheduler.step();
    scheduler.step();
    scheduler.step(); // last_epoch 3 == totalSteps is still allowed
    expect(() => scheduler.step()).toThrow('OneCycleLR: tried to step 5 times; totalSteps is 3');
  });

  it('OneCycleLR with a zero-length phase throws (torch: ZeroDivisionError) instead of NaN', () => {
    const sgd: SchedulableOptimizer = { lr: 0.1, momentum: 0.9 };
    expect(() =>
      createScheduler({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 10, pctStart: 0.1 }, sgd),
    ).toThrow('OneCycleLR: phase 1 has zero length');
  });

  it('ReduceLROnPlateau needs the metric on every step', () => {
    const sgd: SchedulableOptimizer = { lr: 0.1, momentum: 0 };
    const scheduler = createScheduler({ type: 'ReduceLROnPlateau', patience: 0 }, sgd);
    scheduler.step(1);
    expect(() => scheduler.step()).toThrow('ReduceLROnPlateau.step needs the monitored metric');
    expect(() => scheduler.step(Number.NaN)).toThrow(
      'ReduceLROnPlateau.step needs the monitored metric',
    );
    scheduler.step(2); // worse than 1 with patience 0: lr * 0.1
    expect(sgd.lr).toBeCloseTo(0.01, 15);
    expect(scheduler.stepCount).toBe(2);
  });

  it('reads changes made to the optimizer between steps (chainable forms, as torch)', () => {
    // ExponentialLR's chainable form multiplies whatever lr the group holds.
    const sgd: SchedulableOptimizer = { lr: 1, momentum: 0 };
    const scheduler = createScheduler({ type: 'ExponentialLR', gamma: 0.5 }, sgd);
    scheduler.step();
    expect(sgd.lr).toBe(0.5);
    sgd.lr = 4;
    scheduler.step();
    expect(sgd.lr).toBe(2);
  });

  it('None leaves the lr alone but counts steps', () => {
    const sgd: SchedulableOptimizer = { lr: 0.3 };
    const scheduler = createScheduler({ type: 'None' }, sgd);
    scheduler.step();
    scheduler.step();
    expect(sgd.lr).toBe(0.3);
    expect(scheduler.stepCount).toBe(2);
    expect(scheduler.config).toEqual({ type: 'None' });
  });

  it('validates its config', () => {
    expect(() => createScheduler({ type: 'StepLR', stepsize: 3 }, { lr: 0.1 })).toThrow(
      SchedulerConfigError,
    );
  });

  it('exposes the parsed config with defaults', () => {
    const scheduler = createScheduler({ type: 'StepLR', stepSize: 3 }, { lr: 0.1 });
    expect(scheduler.config).toEqual({ type: 'StepLR', stepSize: 3, gamma: 0.1 });
  });
});
