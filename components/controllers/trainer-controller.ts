/**
 * Gives a Lit element one training worker: created the first time the element needs to
 * train (not at page load: a post with five labs must not start five workers before anyone
 * presses play), terminated when the element leaves the page, and replaced by a fresh one
 * after a crash. The element sees a small async API, the backend in use, and progress
 * batches through one callback; every failure arrives through `onError` as well as a
 * rejected promise.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BackendChoice, BackendInfo } from '../../src/protocol/api';
import type { ProgressBatch } from '../../src/protocol/progress';
import {
  createTrainerClient,
  type TrainerClient,
  type TrainerClientOptions,
} from '../../workers/client';

export type ConnectionState = 'none' | 'starting' | 'ready' | 'failed';

export interface TrainerControllerOptions {
  /** Receives every progress batch of the current worker. */
  onProgress: (batch: ProgressBatch) => void;
  /** The worker crashed or a call failed; the controller is usable again afterwards. */
  onError?: (error: Error) => void;
  /** A new worker is starting: it knows no experiment, and its counters start over. */
  onWorkerStart?: () => void;
  /** Most progress messages per second (the worker's default is 30). */
  maxRate?: number;
  /** Makes the client; tests and special embeds can wrap the default. */
  createClient?: (options: TrainerClientOptions) => TrainerClient;
}

export class TrainerController implements ReactiveController {
  /** The backend in use, once a worker is ready. */
  backendInfo: BackendInfo | undefined;
  connection: ConnectionState = 'none';

  private client: TrainerClient | undefined;
  private connecting: Promise<TrainerClient> | undefined;
  private backendChoice: BackendChoice = 'auto';
  /** Bumped whenever the client is dropped, so a late `connect()` does not revive it. */
  private epoch = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: TrainerControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to do: the worker starts lazily, on the first call that needs it.
  }

  hostDisconnected(): void {
    // Moving an element (remove + insert in the same task) must not kill its training;
    // only an element that stays out of the document gives its worker back.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.close();
    });
  }

  /** The backend the next worker will ask for; a different choice replaces a running worker. */
  setBackendChoice(choice: BackendChoice): void {
    if (choice === this.backendChoice) return;
    this.backendChoice = choice;
    this.close();
  }

  /** True while a worker exists (starting or ready). */
  get active(): boolean {
    return this.client !== undefined && !this.client.closed;
  }

  /** The client, creating the worker, selecting the backend and subscribing on first use. */
  connect(): Promise<TrainerClient> {
    if (this.client && !this.client.closed && this.connecting) return this.connecting;
    const epoch = ++this.epoch;
    const make = this.options.createClient ?? createTrainerClient;
    const client = make({
      backend: this.backendChoice,
      onError: (error) => this.handleCrash(client, error),
    });
    this.client = client;
    this.options.onWorkerStart?.();
    this.connection = 'starting';
    this.backendInfo = undefined;
    this.host.requestUpdate();
    this.connecting = (async () => {
      try {
        const info = await client.ready;
        const unsubscribe = await client.subscribe(
          (batch) => {
            if (this.client === client) this.options.onProgress(batch);
          },
          this.options.maxRate === undefined ? undefined : { maxRate: this.options.maxRate },
        );
        if (epoch !== this.epoch) {
          void unsubscribe().catch(() => {});
          throw new Error('The trainer was closed while it was starting');
        }
        this.backendInfo = info;
        this.connection = 'ready';
        this.host.requestUpdate();
        return client;
      } catch (error) {
        if (this.client === client) {
          this.connection = 'failed';
          this.drop();
          this.host.requestUpdate();
        }
        throw error instanceof Error ? error : new Error(String(error));
      }
    })();
    return this.connecting;
  }

  /** Runs `action` on a ready client (starting one if needed). */
  async use<T>(action: (client: TrainerClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    return action(client);
  }

  /**
   * Runs `action` only if a worker is already up (never starts one): for calls that only
   * matter to a running experiment, such as pausing it or changing one of its runs.
   */
  async ifActive<T>(action: (client: TrainerClient) => Promise<T>): Promise<T | undefined> {
    if (!this.active || !this.connecting) return undefined;
    const client = await this.connecting;
    return client.closed ? undefined : action(client);
  }

  /** Terminates the worker (if any). A later `connect()` starts a fresh one. */
  close(): void {
    const client = this.client;
    this.drop();
    this.connection = 'none';
    this.backendInfo = undefined;
    client?.terminate();
  }

  private drop(): void {
    this.epoch += 1;
    this.client = undefined;
    // Terminating the worker releases the subscription's proxy port with it: no unsubscribe.
    this.connecting = undefined;
  }

  private handleCrash(client: TrainerClient, error: Error): void {
    if (this.client !== client) return;
    this.drop();
    this.connection = 'failed';
    this.host.requestUpdate();
    this.options.onError?.(error);
  }
}
