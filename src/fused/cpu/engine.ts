/**
 * The fused engine on CPU-class backends (wasm, cpu): a run's weights, gradients and
 * optimizer state are Float32Arrays, and a chunk is a plain loop (batch gather, forward,
 * loss, backward, gradient norm, optimizer update) that makes no tensor and no closure per
 * step. TF.js is not involved at all; the backend only matters for the op-by-op fallback.
 */
import { foldIntoAverage, NO_AVERAGE_YET } from '../../train/engine';
import type {
  EngineInfo,
  EngineRun,
  GridWeights,
  RunOutcome,
  RunSteps,
  TrainingEngine,
} from '../../train/engine';
import { EpochOrders } from '../../train/epoch-orders';
import type { Session } from '../../train/session';
import { COEFFICIENTS, freshHostState, initialSlotValue, writeCoefficients } from '../coefficients';
import type { HostOptimizerState } from '../coefficients';
import { joinWeights, modelPlan, optimizerPlan } from '../plan';
import type { ModelPlan, OptimizerPlan } from '../plan';
import { CpuMlp, gradientNorm } from './mlp';
import { updateWeights } from './update';

interface RunState {
  plan: OptimizerPlan;
  host: HostOptimizerState;
  weights: Float32Array;
  grads: Float32Array;
  slots: Float32Array[];
  /** The SWA average, made at the run's first update. */
  average: Float32Array | null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class CpuFusedEngine implements TrainingEngine {
  readonly info: EngineInfo = { engine: 'fused', implementation: 'fused-cpu' };
  readonly model: ModelPlan;
  private readonly states = new Map<EngineRun, RunState>();
  private readonly mlp: CpuMlp;
  private readonly orders: EpochOrders;
  private readonly coefficients = new Float32Array(COEFFICIENTS);
  private readonly direction: Float32Array;

  constructor(private readonly session: Session) {
    this.model = modelPlan(session.spec);
    this.mlp = new CpuMlp(this.model, session.batchSize);
    this.direction = new Float32Array(this.model.paramCount);
    this.orders = new EpochOrders(
      session.dataset.train.y.length,
      session.batchSize,
      session.shuffleSeed,
    );
  }

  attach(run: EngineRun, weights: readonly Float32Array[]): void {
    const flat = joinWeights(weights, new Float32Array(this.model.paramCount));
    const state: RunState = {
      plan: optimizerPlan(run.config.optimizer),
      host: freshHostState(),
      weights: flat,
      grads: new Float32Array(flat.length),
      slots: [],
      average: null,
    };
    this.states.set(run, state);
    this.freshOptimizerState(state);
  }

  detach(run: EngineRun): void {
    this.states.delete(run);
  }

  restart(run: EngineRun, weights: readonly Float32Array[]): void {
    const state = this.require(run);
    joinWeights(weights, state.weights);
    state.plan = optimizerPlan(run.config.optimizer);
    this.freshOptimizerState(state);
  }

  resetOptimizer(run: EngineRun): void {
    const state = this.require(run);
    state.plan = optimizerPlan(run.config.optimizer);
    this.freshOptimizerState(state);
  }

  train(steps: number, runs: readonly RunSteps[]): Promise<RunOutcome[]> {
    return Promise.resolve(runs.map((entry) => this.trainRun(steps, entry)));
  }

  predict(
    run: EngineRun,
    inputs: Float32Array,
    weights: GridWeights = 'run',
  ): Promise<Float32Array> {
    const state = this.require(run);
    const chosen = weights === 'swa' ? state.average : state.weights;
    if (!chosen) return Promise.reject(new Error(`fused engine: ${NO_AVERAGE_YET}`));
    const count = inputs.length / this.model.inputDims;
    const out = new Float32Array(count);
    this.mlp.predict(chosen, inputs, count, out);
    return Promise.resolve(out);
  }

  dispose(): void {
    this.states.clear();
  }

  /** The run's flat weights (a copy), for tests and tools. */
  weightsOf(run: EngineRun): Float32Array {
    return this.require(run).weights.slice();
  }

  /** The run's SWA average (a copy), or null before its first update: for tests and tools. */
  averageOf(run: EngineRun): Float32Array | null {
    return this.require(run).average?.slice() ?? null;
  }

  private trainRun(steps: number, entry: RunSteps): RunOutcome {
    const state = this.require(entry.run);
    const { train, validation } = this.session.dataset;
    const loss = new Float32Array(steps);
    const gradNorm = new Float32Array(steps);
    try {
      for (let k = 0; k < steps; k++) {
        const { rows, start, size } = this.orders.batch(entry.firstStep + k);
        loss[k] = this.mlp.lossAndGradients(
          state.weights,
          state.grads,
          train.x,
          train.y,
          rows,
          start,
          size,
        );
        gradNorm[k] = gradientNorm(this.model, state.grads);
        writeCoefficients(state.plan, state.host, entry.hyper[k], this.coefficients, 0);
        updateWeights(
          state.plan,
          this.coefficients,
          state.weights,
          state.grads,
          state.slots,
          this.direction,
        );
      }
    } catch (error) {
      return { loss, gradNorm, evaluation: null, error: errorMessage(error) };
    }
    if (entry.updateAverage !== undefined) {
      state.average ??= new Float32Array(state.weights.length);
      foldIntoAverage(state.average, state.weights, entry.updateAverage);
    }
    const outcome: RunOutcome = { loss, gradNorm, evaluation: null };
    if (!entry.evaluate) return outcome;
    const measure = (weights: Float32Array) =>
      Float32Array.of(
        ...this.mlp.evaluate(weights, validation.x, validation.y, validation.y.length),
        ...this.mlp.evaluate(weights, train.x, train.y, train.y.length),
      );
    outcome.evaluation = measure(state.weights);
    if (entry.evaluateAverage && state.average) outcome.averageEvaluation = measure(state.average);
    return outcome;
  }

  private freshOptimizerState(state: RunState): void {
    const { plan } = state;
    state.host = freshHostState();
    state.slots = Array.from({ length: plan.slotCount }, (_, slot) =>
      new Float32Array(state.weights.length).fill(initialSlotValue(plan, slot)),
    );
  }

  private require(run: EngineRun): RunState {
    const state = this.states.get(run);
    if (!state) throw new Error('fused engine: unknown run');
    return state;
  }
}
