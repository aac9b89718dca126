/**
 * The LR range test (Smith 2015, "Cyclical Learning Rates", §3.3; fastai's lr_find): train a
 * throwaway copy of the model for a few steps while the lr grows from tiny to huge, and watch
 * where the loss starts to fall fast and where it blows up.
 *
 * It shares the experiment's Session (dataset, initial weights, batch order) and engine, as a
 * throwaway run of its own (attached for the test, detached after), so the runs' weights,
 * optimizer state and step counts are never touched. The caller decides when it may run
 * (the Trainer refuses while training runs).
 */
import { initialWeights } from '../model/init';
import { createOptimizer } from '../optim';
import type { OptimizerConfig } from '../optim/types';
import type { LrFinderResult, LrFinderSuggestion } from '../protocol/api';
import type { EngineRun, TrainingEngine } from './engine';
import { hyperparametersOf } from './engine';
import type { Session } from './session';
import { DebiasedEma, DivergenceWatch, lrRamp, suggestLr } from './lr-finder-math';
import type { SuggestionWindow } from './lr-finder-math';
import { valleyLr } from './lr-valley';
import type { ResolvedLrFinderOptions } from './lr-finder-options';

/** Steps taken between reads of the losses (and yields to the event loop). */
const CHUNK_STEPS = 64;

export interface LrFinderEnvironment {
  /** Called between chunks so the thread can serve other messages. */
  yieldToEventLoop: () => Promise<void>;
}

export async function runLrRangeTest(
  session: Session,
  engine: TrainingEngine,
  optimizerConfig: OptimizerConfig,
  options: ResolvedLrFinderOptions,
  environment: LrFinderEnvironment,
): Promise<LrFinderResult> {
  const ramp = lrRamp(options.startLr, options.endLr, options.steps, options.mode);
  const probe: EngineRun = {
    config: { optimizer: optimizerConfig },
    optimizer: createOptimizer(optimizerConfig),
  };
  engine.attach(probe, startingWeights(session, options.seed));
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
      const losses = await trainChunk(engine, probe, ramp, from, to);
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
    engine.detach(probe);
    probe.optimizer.dispose();
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

/** Steps [from, to) of the ramp on the runs' batches from, from + 1...; returns their losses. */
async function trainChunk(
  engine: TrainingEngine,
  probe: EngineRun,
  ramp: readonly number[],
  from: number,
  to: number,
): Promise<Float32Array> {
  const held = hyperparametersOf(probe.optimizer);
  const hyper = ramp.slice(from, to).map((lr) => ({ ...held, lr }));
  const [outcome] = await engine.train(to - from, [
    { run: probe, firstStep: from, hyper, evaluate: false },
  ]);
  if (outcome.error !== undefined) throw new Error(outcome.error);
  return outcome.loss;
}
