import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs';
import type { Trainer } from '../../src/train/trainer';
import type { ProgressBatch } from '../../src/protocol/progress';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export interface Curve {
  steps: number[];
  loss: number[];
  lr: number[];
  momentum: number[];
  gradNorm: number[];
  evalSteps: number[];
  valLoss: number[];
  trainAccuracy: number[];
  valAccuracy: number[];
  /** The SWA average's evaluations (RunProgress.swa). */
  swaSteps: number[];
  swaValLoss: number[];
  swaValAccuracy: number[];
  swaTrainLoss: number[];
}

/** Subscribes and accumulates every run's points across messages. */
export async function collect(trainer: Trainer) {
  const curves = new Map<string, Curve>();
  const messages: ProgressBatch[] = [];
  const curve = (id: string): Curve => {
    let c = curves.get(id);
    if (!c) {
      c = {
        steps: [],
        loss: [],
        lr: [],
        momentum: [],
        gradNorm: [],
        evalSteps: [],
        valLoss: [],
        trainAccuracy: [],
        valAccuracy: [],
        swaSteps: [],
        swaValLoss: [],
        swaValAccuracy: [],
        swaTrainLoss: [],
      };
      curves.set(id, c);
    }
    return c;
  };
  const id = await trainer.subscribe(
    (msg) => {
      messages.push(msg);
      for (const run of msg.runs) {
        const c = curve(run.runId);
        c.steps.push(...run.steps);
        c.loss.push(...run.loss);
        c.lr.push(...run.lr);
        if (run.momentum) c.momentum.push(...run.momentum);
        c.gradNorm.push(...run.gradNorm);
        c.evalSteps.push(...run.evals.steps);
        c.valLoss.push(...run.evals.valLoss);
        c.trainAccuracy.push(...run.evals.trainAccuracy);
        c.valAccuracy.push(...run.evals.valAccuracy);
        if (run.swa) {
          c.swaSteps.push(...run.swa.steps);
          c.swaValLoss.push(...run.swa.valLoss);
          c.swaValAccuracy.push(...run.swa.valAccuracy);
          c.swaTrainLoss.push(...run.swa.trainLoss);
        }
      }
    },
    { maxRate: 1000 },
  );
  return {
    curves,
    messages,
    curve,
    /** Lets the last rate-limited flush arrive. */
    settle: () => new Promise<void>((resolve) => setTimeout(resolve, 20)),
    unsubscribe: () => trainer.unsubscribe(id),
  };
}
