// Forced garbage collection for the leak tests: Chromium runs with --js-flags=--expose-gc
// (scripts/chromium.mjs), which puts gc() on the page's global object.

declare global {
  // Present only with --expose-gc.
  var gc: (() => void) | undefined;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs gc() between macrotasks, `rounds` times: finalizers and queued work get to run too. */
export async function forceGc(rounds = 5): Promise<void> {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('gc() is missing: start Chromium with --js-flags=--expose-gc');
  for (let i = 0; i < rounds; i++) {
    await macrotask();
    gc();
  }
}

/**
 * Collects until every WeakRef is empty or `attempts` rounds of forced GC have passed (no time
 * limit: a slow machine only takes longer). Resolves with the indices still reachable.
 */
export async function collectAll<T extends object>(
  refs: readonly WeakRef<T>[],
  attempts = 10,
): Promise<number[]> {
  const alive = () => refs.flatMap((ref, i) => (ref.deref() === undefined ? [] : [i]));
  for (let i = 0; i < attempts && alive().length > 0; i++) await forceGc();
  return alive();
}
