import { describe, expect, it } from 'vitest';
import { describeRun, optimizerLr, optimizerMomentum } from '../../components/optim-lab/run-labels';
import { RunTracker, divergenceMessage, runSummary } from '../../components/optim-lab/run-tracker';
import { suggestRun } from '../../components/optim-lab/suggest-run';
import type { ProgressBatch, RunProgress } from '../../src/protocol/progress';

function runProgress(
  runId: string,
  steps: number[],
  extra: Partial<RunProgress> = {},
): RunProgress {
  const f = (xs: number[]) => Float32Array.from(xs);
  return {
    runId,
    status: 'training',
    steps: Int32Array.from(steps),
    epochs: f(steps.map((s) => s / 10)),
    loss: f(steps.map((s) => 1 / s)),
    lr: f(steps.map(() => 0.5)),
    gradNorm: f(steps.map(() => 1)),
    evals: {
      steps: new Int32Array(),
      valLoss: new Float32Array(),
      valAccuracy: new Float32Array(),
      trainLoss: new Float32Array(),
      trainAccuracy: new Float32Array(),
    },
    ...extra,
  };
}

function batch(runs: RunProgress[]): ProgressBatch {
  return {
    type: 'progress',
    seq: 1,
    generation: 1,
    status: 'running',
    totalSteps: 100,
    stepsPerEpoch: 10,
    runs,
    removedRuns: [],
  };
}

describe('run labels', () => {
  it('names runs so a legend tells them apart, with PyTorch default lrs filled in', () => {
    expect(describeRun({ type: 'SGD', lr: 0.1 })).toBe('SGD, lr 0.1');
    expect(describeRun({ type: 'SGD', lr: 0.1, momentum: 0.9 })).toBe('SGD + momentum, lr 0.1');
    expect(describeRun({ type: 'SGD', lr: 0.1, momentum: 0.9, nesterov: true })).toBe(
      'SGD + Nesterov, lr 0.1',
    );
    // PyTorch 1.13 defaults: Adam lr=1e-3, Adagrad lr=1e-2.
    expect(describeRun({ type: 'Adam' })).toBe('Adam, lr 0.001');
    expect(optimizerLr({ type: 'Adagrad' })).toBe(0.01);
    expect(describeRun({ type: 'Lookahead', optimizer: { type: 'RAdam', lr: 0.02 } })).toBe(
      'Lookahead(RAdam), lr 0.02',
    );
    expect(
      describeRun(
        { type: 'Adam', lr: 0.01 },
        {
          type: 'SequentialLR',
          schedulers: [{ type: 'LinearLR' }, { type: 'CosineAnnealingLR', tMax: 10 }],
          milestones: [5],
        },
      ),
    ).toBe('Adam, lr 0.01 + LinearLR → CosineAnnealingLR');
    expect(
      describeRun({ type: 'SGD', lr: 0.1 }, { type: 'StepLR', stepSize: 10 }, { start: 3 }),
    ).toBe('SGD, lr 0.1 + StepLR + SWA');
  });

  it('reads the momentum a cycling schedule moves: momentum for SGD, beta1 for Adam', () => {
    expect(optimizerMomentum({ type: 'SGD', momentum: 0.9 })).toBe(0.9);
    expect(optimizerMomentum({ type: 'AdamW', betas: [0.85, 0.99] })).toBe(0.85);
    expect(optimizerMomentum({ type: 'Adam' })).toBe(0.9);
    expect(optimizerMomentum({ type: 'Adagrad' })).toBeUndefined();
  });

  it('suggests a run the lab does not show yet', () => {
    expect(suggestRun([{ type: 'Adam', lr: 0.01 }]).optimizer).toEqual({
      type: 'SGD',
      lr: 0.1,
      momentum: 0.9,
    });
    expect(suggestRun([{ type: 'Adam' }, { type: 'SGD', momentum: 0.5 }]).optimizer.type).toBe(
      'AdamW',
    );
  });
});

describe('RunTracker', () => {
  it('keeps the latest numbers of each run and reports who advanced', () => {
    const tracker = new RunTracker();
    tracker.reset([
      { id: 'a', label: 'SGD' },
      { id: 'b', label: 'Adam' },
    ]);
    const first = tracker.ingest(batch([runProgress('a', [1, 2, 3]), runProgress('b', [])]));
    expect(first.advanced.map((r) => r.runId)).toEqual(['a']);
    expect(tracker.get('a')).toMatchObject({ step: 3, index: 0, lr: 0.5 });
    expect(tracker.get('a')?.loss).toBeCloseTo(1 / 3, 6);
    expect(tracker.get('a')?.epoch).toBeCloseTo(0.3, 6);
    expect(tracker.get('b')?.step).toBe(0);
    expect(runSummary(tracker.get('b')!)).toBe('Adam: not started');
  });

  it('announces a divergence once, in plain words', () => {
    const tracker = new RunTracker();
    tracker.reset([
      { id: 'a', label: 'Adam' },
      { id: 'b', label: 'SGD, lr 100' },
    ]);
    const diverged = { step: 340, lr: 3.2, loss: Number.NaN };
    const result = tracker.ingest(
      batch([runProgress('b', [339, 340], { status: 'diverged', diverged })]),
    );
    expect(result.diverged.map(divergenceMessage)).toEqual([
      'Run 2 (SGD, lr 100) diverged at step 340, lr = 3.2: the loss became NaN. Try a smaller learning rate or a warm-up.',
    ]);
    const again = tracker.ingest(batch([runProgress('b', [], { status: 'diverged', diverged })]));
    expect(again.diverged).toEqual([]);
    expect(runSummary(tracker.get('b')!)).toBe('SGD, lr 100: diverged at step 340');
  });

  it("keeps an SWA average's latest evaluation and says it beside the run's own", () => {
    const tracker = new RunTracker();
    tracker.reset([{ id: 'a', label: 'SGD + SWA' }]);
    const evals = (steps: number[], loss: number[], accuracy: number[]) => ({
      steps: Int32Array.from(steps),
      valLoss: Float32Array.from(loss),
      valAccuracy: Float32Array.from(accuracy),
      trainLoss: Float32Array.from(loss.map((l) => l / 2)),
      trainAccuracy: Float32Array.from(accuracy),
    });
    tracker.ingest(batch([runProgress('a', [10], { evals: evals([10], [0.5], [0.8]) })]));
    expect(tracker.get('a')?.swa).toBeUndefined();
    expect(runSummary(tracker.get('a')!)).toBe(
      'SGD + SWA: loss 0.1 at step 10, validation accuracy 80%',
    );
    tracker.ingest(
      batch([
        runProgress('a', [20], {
          evals: evals([20], [0.4], [0.85]),
          swa: evals([20], [0.25], [0.9]),
        }),
      ]),
    );
    expect(tracker.get('a')?.swa).toMatchObject({ step: 20, trainLoss: 0.125 });
    expect(tracker.get('a')?.swa?.valLoss).toBeCloseTo(0.25, 6);
    expect(runSummary(tracker.get('a')!)).toBe(
      'SGD + SWA: loss 0.05 at step 20, validation accuracy 85%, SWA average: validation accuracy 90%',
    );
    // A later batch without SWA points keeps the last one; a reset forgets it.
    tracker.ingest(batch([runProgress('a', [21])]));
    expect(tracker.get('a')?.swa?.step).toBe(20);
    tracker.reset([{ id: 'a', label: 'SGD + SWA' }]);
    expect(tracker.get('a')?.swa).toBeUndefined();
  });

  it('keeps the numbers of runs that stay when runs are added or removed', () => {
    const tracker = new RunTracker();
    tracker.reset([{ id: 'a', label: 'A' }]);
    tracker.ingest(batch([runProgress('a', [1, 2])]));
    tracker.setRuns([
      { id: 'b', label: 'B' },
      { id: 'a', label: 'A2' },
    ]);
    expect(tracker.snapshots().map((r) => [r.runId, r.index, r.label, r.step])).toEqual([
      ['b', 0, 'B', 0],
      ['a', 1, 'A2', 2],
    ]);
  });
});
