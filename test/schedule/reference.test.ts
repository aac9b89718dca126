import { describe, expect, it } from 'vitest';
import { createScheduler, sampleSchedule } from '../../src/schedule';
import type { SchedulableOptimizer } from '../../src/schedule';
import { firstMismatch, loadScheduleCases } from './reference-fixtures';

const cases = loadScheduleCases();

function describeMismatch(name: string, actual: number[], expected: number[]): string {
  const i = firstMismatch(actual, expected);
  return i < 0 ? 'match' : `${name}[${i}]: got ${actual[i]}, torch ${expected[i]}`;
}

describe('schedulers match torch 1.13 step by step', () => {
  it('covers every scheduler type', () => {
    const types = new Set<string>();
    const visit = (config: { type: string } & Record<string, unknown>): void => {
      types.add(config.type);
      if (Array.isArray(config.schedulers)) {
        for (const child of config.schedulers) visit(child as { type: string });
      }
    };
    cases.forEach((c) => visit(c.config));
    expect([...types].sort()).toEqual(
      [
        'ConstantLR',
        'CosineAnnealingLR',
        'CosineAnnealingWarmRestarts',
        'CyclicLR',
        'ExponentialLR',
        'LambdaLR',
        'LinearLR',
        'MultiStepLR',
        'MultiplicativeLR',
        'None',
        'OneCycleLR',
        'PolynomialLR',
        'ReduceLROnPlateau',
        'SWALR',
        'SequentialLR',
        'StepLR',
      ].sort(),
    );
  });

  describe('sampleSchedule', () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const sample = sampleSchedule(c.config, {
        steps: c.steps,
        baseLr: c.baseLr,
        metrics: c.metrics,
      });
      expect(describeMismatch('lr', sample.lr, c.lr)).toBe('match');
      if (c.momentum) {
        expect(sample.momentum).toBeDefined();
        expect(describeMismatch('momentum', sample.momentum ?? [], c.momentum)).toBe('match');
      } else {
        expect(sample.momentum).toBeUndefined();
      }
    });
  });

  describe('createScheduler over a plain optimizer object', () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const optimizer: SchedulableOptimizer =
        c.optimizer === 'Adam'
          ? { lr: c.baseLr, betas: [0.9, 0.999] }
          : { lr: c.baseLr, momentum: 0.9 };
      const scheduler = createScheduler(c.config, optimizer);
      const lr: number[] = [];
      const momentum: number[] = [];
      for (let i = 0; i < c.steps; i++) {
        expect(scheduler.lr).toBe(optimizer.lr);
        expect(scheduler.stepCount).toBe(i);
        lr.push(optimizer.lr);
        momentum.push(optimizer.betas ? optimizer.betas[0] : (optimizer.momentum ?? Number.NaN));
        scheduler.step(c.metrics?.[i]);
      }
      expect(describeMismatch('lr', lr, c.lr)).toBe('match');
      if (c.momentum) expect(describeMismatch('momentum', momentum, c.momentum)).toBe('match');
      // Adam's beta2 is never touched by momentum cycling.
      if (optimizer.betas) expect(optimizer.betas[1]).toBe(0.999);
    });
  });
});
