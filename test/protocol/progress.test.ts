import { expect, test } from 'vitest';
import { transferables } from '../../src/protocol/progress';
import type { ProgressBatch, RunProgress } from '../../src/protocol/progress';

const evals = () => ({
  steps: new Int32Array(1),
  valLoss: new Float32Array(1),
  valAccuracy: new Float32Array(1),
  trainLoss: new Float32Array(1),
  trainAccuracy: new Float32Array(1),
});

function run(id: string, n: number, momentum: boolean, swa = false): RunProgress {
  const progress: RunProgress = {
    runId: id,
    status: 'training',
    steps: new Int32Array(n),
    epochs: new Float32Array(n),
    loss: new Float32Array(n),
    lr: new Float32Array(n),
    gradNorm: new Float32Array(n),
    evals: evals(),
  };
  if (momentum) progress.momentum = new Float32Array(n);
  if (swa) progress.swa = evals();
  return progress;
}

test('transferables lists every non-empty buffer once and the message survives a transfer', () => {
  const msg: ProgressBatch = {
    type: 'progress',
    seq: 0,
    generation: 1,
    status: 'running',
    totalSteps: 10,
    stepsPerEpoch: 5,
    runs: [run('a', 3, true), run('b', 0, false, true)],
    removedRuns: [],
  };
  // Run a: 5 step series + momentum + 5 eval series = 11 buffers; run b: only its 5 eval
  // series and the SWA average's 5.
  const buffers = transferables(msg);
  expect(buffers).toHaveLength(21);
  expect(new Set(buffers).size).toBe(21);
  const copy = structuredClone(msg, { transfer: buffers });
  expect(copy.runs[0].loss).toHaveLength(3);
  // Transferred: the sender's arrays are detached.
  expect(msg.runs[0].loss.byteLength).toBe(0);
  expect(copy.runs[1].swa?.valLoss).toHaveLength(1);
  expect(msg.runs[1].swa?.valLoss.byteLength).toBe(0);
});
