/**
 * Tells the page when its worker has died. A worker that calls close(), is terminated by
 * other code, or is killed by the browser fires no event on the page, so comlink calls in
 * flight would wait forever (comlink #601). The worker instead holds a Web Lock for its whole
 * life; the page queues for the same lock and is granted it exactly when the worker is gone.
 *
 * Handshake, outside comlink (comlink ignores messages without its `type`/`id`):
 * page -> worker `{ [LIFELINE]: name }`, worker takes the lock, worker -> page `{ [LIFELINE]: name }`.
 * The page queues only after the acknowledgement, so it cannot take the lock first.
 */

const LIFELINE = 'optim-lab:lifeline';

interface LifelineMessage {
  [LIFELINE]: string;
}

function lifelineName(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !(LIFELINE in data)) return undefined;
  const name = (data as LifelineMessage)[LIFELINE];
  return typeof name === 'string' ? name : undefined;
}

function lockManager(): LockManager | undefined {
  // Web Locks need a secure context (https or localhost); without them we cannot watch.
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
}

function uniqueName(): string {
  const id =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `optim-lab-worker-${id}`;
}

/** The part of a dedicated worker's global scope the lifeline uses (tsconfig has DOM types only). */
export interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  postMessage(message: unknown): void;
}

/** Worker side: answer the page's handshake by holding the named lock until this worker dies. */
export function holdLifeline(scope: WorkerScope): void {
  scope.addEventListener('message', (event: MessageEvent<unknown>) => {
    const name = lifelineName(event.data);
    const locks = lockManager();
    if (name === undefined || locks === undefined) return;
    void locks.request(name, () => {
      scope.postMessage({ [LIFELINE]: name } satisfies LifelineMessage);
      // Never settles: the lock is released only when this worker's global scope goes away.
      return new Promise<never>(() => {});
    });
  });
}

export interface Lifeline {
  /**
   * Resolves once the worker holds its lock and the page is queued for it: from then on a
   * death is noticed. (Until then a worker that dies silently goes unnoticed, so the client
   * counts itself ready only after this.) Resolves at once where Web Locks are missing.
   */
  readonly watching: Promise<void>;
  /** Stops watching: call it before terminating the worker on purpose. */
  stop(): void;
}

/** Page side: calls `onDeath` once if the worker dies. */
export function watchLifeline(worker: Worker, onDeath: () => void): Lifeline {
  const locks = lockManager();
  if (locks === undefined) return { watching: Promise.resolve(), stop: () => {} };
  const name = uniqueName();
  const abort = new AbortController();
  let watching = true;
  let acknowledged: () => void = () => {};
  const watchingPromise = new Promise<void>((resolve) => (acknowledged = resolve));
  const onAck = (event: MessageEvent<unknown>) => {
    if (lifelineName(event.data) !== name) return;
    worker.removeEventListener('message', onAck);
    acknowledged();
    locks
      .request(name, { signal: abort.signal }, () => {
        if (watching) onDeath();
      })
      // Rejects with an AbortError when we stop watching first: nothing to report.
      .catch(() => {});
  };
  worker.addEventListener('message', onAck);
  worker.postMessage({ [LIFELINE]: name } satisfies LifelineMessage);
  return {
    watching: watchingPromise,
    stop: () => {
      watching = false;
      worker.removeEventListener('message', onAck);
      abort.abort();
    },
  };
}
