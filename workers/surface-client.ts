/**
 * The page's handle on the surface worker: it starts the worker, computes trajectories with
 * streamed progress, lets a newer computation supersede an older one (a drag of the start
 * restarts every run), and rejects what is pending if the worker dies. TF-free: the page
 * imports SurfaceApi's type only.
 */
import * as Comlink from 'comlink';
import type { SurfaceApi, SurfaceMessage } from '../src/protocol/surface';
import { TrajectorySet } from '../src/surface/accumulate';
import type { SurfaceConfigInput, SurfaceResult } from '../src/surface/types';
import { WorkerConnection } from './connection';
import { releasable } from './releasable';

export interface SurfaceClientOptions {
  /** Makes the worker; the default loads workers/surface.worker.ts as a module worker. */
  createWorker?: () => Worker;
  /** Called once when the worker crashes or dies; pending computations reject as well. */
  onError?: (error: Error) => void;
}

export interface SurfaceComputeCallOptions {
  /**
   * Called after each streamed message with the trajectories so far: the same `runs`
   * objects every time, their arrays filled further and `steps` counting up.
   */
  onProgress?: (result: SurfaceResult) => void;
  /** Aborting rejects the computation with an AbortError and stops it in the worker. */
  signal?: AbortSignal;
  /** Steps per message per run (default: about 512 run-steps per message). */
  chunkSteps?: number;
}

function abortError(why: string): DOMException {
  return new DOMException(`The surface computation was ${why}`, 'AbortError');
}

function defaultWorker(): Worker {
  // Written out literally: Vite (and the embed build's plugin) look for exactly this pattern.
  return new Worker(new URL('./surface.worker.ts', import.meta.url), { type: 'module' });
}

interface Computation {
  id: number;
  abort: (why: string) => void;
}

export class SurfaceClient {
  /** Resolves with the backend (always 'cpu') once the worker is ready. */
  readonly ready: Promise<{ backend: string }>;
  private readonly connection: WorkerConnection<SurfaceApi>;
  private nextId = 1;
  private current: Computation | null = null;

  constructor(options: SurfaceClientOptions = {}) {
    const worker = (options.createWorker ?? defaultWorker)();
    this.connection = new WorkerConnection<SurfaceApi>(worker, {
      name: 'surface worker',
      onError: options.onError,
    });
    const init = this.connection.call((api) => api.init());
    this.ready = this.connection.call(async () => {
      const info = await init;
      await this.connection.watching;
      return info;
    });
    this.ready.catch(() => {});
  }

  /** True once terminate() ran or the worker died. */
  get closed(): boolean {
    return this.connection.closed;
  }

  /**
   * Validates `config` in the worker (rejecting with a ConfigError whose `path` names the
   * field, e.g. `runs[0].optimizer.lr`, and `detail` says what is allowed) and computes every run. Resolves with every trajectory once the last step
   * has arrived; rejects with an AbortError when a newer compute(), cancel() or the signal
   * stops it first.
   */
  compute(
    config: SurfaceConfigInput,
    options: SurfaceComputeCallOptions = {},
  ): Promise<SurfaceResult> {
    this.current?.abort('superseded by a newer one');
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError('aborted'));
    const id = this.nextId++;
    return new Promise<SurfaceResult>((resolve, reject) => {
      let set: TrajectorySet | null = null;
      let expected: number[] | null = null;
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        // The port of the proxy that receives messages outlives a terminated worker.
        receiver.release();
        signal?.removeEventListener('abort', onAbort);
        if (this.current?.id === id) this.current = null;
        outcome();
      };
      // The summary and the last messages travel on different ports: resolve when both are in.
      const resolveIfComplete = () => {
        if (set === null || expected === null) return;
        if (set.runs.some((run, i) => run.steps !== expected?.[i])) return;
        const result = { config: set.config, runs: set.runs };
        finish(() => resolve(result));
      };
      const onMessage = (message: SurfaceMessage) => {
        try {
          if (message.kind === 'begin') set = new TrajectorySet(message);
          else set?.apply(message);
          if (set) options.onProgress?.({ config: set.config, runs: set.runs });
        } catch (error) {
          finish(() => reject(error));
          return;
        }
        resolveIfComplete();
      };
      const receiver = releasable(onMessage);
      const abort = (why: string) => {
        finish(() => reject(abortError(why)));
        if (!this.connection.closed)
          void this.connection.call((api) => api.cancel(id)).catch(() => {});
      };
      const onAbort = () => abort('aborted');
      signal?.addEventListener('abort', onAbort);
      this.current = { id, abort };
      this.connection
        .call((api) =>
          api.compute(id, config, Comlink.proxy(receiver.call), { chunkSteps: options.chunkSteps }),
        )
        .then(
          (summary) => {
            if (summary.status === 'cancelled') return; // already rejected by whoever cancelled
            expected = summary.steps;
            resolveIfComplete();
          },
          (error: unknown) => finish(() => reject(error)),
        );
    });
  }

  /** Stops the computation in flight, if any (its promise rejects with an AbortError). */
  cancel(): void {
    this.current?.abort('cancelled');
  }

  /** Stops the worker now. Pending and later calls reject. Safe to call twice. */
  terminate(): void {
    this.connection.terminate();
  }

  dispose(): void {
    this.terminate();
  }
}

/** Starts a surface worker and the client that owns it. */
export function createSurfaceClient(options?: SurfaceClientOptions): SurfaceClient {
  return new SurfaceClient(options);
}
