/**
 * Schedulers that have an end (OneCycleLR, LinearLR, ConstantLR, PolynomialLR, SWALR) stepped
 * past it, against torch 1.13 (schedule.json `pastEnd`), and every fixture case driven through
 * a real optimizer, whose lr / momentum / betas setters reject invalid values (issue 11: the
 * ordinary loop's last OneCycleLR step() used to set a negative lr there and throw).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim';
import type { TorchOptimizer } from '../../src/optim/base';
import { createScheduler, sampleSchedule } from '../../src/schedule';
import type { SchedulableOptimizer } from '../../src/schedule';
import { useCpu } from '../train/helpers';
import { firstMismatch, loadPastEndCases, loadScheduleCases } from './reference-fixtures';
import type { ScheduleCase } from './reference-fixtures';

const pastEnd = loadPastEndCases();
const optimizers: TorchOptimizer[] = [];

beforeAll(useCpu);
afterAll(() => optimizers.forEach((optimizer) => optimizer.dispose()));

function realOptimizer(c: ScheduleCase): TorchOptimizer & SchedulableOptimizer {
  const optimizer =
    c.optimizer === 'Adam'
      ? createOptimizer({ type: 'Adam', lr: c.baseLr })
      : createOptimizer({ type: 'SGD', lr: c.baseLr, momentum: 0.9 });
  optimizers.push(optimizer);
  return optimizer as TorchOptimizer & SchedulableOptimizer;
}

function momentumOf(optimizer: SchedulableOptimizer): number {
  return optimizer.betas ? optimizer.betas[0] : (optimizer.momentum ?? Number.NaN);
}

/**
 * Reads lr and momentum before each of `c.steps` optimizer steps of a real optimizer, calling
 * scheduler.step() after each but the last `skipLast` ones; returns the scheduler too.
 */
function traceReal(c: ScheduleCase, skipLast: number) {
  const optimizer = realOptimizer(c);
  const scheduler = createScheduler(c.config, optimizer);
  const lr: number[] = [];
  const momentum: number[] = [];
  for (let i = 0; i < c.steps; i++) {
    lr.push(optimizer.lr);
    momentum.push(momentumOf(optimizer));
    if (i < c.steps - skipLast) scheduler.step(c.metrics?.[i]);
  }
  return { lr, momentum, scheduler };
}

/** torch's values up to `final`, then the final value held (torch holds too, but OneCycleLR). */
function expectHeld(name: string, actual: number[], torch: number[], final: number): void {
  expect(actual).toHaveLength(torch.length);
  expect(firstMismatch(actual.slice(0, final + 1), torch.slice(0, final + 1)), name).toBe(-1);
  for (let i = final + 1; i < actual.length; i++)
    expect(actual[i], `${name}[${i}]`).toBe(actual[final]);
}

describe('schedulers with an end, stepped past it', () => {
  it('covers OneCycleLR (both strategies, three-phase, beta1, chained), LinearLR, ConstantLR, PolynomialLR and SWALR', () => {
    const types = new Set(pastEnd.map((c) => c.config.type));
    expect([...types].sort()).toEqual(
      ['ConstantLR', 'LinearLR', 'OneCycleLR', 'PolynomialLR', 'SWALR', 'SequentialLR'].sort(),
    );
    expect(pastEnd.filter((c) => c.extraStepError !== undefined)).toHaveLength(6);
  });

  it.each(pastEnd.map((c) => [c.name, c] as const))('%s: sampleSchedule', (_name, c) => {
    const sample = sampleSchedule(c.config, { steps: c.steps, baseLr: c.baseLr });
    expectHeld('lr', sample.lr, c.lr, c.final);
    if (c.momentum) expectHeld('momentum', sample.momentum ?? [], c.momentum, c.final);
    // Where torch has no error past the end it holds as well, so everything matches it.
    if (c.extraStepError === undefined) expect(firstMismatch(sample.lr, c.lr)).toBe(-1);
  });

  it.each(pastEnd.map((c) => [c.name, c] as const))(
    '%s: the ordinary loop through a real optimizer never throws; one step() more throws where torch raises',
    (_name, c) => {
      const { lr, momentum, scheduler } = traceReal(c, 1);
      expectHeld('lr', lr, c.lr, c.final);
      if (c.momentum) expectHeld('momentum', momentum, c.momentum, c.final);
      expect(lr.every((value) => value >= 0)).toBe(true);
      if (c.extraStepError === undefined) {
        expect(() => scheduler.step()).not.toThrow();
      } else {
        // torch: "Tried to step 32 times. The specified number of total steps is 30".
        const [, calls, total] = /step (\d+) times.* steps is (\d+)/.exec(c.extraStepError) ?? [];
        expect(() => scheduler.step()).toThrow(
          `OneCycleLR: tried to step ${calls} times; totalSteps is ${total}`,
        );
      }
    },
  );
});

describe('every torch fixture case through a real optimizer', () => {
  // The plain-object test in reference.test.ts cannot see an lr or momentum the optimizer
  // would refuse; TorchOptimizer's setters validate what each scheduler writes.
  it.each(loadScheduleCases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { lr, momentum } = traceReal(c, 0);
    expect(firstMismatch(lr, c.lr)).toBe(-1);
    if (c.momentum) expect(firstMismatch(momentum, c.momentum)).toBe(-1);
  });
});
