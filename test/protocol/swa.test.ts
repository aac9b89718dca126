import { describe, expect, test } from 'vitest';
import { parseExperimentConfig, parseRunConfig } from '../../src/protocol/experiment';
import {
  averagesAfter,
  firstAverageStep,
  ownSchedulerActs,
  parseSwaConfig,
  SWA_DEFAULTS,
} from '../../src/protocol/swa';
import { schedulerDefaults } from '../../src/schedule/config';

const run = (swa: unknown) => ({ optimizer: { type: 'SGD', lr: 0.1 }, swa });

function problem(swa: unknown): string {
  try {
    parseExperimentConfig({ runs: [{ optimizer: { type: 'SGD' } }, run(swa)] });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the swa option to be refused');
}

describe('the swa run option', () => {
  test("fills SWALR's torch defaults (anneal_epochs=10, anneal_strategy='cos') from the scheduler schema", () => {
    expect(SWA_DEFAULTS).toEqual({ annealEpochs: 10, annealStrategy: 'cos' });
    const { type: _type, ...swalr } = schedulerDefaults('SWALR');
    expect(SWA_DEFAULTS).toEqual(swalr);
    const config = parseRunConfig(run({ start: 3, swaLr: 0.05 }), 0);
    expect(config.swa).toEqual({ start: 3, swaLr: 0.05, annealEpochs: 10, annealStrategy: 'cos' });
    expect(config.label).toBe('SGD + SWA');
    // Parsing is idempotent, and a run without swa has none.
    expect(parseRunConfig(config, 0)).toEqual(config);
    expect(parseRunConfig(run(undefined), 0)).not.toHaveProperty('swa');
    expect(parseRunConfig(run(null), 0)).not.toHaveProperty('swa');
  });

  test.each([
    ['a number', 3, 'runs[1].swa: must be an object like { start: 40, swaLr: 0.05 }'],
    [
      'no start',
      { swaLr: 0.05 },
      'runs[1].swa.start: is required; swa takes start, swaLr, annealEpochs, annealStrategy',
    ],
    ['no swaLr', { start: 1 }, 'runs[1].swa.swaLr: is required'],
    [
      'a negative start',
      { start: -1, swaLr: 0.1 },
      'runs[1].swa.start: must be an integer epoch in [0, 1000000]',
    ],
    [
      'a fractional start',
      { start: 1.5, swaLr: 0.1 },
      'runs[1].swa.start: must be an integer epoch',
    ],
    [
      'a negative swaLr',
      { start: 1, swaLr: -1 },
      'runs[1].swa.swaLr: must be a finite number >= 0, got -1',
    ],
    [
      'annealEpochs -1',
      { start: 1, swaLr: 0.1, annealEpochs: -1 },
      'runs[1].swa.annealEpochs: must be an integer >= 0',
    ],
    [
      "annealStrategy 'step'",
      { start: 1, swaLr: 0.1, annealStrategy: 'step' },
      "runs[1].swa.annealStrategy: must be one of 'cos', 'linear'",
    ],
    [
      'a misspelt option',
      { start: 1, swaLr: 0.1, anealEpochs: 3 },
      'runs[1].swa.anealEpochs: unknown option; allowed: start, swaLr, annealEpochs, annealStrategy',
    ],
  ])('refuses %s, naming the field', (_what, swa, message) => {
    expect(problem(swa)).toContain(message);
  });

  test('parseSwaConfig names its fields under the path it is given', () => {
    expect(() => parseSwaConfig({ start: 0, swaLr: 'x' }, 'update.swa')).toThrow(
      /^update\.swa\.swaLr: must be a finite number >= 0/,
    );
    expect(parseSwaConfig(null)).toBeNull();
  });

  test("torch's recipe: `if epoch >= swa_start` at each epoch's end (0-based epochs)", () => {
    const swa = parseSwaConfig({ start: 2, swaLr: 0.1 })!;
    // 5 steps per epoch: epochs 0 and 1 are steps 1-10; the first average follows step 15,
    // the end of epoch 2.
    const perEpoch = 5;
    const averaged = Array.from({ length: 30 }, (_, i) => i + 1).filter((step) =>
      averagesAfter(swa, step, perEpoch),
    );
    expect(averaged).toEqual([15, 20, 25, 30]);
    expect(firstAverageStep(swa, perEpoch)).toBe(15);
    // The run's own scheduler acts on the steps of epochs 0 and 1 (the epoch-1 end included).
    expect(ownSchedulerActs(swa, 10, perEpoch)).toBe(true);
    expect(ownSchedulerActs(swa, 11, perEpoch)).toBe(false);
    expect(ownSchedulerActs(null, 1000, perEpoch)).toBe(true);
    expect(averagesAfter(null, 15, perEpoch)).toBe(false);
  });
});
