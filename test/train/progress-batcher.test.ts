import { describe, expect, test } from 'vitest';
import { ProgressBatcher } from '../../src/train/progress-batcher';

const shape = { generation: 3, totalSteps: 100, stepsPerEpoch: 10 };

function step(n: number, momentum?: number) {
  return { step: n, epoch: n / 10, loss: 1 / n, lr: 0.1, gradNorm: 2, momentum };
}

describe('ProgressBatcher', () => {
  test('one message carries every step since the previous flush, as typed arrays', () => {
    const batcher = new ProgressBatcher(30);
    batcher.begin(shape, ['a', 'b'], 'running');
    for (let n = 1; n <= 5; n++) batcher.addStep('a', step(n));
    batcher.addStep('b', step(1));
    batcher.addEval('a', {
      step: 5,
      valLoss: 0.5,
      valAccuracy: 0.9,
      trainLoss: 0.4,
      trainAccuracy: 0.95,
    });
    const msg = batcher.flush(0);
    expect(msg).not.toBeNull();
    expect(msg!.generation).toBe(3);
    expect(msg!.status).toBe('running');
    const [a, b] = msg!.runs;
    expect(a.steps).toBeInstanceOf(Int32Array);
    expect([...a.steps]).toEqual([1, 2, 3, 4, 5]);
    expect(a.loss).toBeInstanceOf(Float32Array);
    expect(a.loss[1]).toBeCloseTo(0.5, 7);
    expect([...a.epochs]).toEqual([0.1, 0.2, 0.3, 0.4, 0.5].map(Math.fround));
    expect(a.momentum).toBeUndefined();
    expect(a.swa).toBeUndefined();
    expect([...a.evals.steps]).toEqual([5]);
    expect(a.evals.valAccuracy[0]).toBeCloseTo(0.9, 6);
    expect([...b.steps]).toEqual([1]);
    // The next message has only what came after.
    batcher.addStep('a', step(6, 0.85));
    const next = batcher.flush(1000)!;
    expect(next.seq).toBe(msg!.seq + 1);
    expect([...next.runs[0].steps]).toEqual([6]);
    expect(next.runs[0].momentum?.[0]).toBeCloseTo(0.85, 6);
    expect(next.runs[1].steps).toHaveLength(0);
  });

  test("an SWA average's evaluations travel as the run's swa series, throttled like the rest", () => {
    const batcher = new ProgressBatcher(10);
    batcher.begin(shape, ['a', 'b'], 'running');
    batcher.flush(0);
    const point = (n: number) => ({
      step: n,
      valLoss: 1 / n,
      valAccuracy: 0.5,
      trainLoss: 2 / n,
      trainAccuracy: 0.6,
    });
    batcher.addSwaEval('a', point(10));
    expect(batcher.isDue(50)).toBe(false);
    batcher.addSwaEval('a', point(20));
    const [a, b] = batcher.flush(100)!.runs;
    expect(a.swa?.steps).toEqual(Int32Array.from([10, 20]));
    expect(a.swa?.valLoss).toEqual(Float32Array.from([0.1, 0.05]));
    expect(a.swa?.trainLoss).toEqual(Float32Array.from([0.2, 0.1]));
    expect(a.evals.steps).toHaveLength(0);
    expect(b.swa).toBeUndefined();
    batcher.addStep('a', step(21));
    expect(batcher.flush(200)!.runs[0].swa).toBeUndefined();
  });

  test('flushes at most maxRate times per second', () => {
    const batcher = new ProgressBatcher(10); // every 100 ms
    batcher.begin(shape, ['a'], 'running');
    expect(batcher.isDue(0)).toBe(true);
    batcher.flush(0);
    batcher.addStep('a', step(1));
    expect(batcher.isDue(50)).toBe(false);
    expect(batcher.msUntilDue(50)).toBeCloseTo(50, 6);
    expect(batcher.isDue(100)).toBe(true);
    batcher.flush(100);
    // Nothing new: nothing due, ever.
    expect(batcher.isDue(1000)).toBe(false);
    expect(batcher.msUntilDue(1000)).toBe(Infinity);
    expect(batcher.flush(1000)).toBeNull();
  });

  test('status changes, divergence and removals are reported once', () => {
    const batcher = new ProgressBatcher();
    batcher.begin(shape, ['a', 'b'], 'running');
    batcher.flush(0);
    batcher.setRunStatus('a', 'diverged', { diverged: { step: 7, lr: 100, loss: NaN } });
    batcher.removeRun('b');
    const msg = batcher.flush(100)!;
    expect(msg.runs.map((r) => r.runId)).toEqual(['a']);
    expect(msg.runs[0].status).toBe('diverged');
    expect(msg.runs[0].diverged).toEqual({ step: 7, lr: 100, loss: NaN });
    expect(msg.removedRuns).toEqual(['b']);
    batcher.setStatus('done');
    expect(batcher.flush(200)!.removedRuns).toEqual([]);
  });

  test('rejects a non-positive rate, naming it', () => {
    expect(() => new ProgressBatcher(0)).toThrow(/^maxRate: /);
  });
});
