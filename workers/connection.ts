/**
 * The one object that owns a comlink worker's life, for every client (the trainer's and the
 * surface's): it wraps the worker, tracks every call in flight, and turns every way the
 * worker can die (an error event, an unreadable message, or a silent death seen through the
 * lifeline's Web Lock) into rejected calls instead of calls that hang (comlink never settles
 * a call whose worker died: comlink #601). A refused config arrives as a ConfigError, fields
 * intact (./error-transfer.ts, installed here for every client).
 */
import * as Comlink from 'comlink';
import { transferConfigErrors } from './error-transfer';
import { WorkerGoneError, describeWorkerErrorEvent, toError } from './errors';
import { watchLifeline } from './lifeline';
import type { Lifeline } from './lifeline';

// Refused configs arrive as ConfigErrors (path and detail), not as bare Errors.
transferConfigErrors();

export interface WorkerConnectionOptions {
  /** How messages name the worker, e.g. 'training worker' ("The training worker was terminated"). */
  name: string;
  /** The error a dead worker's calls reject with (default: WorkerGoneError). */
  goneError?: (message: string) => Error;
  /** Called once when the worker dies; every pending call is rejected as well. */
  onError?: (error: Error) => void;
}

/** How long `watching` waits for the worker to confirm it holds its lifeline. */
const LIFELINE_GRACE_MS = 5000;

/** Workers this page started through a connection, and how many of them are not terminated. */
export interface ConnectionCounts {
  started: number;
  open: number;
}

const counts: ConnectionCounts = { started: 0, open: 0 };

/**
 * How many workers this page started through a connection, and how many it has not
 * terminated yet: the leak tests check that `open` returns to zero once the elements that
 * own them leave the page.
 */
export function connectionCounts(): ConnectionCounts {
  return { ...counts };
}

export class WorkerConnection<Api> {
  /**
   * Resolves once a silent death would be noticed too (see lifeline.ts). A worker script
   * without the lifeline never acknowledges it: after a grace period this resolves anyway,
   * so that a client is not kept from ever being ready.
   */
  readonly watching: Promise<void>;
  private readonly api: Comlink.Remote<Api>;
  private readonly pending = new Set<(error: Error) => void>();
  private readonly lifeline: Lifeline;
  private readonly gone: (message: string) => Error;
  private failure: Error | null = null;
  /** The grace period's timer and its early end (see `watching`). */
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private endGrace: () => void = () => {};
  /** The owner's crash handler, dropped on shut down: it reaches the owner (and its element). */
  private onError: ((error: Error) => void) | undefined;
  private readonly name: string;

  constructor(
    private readonly worker: Worker,
    options: WorkerConnectionOptions,
  ) {
    this.name = options.name;
    this.gone = options.goneError ?? ((message) => new WorkerGoneError(message));
    this.onError = options.onError;
    counts.started++;
    counts.open++;
    worker.addEventListener('error', this.handleErrorEvent);
    worker.addEventListener('messageerror', this.handleMessageError);
    this.lifeline = watchLifeline(worker, () =>
      this.fail(this.gone(`The ${this.name} stopped unexpectedly (closed or terminated)`)),
    );
    this.watching = Promise.race([
      this.lifeline.watching,
      new Promise<void>((resolve) => {
        this.endGrace = resolve;
        this.graceTimer = setTimeout(resolve, LIFELINE_GRACE_MS);
      }),
    ]).finally(() => this.stopGrace());
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
    this.shutDown(this.gone(`The ${this.name} was terminated`));
  }

  private stopGrace(): void {
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.endGrace = () => {};
  }

  private readonly handleErrorEvent = (event: Event): void => {
    this.fail(this.gone(describeWorkerErrorEvent(event, this.name)));
  };

  private readonly handleMessageError = (): void => {
    // Some reply could not be deserialized; which call it answered is unknowable.
    this.fail(this.gone(`A message from the ${this.name} could not be read (messageerror)`));
  };

  /** The worker died or misbehaved: report once, then shut down like terminate(). */
  private fail(error: Error): void {
    if (this.failure !== null) return;
    const onError = this.onError;
    this.shutDown(error);
    onError?.(error);
  }

  private shutDown(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    counts.open--;
    this.onError = undefined;
    this.lifeline.stop();
    // A pending timer is a root: it would hold what awaits `watching` (the client's `ready`,
    // so the client and whatever owns it) for the rest of the grace period. A closed
    // connection has nothing left to watch for.
    this.endGrace();
    this.stopGrace();
    this.worker.removeEventListener('error', this.handleErrorEvent);
    this.worker.removeEventListener('messageerror', this.handleMessageError);
    // An uncaught error may leave the worker alive but broken: end it so its state is clear.
    this.worker.terminate();
    // Comlink's FinalizationRegistry holds the worker for as long as this proxy lives, and the
    // worker's listener holds every unanswered call, whose promises hold this connection and
    // so the proxy: releasing it (which also drops the unanswered calls) breaks that cycle, or
    // whatever made the calls could never be collected.
    this.api[Comlink.releaseProxy]();
    for (const rejectPending of this.pending) rejectPending(error);
    this.pending.clear();
  }
}
