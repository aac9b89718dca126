/**
 * The page's handle on the training worker: it creates the worker, picks the backend,
 * forwards typed calls and streams progress through one Comlink.proxy per subscription. Its
 * life (calls in flight, every way the worker can die turned into rejected promises instead
 * of calls that hang: comlink #601) is the WorkerConnection's (./connection.ts), the same
 * owner as the surface client's.
 *
 * The pass-through calls (configure, start, pause, ...: FORWARDED_METHODS) are generated
 * (./bridge.ts); subscribe and findLr are written out.
 * The page imports only TrainerApi's *type* and the method list: never TF.js.
 */
import * as Comlink from 'comlink';
import { FORWARDED_METHODS } from '../src/protocol/api';
import type {
  BackendChoice,
  BackendInfo,
  ForwardedMethod,
  LrFinderOptions,
  LrFinderResult,
  SubscribeOptions,
  TrainerApi,
} from '../src/protocol/api';
import type { ProgressBatch } from '../src/protocol/progress';
import { installForwarders, invoke } from './bridge';
import { WorkerConnection } from './connection';
import { releasable } from './releasable';
import type { Releasable } from './releasable';
import { TrainerWorkerError } from './errors';

export interface TrainerClientOptions {
  /** Backend to train on; 'auto' (default) takes the first of webgpu, webgl, wasm, cpu that works. */
  backend?: BackendChoice;
  /** Folder URL (ending in '/') holding tfjs-backend-wasm's .wasm files, if not the bundled ones. */
  wasmPaths?: string;
  /** Makes the worker; the default loads workers/trainer.worker.ts as a module worker. */
  createWorker?: () => Worker;
  /** Called once when the worker crashes or dies; every pending call is rejected as well. */
  onError?: (error: Error) => void;
}

export type ProgressListener = (msg: ProgressBatch) => void;
export type Unsubscribe = () => Promise<void>;

function defaultWorker(): Worker {
  // Written out literally: Vite (and the embed build's plugin) look for exactly this pattern.
  return new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' });
}

// The forwarded calls' types (documented on TrainerApi); installForwarders puts them on the
// prototype, each tracked by call() so a dying worker rejects it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface TrainerClient extends Pick<TrainerApi, ForwardedMethod> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class TrainerClient {
  static {
    installForwarders(TrainerClient.prototype, FORWARDED_METHODS, (self, method, args) =>
      self.call((api) => invoke(api, method, args)),
    );
  }

  /** Resolves with the backend in use (and why others were skipped) once the worker is ready. */
  readonly ready: Promise<BackendInfo>;

  /** The worker's life: calls in flight, deaths turned into rejections (./connection.ts). */
  private readonly connection: WorkerConnection<TrainerApi>;
  /** Every subscription not yet ended. */
  private readonly subscriptions = new Set<Releasable<ProgressBatch>>();

  constructor(options: TrainerClientOptions = {}) {
    const { onError } = options;
    this.connection = new WorkerConnection<TrainerApi>((options.createWorker ?? defaultWorker)(), {
      name: 'training worker',
      goneError: (message) => new TrainerWorkerError(message),
      onError: (error) => {
        this.endSubscriptions();
        onError?.(error);
      },
    });
    const init = this.call((api) =>
      api.init({ backend: options.backend, wasmPaths: options.wasmPaths }),
    );
    // Ready once a silent death would be noticed too (see lifeline.ts).
    this.ready = this.call(async () => {
      const info = await init;
      await this.connection.watching;
      return info;
    });
    // A page that never awaits `ready` should not see an unhandled rejection; awaiting still throws.
    this.ready.catch(() => {});
  }

  /** True once terminate()/dispose() ran or the worker died. */
  get closed(): boolean {
    return this.connection.closed;
  }

  /**
   * LR range test on a throwaway copy of the model; the runs are untouched. Rejects while
   * training is running (pause() first) and with a field-named message for bad options.
   */
  findLr(options?: LrFinderOptions): Promise<LrFinderResult> {
    return this.call((api) => api.findLr(options));
  }

  /**
   * Streams batched progress to `listener` (at most `maxRate` messages per second, default
   * 30). Resolves with a function that ends the subscription and releases its proxy.
   */
  async subscribe(listener: ProgressListener, options?: SubscribeOptions): Promise<Unsubscribe> {
    // The proxy's port outlives a terminated worker: ending the subscription (unsubscribe,
    // terminate, the worker's death) releases what it calls, the listener.
    const subscription = releasable<ProgressBatch>((msg) => {
      try {
        listener(msg);
      } catch (error) {
        // A listener's bug is the page's to see, not the worker's: report it, keep streaming.
        reportError(error);
      }
    });
    this.subscriptions.add(subscription);
    let id: number;
    try {
      id = await this.call((api) => api.subscribe(Comlink.proxy(subscription.call), options));
    } catch (error) {
      this.end(subscription);
      throw error;
    }
    let ended: Promise<void> | undefined;
    return () => {
      ended ??= (async () => {
        this.end(subscription);
        // A dead worker took its end of the proxy with it: nothing left to release.
        if (!this.closed) await this.call((api) => api.unsubscribe(id));
      })();
      return ended;
    };
  }

  /** Stops the worker now. Pending calls reject; later calls reject. Safe to call twice. */
  terminate(): void {
    this.endSubscriptions();
    this.connection.terminate();
  }

  /** Alias of terminate(), for owners that dispose what they create. */
  dispose(): void {
    this.terminate();
  }

  private end(subscription: Releasable<ProgressBatch>): void {
    subscription.release();
    this.subscriptions.delete(subscription);
  }

  private endSubscriptions(): void {
    for (const subscription of this.subscriptions) this.end(subscription);
  }

  /** Runs one API call, tracked so that a dying worker rejects it instead of leaving it hanging. */
  private call<T>(invoke: (api: Comlink.Remote<TrainerApi>) => Promise<T>): Promise<T> {
    return this.connection.call(invoke);
  }
}

/** Creates a trainer worker and the client that owns it. Await `client.ready` for the backend. */
export function createTrainerClient(options?: TrainerClientOptions): TrainerClient {
  return new TrainerClient(options);
}
