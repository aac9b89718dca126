/**
 * The page's handle on the training worker. It owns the worker's whole life: creates it,
 * picks the backend, forwards typed calls, streams progress through one Comlink.proxy per
 * subscription, and turns every way the worker can die into rejected promises instead of
 * calls that hang (comlink never settles a call whose worker died: comlink #601).
 *
 * The pass-through calls (configure, start, pause, ...: FORWARDED_METHODS) are generated
 * (./bridge.ts); subscribe and findLr are written out, and so is the lifecycle.
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
import { transferConfigErrors } from './error-transfer';
import { TrainerWorkerError, describeWorkerErrorEvent, toError } from './errors';
import { watchLifeline } from './lifeline';
import type { Lifeline } from './lifeline';

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

// Refused configs arrive as ConfigErrors (path and detail), not as bare Errors.
transferConfigErrors();

/** How long `ready` waits, after init, for the worker to confirm it holds its lifeline. */
const LIFELINE_GRACE_MS = 5000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

  private readonly worker: Worker;
  private readonly api: Comlink.Remote<TrainerApi>;
  private readonly onError: ((error: Error) => void) | undefined;
  private readonly pending = new Set<(error: Error) => void>();
  private readonly subscriptions = new Set<Unsubscribe>();
  private readonly lifeline: Lifeline;
  /** Set once the worker is gone; every later call rejects with it. */
  private failure: Error | null = null;

  constructor(options: TrainerClientOptions = {}) {
    this.onError = options.onError;
    this.worker = (options.createWorker ?? defaultWorker)();
    this.worker.addEventListener('error', this.handleErrorEvent);
    this.worker.addEventListener('messageerror', this.handleMessageError);
    this.lifeline = watchLifeline(this.worker, () =>
      this.fail(
        new TrainerWorkerError('The training worker stopped unexpectedly (closed or terminated)'),
      ),
    );
    this.api = Comlink.wrap<TrainerApi>(this.worker);
    const init = this.call((api) =>
      api.init({ backend: options.backend, wasmPaths: options.wasmPaths }),
    );
    // Ready once a silent death would be noticed too (see lifeline.ts). A worker script
    // without the lifeline never acknowledges it: give up waiting rather than never be ready.
    this.ready = this.call(async () => {
      const info = await init;
      await Promise.race([this.lifeline.watching, delay(LIFELINE_GRACE_MS)]);
      return info;
    });
    // A page that never awaits `ready` should not see an unhandled rejection; awaiting still throws.
    this.ready.catch(() => {});
  }

  /** True once terminate()/dispose() ran or the worker died. */
  get closed(): boolean {
    return this.failure !== null;
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
    let active = true;
    const deliver = (msg: ProgressBatch) => {
      if (!active || this.closed) return;
      try {
        listener(msg);
      } catch (error) {
        // A listener's bug is the page's to see, not the worker's: report it, keep streaming.
        reportError(error);
      }
    };
    const id = await this.call((api) => api.subscribe(Comlink.proxy(deliver), options));
    let ended: Promise<void> | undefined;
    const unsubscribe: Unsubscribe = () => {
      ended ??= (async () => {
        active = false;
        this.subscriptions.delete(unsubscribe);
        // A dead worker took its end of the proxy with it: nothing left to release.
        if (!this.closed) await this.call((api) => api.unsubscribe(id));
      })();
      return ended;
    };
    this.subscriptions.add(unsubscribe);
    return unsubscribe;
  }

  /** Stops the worker now. Pending calls reject; later calls reject. Safe to call twice. */
  terminate(): void {
    this.shutDown(new TrainerWorkerError('The training worker was terminated'));
  }

  /** Alias of terminate(), for owners that dispose what they create. */
  dispose(): void {
    this.terminate();
  }

  /** Runs one API call, tracked so that a dying worker rejects it instead of leaving it hanging. */
  private call<T>(invoke: (api: Comlink.Remote<TrainerApi>) => Promise<T>): Promise<T> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const rejectPending = (error: Error) => reject(error);
      this.pending.add(rejectPending);
      invoke(this.api).then(
        (value) => {
          this.pending.delete(rejectPending);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(rejectPending);
          reject(toError(error));
        },
      );
    });
  }

  private readonly handleErrorEvent = (event: Event): void => {
    this.fail(new TrainerWorkerError(describeWorkerErrorEvent(event)));
  };

  private readonly handleMessageError = (): void => {
    // Some reply could not be deserialized; which call it answered is unknowable.
    this.fail(
      new TrainerWorkerError('A message from the training worker could not be read (messageerror)'),
    );
  };

  /** The worker died or misbehaved: report once, then shut down like terminate(). */
  private fail(error: Error): void {
    if (this.failure !== null) return;
    this.shutDown(error);
    this.onError?.(error);
  }

  private shutDown(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.lifeline.stop();
    this.worker.removeEventListener('error', this.handleErrorEvent);
    this.worker.removeEventListener('messageerror', this.handleMessageError);
    // An uncaught error may leave the worker alive but broken: end it so its state is clear.
    this.worker.terminate();
    this.subscriptions.clear();
    for (const rejectPending of this.pending) rejectPending(error);
    this.pending.clear();
  }
}

/** Creates a trainer worker and the client that owns it. Await `client.ready` for the backend. */
export function createTrainerClient(options?: TrainerClientOptions): TrainerClient {
  return new TrainerClient(options);
}
