/**
 * Progress subscribers: one ProgressBatcher per subscriber (each has its own rate), flushed
 * when due or by a timer when points wait for the rate limit. Sending never waits on the
 * receiver: a callback that throws or whose promise rejects (a page gone away) is ignored.
 */
import { ProgressBatcher } from './progress-batcher';
import type { ProgressBatch } from '../protocol/progress';
import type { SubscribeOptions } from '../protocol/api';
import { ConfigError } from '../protocol/validation';

export type ProgressCallback = (msg: ProgressBatch) => unknown;

interface Subscription {
  batcher: ProgressBatcher;
  callback: ProgressCallback;
  timer: ReturnType<typeof setTimeout> | null;
}

export class Subscriptions {
  private readonly subscriptions = new Map<number, Subscription>();
  private nextId = 1;

  constructor(private readonly now: () => number) {}

  /** Adds a subscriber; `prime` brings its batcher up to the current experiment state. */
  add(
    callback: ProgressCallback,
    options: SubscribeOptions | undefined,
    prime: (batcher: ProgressBatcher) => void,
  ): number {
    if (typeof callback !== 'function') throw new ConfigError('onProgress', 'must be a function');
    const batcher = new ProgressBatcher(options?.maxRate);
    prime(batcher);
    const id = this.nextId++;
    this.subscriptions.set(id, { batcher, callback, timer: null });
    this.pump();
    return id;
  }

  remove(id: number): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    if (subscription.timer !== null) clearTimeout(subscription.timer);
    this.subscriptions.delete(id);
  }

  /** Applies an update to every subscriber's batcher. */
  each(update: (batcher: ProgressBatcher) => void): void {
    for (const subscription of this.subscriptions.values()) update(subscription.batcher);
  }

  /** Sends what is due now; arms a timer for what waits on the rate limit. */
  pump(): void {
    const now = this.now();
    for (const subscription of this.subscriptions.values()) {
      if (subscription.batcher.isDue(now)) {
        this.send(subscription, now);
      } else if (subscription.timer === null) {
        const delay = subscription.batcher.msUntilDue(now);
        if (Number.isFinite(delay)) {
          subscription.timer = setTimeout(() => {
            subscription.timer = null;
            this.pump();
          }, Math.ceil(delay));
        }
      }
    }
  }

  clear(): void {
    for (const id of [...this.subscriptions.keys()]) this.remove(id);
  }

  private send(subscription: Subscription, now: number): void {
    const message = subscription.batcher.flush(now);
    if (!message) return;
    try {
      const result = subscription.callback(message);
      if (isThenable(result)) result.then(undefined, () => undefined);
    } catch {
      // A failing subscriber must not stop training or the other subscribers.
    }
  }
}

/** Comlink proxies return promises; a rejection (receiver gone) must not go unhandled. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
