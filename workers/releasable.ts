/**
 * A callback to hand to Comlink.proxy that can let go of what it calls. The proxy's
 * MessagePort keeps its callback until the worker releases the proxy, which a terminated
 * worker never does; a callback that closes over the page's listener would keep the listener
 * (and the element behind it) for as long as the port lives. This one reaches its target
 * through one variable, in a scope of its own (V8 keeps a whole scope's captured variables
 * for any closure made in it), and `release()` empties it.
 */
export interface Releasable<A> {
  /** Calls the target, or does nothing once released. */
  readonly call: (arg: A) => void;
  /** Drops the target; `call` does nothing from now on. */
  readonly release: () => void;
}

export function releasable<A>(target: (arg: A) => void): Releasable<A> {
  let current: ((arg: A) => void) | null = target;
  return {
    call: (arg) => current?.(arg),
    release: () => {
      current = null;
    },
  };
}
