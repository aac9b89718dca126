/**
 * The LR range test (Smith 2015, "Cyclical Learning Rates", §3.3; fastai's lr_find): train a
 * throwaway copy of the model for a few steps while the lr grows from tiny to huge, and watch
 * where the loss starts to fall fast and where it blows up.
 *
 * It shares the experiment's Session (dataset tensors, initial weights, batch order) but owns
 * its variables and optimizer, so the runs' weights, optimizer state and step counts are never
 * touched. The caller decides when it may run (the Trainer refuses while training runs).
 */
import * as tf from '@tensorflow/tfjs';
import { createVariables } from '../model/mlp';
import { initialWeights } from '../model/init';
import { createOptimizer } from '../optim';
import type { OptimizerConfig } from '../optim/types';
import type { LrFinderResult, LrFinderSuggestion } from '../protocol/api';
import type { Session } from './session';
import { trainStep } from './step';
import { DebiasedEma, DivergenceWatch, lrRamp, suggestLr } from './lr-finder-math';
import type { SuggestionWindow } from './lr-finder-math';
import { valleyLr } from './lr-valley';
import type { ResolvedLrFinderOptions } from './lr-finder-options';

/** Steps taken between reads of the losses: one device->host transfer per chunk, not per step. */
const CHUNK_STEPS = 16;

export interface LrFinderEnvironment {
  /** Called between chunks so the thread can serve other messages. */
  yieldToEventLoop: () => Promise<void>;
}

export async function runLrRangeTest(
  session: Session,
  optimizerConfig: OptimizerConfig,
  options: ResolvedLrFinderOptions,
  environment: LrFinderEnvironment,
): Promise<LrFinderResult> {
  const ramp = lrRamp(options.startLr, options.endLr, options.steps, options.mode);
  const weights = startingWeights(session, options.seed);
  const variables = createVariables(session.spec, weights);
  const optimizer = createOptimizer(optimizerConfig);
  const lr: number[] = [];
  const loss: number[] = [];
  const smoothedLoss: number[] = [];
  const ema = new DebiasedEma(options.smoothing);
  const watch = new DivergenceWatch(options.divergeFactor);
  let stopped = false;
  let stoppedEarly = false;
  try {
    for (let from = 0; from < ramp.length && !stopped; from += CHUNK_STEPS) {
      const to = Math.min(from + CHUNK_STEPS, ramp.length);
      const losses = await trainChunk(session, variables, optimizer, ramp, from, to);
      for (let i = 0; i < losses.length; i++) {
        const smoothed = ema.add(losses[i]);
        lr.push(ramp[from + i]);
        loss.push(losses[i]);
        smoothedLoss.push(smoothed);
        // The point that broke the rule is kept: it shows where the loss took off.
        if (watch.shouldStop(losses[i], smoothed)) {
          stopped = true;
          stoppedEarly = from + i < ramp.length - 1;
          break;
        }
      }
      if (!stopped) await environment.yieldToEventLoop();
    }
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
  }
  return {
    lr: Float32Array.from(lr),
    loss: Float32Array.from(loss),
    smoothedLoss: Float32Array.from(smoothedLoss),
    stoppedEarly,
    suggestion: suggestions(lr, smoothedLoss, {
      // fastai's window: skip the first tenth of the ramp, and the last 5 points of a blow-up.
      skipStart: Math.floor(options.steps / 10),
      skipEnd: stoppedEarly ? 5 : 0,
    }),
  };
}

/** Every suggestion, read on the same window of the smoothed curve. */
function suggestions(
  lr: readonly number[],
  smoothedLoss: readonly number[],
  window: SuggestionWindow,
): LrFinderSuggestion {
  return { ...suggestLr(lr, smoothedLoss, window), valley: valleyLr(lr, smoothedLoss, window) };
}

/** The experiment's initial weights, or fresh ones from `seed` with the same init scheme. */
function startingWeights(session: Session, seed: number | undefined): readonly Float32Array[] {
  if (seed === undefined) return session.initialWeights;
  const { model } = session.config;
  return initialWeights(
    session.dataset.inputDims,
    model.hidden,
    model.activation,
    model.init,
    seed,
  );
}

/** Steps [from, to) of the ramp on the runs' batches 0, 1, 2...; returns their losses. */
async function trainChunk(
  session: Session,
  variables: readonly tf.Variable[],
  optimizer: ReturnType<typeof createOptimizer>,
  ramp: readonly number[],
  from: number,
  to: number,
): Promise<Float32Array> {
  const losses: tf.Scalar[] = [];
  try {
    for (let step = from; step < to; step++) {
      optimizer.lr = ramp[step];
      const { loss, gradNorm } = trainStep(session.spec, variables, optimizer, () =>
        session.batches.batch(step),
      );
      gradNorm.dispose();
      losses.push(loss);
    }
    const stacked = tf.stack(losses);
    try {
      return (await stacked.data()) as Float32Array;
    } finally {
      stacked.dispose();
    }
  } finally {
    tf.dispose(losses);
  }
}
