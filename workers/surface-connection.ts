/**
 * One object that owns a comlink worker's life: it wraps the worker, tracks every call in
 * flight, and turns every way the worker can die (an error event, an unreadable message, or a
 * silent death seen through the lifeline's Web Lock) into rejected calls instead of calls
 * that hang (comlink never settles a call whose worker died: comlink #601). This is
 * TrainerClient's lifecycle (workers/client.ts) in a form any worker API can use; the surface
 * client is built on it.
 */
import * as Comlink from 'comlink';
import { toError } from './errors';
import { watchLifeline } from './lifeline';
import type { Lifeline } from './lifeline';

/** The worker is gone (crashed, closed itself, or was terminated) and cannot answer. */
export class WorkerGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerGoneError';
  }
}

export interface WorkerConnectionOptions {
  /** How messages name the worker, e.g. 'The surface worker'. */
  name: string;
  /** Called once when the worker dies; every pending call is rejected as well. */
  onError?: (error: Error) => void;
}

/** How long `watching` waits for the worker to confirm it holds its lifeline. */
const LIFELINE_GRACE_MS = 5000;

export class WorkerConnection<Api> {
  /** Resolves once a silent death would be noticed too (or after a grace period). */
  readonly watching: Promise<void>;
  private readonly api: Comlink.Remote<Api>;
  private readonly pending = new Set<(error: Error) => void>();
  private readonly lifeline: Lifeline;
  private failure: Error | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly options: WorkerConnectionOptions,
  ) {
    worker.addEventListener('error', this.handleErrorEvent);
    worker.addEventListener('messageerror', this.handleMessageError);
    this.lifeline = watchLifeline(worker, () =>
      this.fail(new WorkerGoneError(`${options.name} stopped unexpectedly (closed or terminated)`)),
    );
    this.watching = Promise.race([
      this.lifeline.watching,
      new Promise<void>((resolve) => setTimeout(resolve, LIFELINE_GRACE_MS)),
    ]);
    this.api = Comlink.wrap<Api>(worker);
  }

  /** True once terminate() ran or the worker died. */
  get closed(): boolean {
    return this.failure !== null;
  }

  /** One API call, rejected (not left hanging) if the worker dies first. */
  call<T>(invoke: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T> {
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

  /** Stops the worker now; pending and later calls reject. Safe to call twice. */
  terminate(): void {
    this.shutDown(new WorkerGoneError(`${this.options.name} was terminated`));
  }

  private readonly handleErrorEvent = (event: Event): void => {
    const detail =
      event instanceof ErrorEvent && event.message
        ? `crashed: ${event.message}${event.filename ? ` (${event.filename}:${event.lineno})` : ''}`
        : 'failed to start or crashed (its script could not be loaded or threw)';
    this.fail(new WorkerGoneError(`${this.options.name} ${detail}`));
  };

  private readonly handleMessageError = (): void => {
    this.fail(
      new WorkerGoneError(`A message from ${this.options.name.toLowerCase()} could not be read`),
    );
  };

  private fail(error: Error): void {
    if (this.failure !== null) return;
    this.shutDown(error);
    this.options.onError?.(error);
  }

  private shutDown(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.lifeline.stop();
    this.worker.removeEventListener('error', this.handleErrorEvent);
    this.worker.removeEventListener('messageerror', this.handleMessageError);
    this.worker.terminate();
    for (const rejectPending of this.pending) rejectPending(error);
    this.pending.clear();
  }
}
