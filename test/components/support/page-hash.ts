// The page's URL fragment in the share tests: set as a reader's browser sets it when a link
// is followed, put back after each test without a history entry, and tokens made by hand.
import { afterEach, beforeEach } from 'vitest';
import { deflate, toBase64Url } from '../../../src/share/bytes';

/** Restores the runner page's fragment after each test of the file that calls it. */
export function keepPageHash(): void {
  let pageHash = '';
  beforeEach(() => {
    pageHash = location.hash;
  });
  afterEach(() => {
    history.replaceState(null, '', `${location.pathname}${location.search}${pageHash}`);
  });
}

/** Sets the page's fragment and waits for its hashchange, as when a link is followed. */
export async function goTo(hash: string): Promise<void> {
  const changed = new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));
  location.hash = hash;
  await changed;
}

/** A token of arbitrary JSON, as a damaged or hand-made link could hold. */
export async function tokenOf(value: unknown): Promise<string> {
  return `v1.${toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(value))))}`;
}
