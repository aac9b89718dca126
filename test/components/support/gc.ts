// Forced garbage collection for the leak tests: Chromium runs with --js-flags=--expose-gc
// (scripts/chromium.mjs), which puts gc() on the page's global object (typed by @types/node,
// whose `gc` is V8's same function).

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Runs full garbage collections between macrotasks and frames, `rounds` times, so that
 * finalizers and queued work run in between. Each round lays the document out first:
 * Chromium's last layout result keeps removed form controls (and so the element holding them)
 * until the next layout, which any live page does all the time. The collection runs as a task
 * of its own (`execution: 'async'`), with no JavaScript on the stack: a synchronous gc() scans
 * the stack conservatively, and a stale pointer there would keep an element alive at random.
 */
export async function forceGc(rounds = 3): Promise<void> {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') {
    throw new Error('gc() is missing: start Chromium with --js-flags=--expose-gc');
  }
  for (let i = 0; i < rounds; i++) {
    await macrotask();
    void document.body.offsetHeight;
    await frame();
    await gc({ type: 'major', execution: 'async', flavor: 'last-resort' });
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
