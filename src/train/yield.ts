/**
 * Yielding to the event loop between training chunks, so messages (pause, step, config
 * changes) are served promptly. A macrotask is needed: awaiting a resolved promise only runs
 * microtasks and would starve incoming messages. requestAnimationFrame (tf.nextFrame) is
 * not used: it is throttled in background tabs and absent in workers of some browsers.
 */

export type YieldToEventLoop = () => Promise<void>;

/** setImmediate (Node) -> MessageChannel (browsers, workers) -> setTimeout(0). */
export function createDefaultYield(): YieldToEventLoop {
  const scope = globalThis as {
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  if (typeof scope.setImmediate === 'function') {
    const setImmediateFn = scope.setImmediate;
    return () => new Promise<void>((resolve) => void setImmediateFn(resolve));
  }
  if (typeof scope.MessageChannel === 'function') {
    // One channel, one queue of waiters: each posted message wakes the oldest waiter.
    const channel = new scope.MessageChannel();
    const waiters: (() => void)[] = [];
    channel.port1.onmessage = () => waiters.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
}
