/**
 * gridRuns / rankRuns: the cartesian product, its labels and limits, field-named errors, and
 * the ranking of finished runs. Pure functions: no backend needed, and the module must not
 * pull TF.js into a page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { GRID_MAX_RUNS, gridRuns, rankRuns } from '../../src/train/grid-search';
import type { RunState, TrainerState } from '../../src/protocol/api';

describe('gridRuns', () => {
  test('one run per combination, last option fastest, labelled with its settings', () => {
    const runs = gridRuns(
      { optimizer: { type: 'SGD', nesterov: false } },
      { lr: [0.01, 0.1], momentum: [0, 0.9] },
    );
    expect(runs.map((run) => run.optimizer)).toEqual([
      { type: 'SGD', nesterov: false, lr: 0.01, momentum: 0 },
      { type: 'SGD', nesterov: false, lr: 0.01, momentum: 0.9 },
      { type: 'SGD', nesterov: false, lr: 0.1, momentum: 0 },
      { type: 'SGD', nesterov: false, lr: 0.1, momentum: 0.9 },
    ]);
    expect(runs.map((run) => run.label)).toEqual([
      'SGD lr=0.01 momentum=0',
      'SGD lr=0.01 momentum=0.9',
      'SGD lr=0.1 momentum=0',
      'SGD lr=0.1 momentum=0.9',
    ]);
    expect(runs.every((run) => run.id === undefined)).toBe(true);
  });

  test('keeps the scheduler, extends a given label and id, formats tuples', () => {
    const runs = gridRuns(
      {
        id: 'adam',
        label: 'warm Adam',
        optimizer: { type: 'Adam' },
        scheduler: { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
        schedulerStepOn: 'batch',
      },
      {
        betas: [
          [0.9, 0.999],
          [0.5, 0.9],
        ],
      },
    );
    expect(runs.map((run) => [run.id, run.label])).toEqual([
      ['adam-0', 'warm Adam betas=(0.9, 0.999)'],
      ['adam-1', 'warm Adam betas=(0.5, 0.9)'],
    ]);
    expect(runs[1].scheduler).toEqual({ type: 'LinearLR', startFactor: 0.1, totalIters: 10 });
    expect(runs[1].optimizer).toEqual({ type: 'Adam', betas: [0.5, 0.9] });
    // Without a label the default names the scheduler too, as the trainer's default does.
    const [unlabelled] = gridRuns(
      { optimizer: { type: 'Adam' }, scheduler: { type: 'StepLR', stepSize: 5 } },
      { lr: [0.001] },
    );
    expect(unlabelled.label).toBe('Adam + StepLR lr=0.001');
  });

  test('an empty grid is the base run alone; the base is not modified', () => {
    const base = { optimizer: { type: 'RMSprop' as const, lr: 0.01 } };
    const snapshot = structuredClone(base);
    expect(gridRuns(base, {})).toEqual([{ ...base, label: 'RMSprop' }]);
    gridRuns(base, { lr: [0.1, 0.2], alpha: [0.9] });
    expect(base).toEqual(snapshot);
  });

  test('on Lookahead, k and alpha vary the wrapper and other options the inner optimizer', () => {
    const runs = gridRuns(
      { optimizer: { type: 'Lookahead', optimizer: { type: 'SGD', lr: 0.1 } } },
      { k: [5], lr: [0.3] },
    );
    expect(runs[0].optimizer).toEqual({
      type: 'Lookahead',
      k: 5,
      optimizer: { type: 'SGD', lr: 0.3 },
    });
    expect(runs[0].label).toBe('Lookahead k=5 lr=0.3');
  });

  test(`at most ${GRID_MAX_RUNS} runs, with the arithmetic in the message`, () => {
    const four = [1e-3, 1e-2, 1e-1, 1];
    expect(gridRuns({ optimizer: { type: 'SGD' } }, { lr: four, momentum: four })).toHaveLength(16);
    expect(() =>
      gridRuns(
        { optimizer: { type: 'SGD' } },
        { lr: four, momentum: [0, 0.5, 0.9], dampening: [0, 0.5] },
      ),
    ).toThrow(
      'grid: 4 lr x 3 momentum x 2 dampening = 24 runs; at most 16 runs per experiment (drop some values)',
    );
  });

  test.each([
    [{ lr: [] }, 'grid.lr: must be a non-empty array of values'],
    [{ lr: 0.1 }, 'grid.lr: must be a non-empty array of values'],
    [{ lr: [0.1, -1] }, 'grid.lr[1]: '],
    [{ betas: [[0.9, 0.999]] }, 'grid.betas[0]: '], // SGD has no betas
    [{ type: ['Adam'] }, 'grid.type: vary options, not the optimizer type'],
  ])('rejects grid %j naming the field', (grid, message) => {
    expect(() =>
      gridRuns({ optimizer: { type: 'SGD' } }, grid as unknown as Record<string, number[]>),
    ).toThrow(message);
  });

  test('rejects a combination that is invalid only together, and a bad base', () => {
    // Nesterov needs momentum > 0 and dampening 0 (torch raises the same).
    expect(() =>
      gridRuns(
        { optimizer: { type: 'SGD', nesterov: true, momentum: 0.9 } },
        { momentum: [0.9, 0] },
      ),
    ).toThrow(/^grid.momentum\[1\]: /);
    expect(() =>
      gridRuns({ optimizer: { type: 'SGD' } }, { nesterov: [true], momentum: [0.9] }),
    ).toThrow(/^grid\.nesterov\[0\]: /);
    expect(() =>
      gridRuns(
        { optimizer: { type: 'SGD', momentum: 0.9 } },
        { nesterov: [true], dampening: [0.5] },
      ),
    ).toThrow(/^grid \(nesterov=true dampening=0.5\): /);
    expect(() => gridRuns({ optimizer: { type: 'Adamm' } } as never, { lr: [1] })).toThrow(
      /^base\.optimizer: /,
    );
  });

  test('the module imports no TF.js, directly or through its imports', () => {
    const resolve = (from: string, spec: string): string => {
      const path = new URL(spec, `file://${from}`).pathname.replace(/\.js$/, '');
      return [`${path}.ts`, `${path}/index.ts`].find((file) => existsSync(file)) ?? path;
    };
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from '@tensorflow/);
      // Value imports only: `import type` is erased and loads nothing.
      for (const [, spec] of source.matchAll(
        /^(?:import|export) (?!type )[^;]*? from '([^']+)'/gms,
      )) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^(\.|valibot$)/);
        if (spec.startsWith('.')) visit(resolve(file, spec));
      }
    };
    visit(new URL('../../src/train/grid-search.ts', import.meta.url).pathname);
    // grid-search -> optim/config, protocol/experiment -> schedule/config -> expr/...
    expect(seen.size).toBeGreaterThan(5);
  });
});

function run(partial: Partial<RunState> & { id: string }): RunState {
  return {
    label: partial.id,
    status: 'done',
    config: {} as RunState['config'],
    step: 100,
    epoch: 10,
    lr: 0.1,
    loss: 0.5,
    valLoss: NaN,
    valAccuracy: NaN,
    ...partial,
  };
}

function state(runs: RunState[]): TrainerState {
  return { status: 'done', config: null, generation: 1, totalSteps: 100, stepsPerEpoch: 10, runs };
}

describe('rankRuns', () => {
  test('lowest validation loss first; unevaluated, then diverged, then failed runs last', () => {
    const ranked = rankRuns(
      state([
        run({ id: 'failed', status: 'error', valLoss: 0.01, error: 'boom' }),
        run({ id: 'worse', valLoss: 0.4, valAccuracy: 0.8 }),
        run({
          id: 'diverged',
          status: 'diverged',
          valLoss: 0.05,
          diverged: { step: 3, lr: 10, loss: 1e9 },
        }),
        run({ id: 'fresh', status: 'idle' }),
        run({ id: 'best', valLoss: 0.1, valAccuracy: 0.95 }),
        run({ id: 'paused', status: 'paused', valLoss: 0.2, valAccuracy: 0.9 }),
      ]),
    );
    expect(ranked.map((r) => r.runId)).toEqual([
      'best',
      'paused',
      'worse',
      'fresh',
      'diverged',
      'failed',
    ]);
    expect(ranked[0]).toEqual({
      runId: 'best',
      label: 'best',
      valLoss: 0.1,
      valAccuracy: 0.95,
      status: 'done',
    });
  });

  test('ties keep the experiment order; no runs, no ranking', () => {
    const ranked = rankRuns(
      state([
        run({ id: 'a', valLoss: 0.3 }),
        run({ id: 'b', valLoss: 0.2 }),
        run({ id: 'c', valLoss: 0.3 }),
      ]),
    );
    expect(ranked.map((r) => r.runId)).toEqual(['b', 'a', 'c']);
    expect(rankRuns(state([]))).toEqual([]);
  });
});
