/**
 * What the surface worker and the page say to each other: `SurfaceApi` (the one interface
 * workers/surface.worker.ts exposes) and the messages a computation streams. The engine
 * (src/surface/engine.ts) produces the same messages in Node; `TrajectorySet`
 * (src/surface/accumulate.ts) turns them into whole trajectories on either side.
 *
 * Indexing: point i is where a run stands after i optimizer steps (point 0 is the start);
 * step i (1-based) moves from point i-1 to point i.
 */
import type {
  SurfaceConfig,
  SurfaceConfigInput,
  SurfaceDivergence,
  SurfaceRun,
  SurfaceRunStatus,
} from '../surface/types';

/** Sent first: the validated config and, per run, the start. */
export interface SurfaceBegin {
  kind: 'begin';
  config: SurfaceConfig;
  runs: {
    /** The start as float32 (the optimizer's parameter dtype). */
    point: Float32Array;
    loss: number;
    /** ∇f at the start (float32, what the first step is fed). */
    grad: Float32Array;
    status: SurfaceRunStatus;
    diverged?: SurfaceDivergence;
    /** Set (to 0) when the start lies outside the view box. */
    leftView?: number;
  }[];
}

/**
 * New steps of one run: SurfaceRun's arrays (same meaning, same layout) cut to steps
 * from + 1 ... from + count, so `points` holds `count` points (2 * count numbers), `lr` count
 * numbers, `state` count rows, and so on.
 */
export interface SurfaceRunSteps extends Pick<
  SurfaceRun,
  | 'points'
  | 'loss'
  | 'grad'
  | 'lr'
  | 'momentum'
  | 'stateKeys'
  | 'state'
  | 'status'
  | 'diverged'
  | 'leftView'
> {
  run: number;
  /** Steps the run had taken before these. */
  from: number;
  count: number;
}

export interface SurfaceStepsMessage {
  kind: 'steps';
  runs: SurfaceRunSteps[];
}

export type SurfaceMessage = SurfaceBegin | SurfaceStepsMessage;

export interface SurfaceComputeOptions {
  /** Steps per message per run (default: about 512 run-steps per message, at least 8). */
  chunkSteps?: number;
}

/** How a computation ended. */
export interface SurfaceSummary {
  /** 'cancelled': a newer compute() or cancel() stopped it. */
  status: 'done' | 'cancelled';
  /** Steps each run took. */
  steps: number[];
}

export interface SurfaceApi {
  /** Sets up TF.js's cpu backend (tiny tensors: per-op cost, not arithmetic, decides). */
  init(): Promise<{ backend: string }>;
  /**
   * Validates `config` (rejecting with a ConfigError message naming the field) and computes
   * every run's trajectory, streaming `begin` then `steps` messages to `onMessage` (a
   * Comlink.proxy; typed arrays are transferred). A compute() call stops the one before it
   * (which resolves 'cancelled'), so dragging the start can restart at every move.
   */
  compute(
    id: number,
    config: SurfaceConfigInput | unknown,
    onMessage: (message: SurfaceMessage) => void,
    options?: SurfaceComputeOptions,
  ): Promise<SurfaceSummary>;
  /** Stops computation `id` if it is still running. */
  cancel(id: number): Promise<void>;
}

/** The ArrayBuffers of a message, for `Comlink.transfer` (the sender's arrays detach). */
export function surfaceTransferables(message: SurfaceMessage): ArrayBuffer[] {
  const arrays =
    message.kind === 'begin'
      ? message.runs.flatMap((run) => [run.point, run.grad])
      : message.runs.flatMap((run) => [
          run.points,
          run.loss,
          run.grad,
          run.lr,
          run.momentum,
          run.state,
        ]);
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer && array.buffer.byteLength > 0)
      buffers.add(array.buffer);
  }
  return [...buffers];
}
