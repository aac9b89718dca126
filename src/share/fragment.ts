/**
 * Element states in a page's URL fragment, one entry per element, so several labs and
 * procedures on one page each keep their own: `#optim-lab:sgd-vs-adam=v1.…&optim-lab:warmup=v1.…
 * &optim-procedure:course=v1.…`. An entry is named by the element's kind (SHARE_KINDS) and id
 * (the kind alone for an element without one), so a lab and a procedure never read each
 * other's. Entries are `&`-separated `key=value` pairs; whatever else the fragment holds is
 * kept as it is.
 */
import { ShareError } from './errors';
import { decodeLabState } from './token';
import type { LabState, ShareKind } from './state';
import { STATE_MARKER, labStateFromJson } from './state';

/** The fragment key of labs (`optim-lab:<id>`); procedures' is `optim-procedure:<id>`. */
export const FRAGMENT_KEY: ShareKind = STATE_MARKER;

/** The fragment key of the `kind` element with element id `id`. */
export function shareKey(id?: string, kind: ShareKind = FRAGMENT_KEY): string {
  return id ? `${kind}:${encodeURIComponent(id)}` : kind;
}

/** The key as keyOf reads it back. */
function elementKey(id: string | undefined, kind: ShareKind): string {
  return id ? `${kind}:${id}` : kind;
}

function parts(hash: string): string[] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  return body === '' ? [] : body.split('&');
}

/** An entry's key, percent-decoded (a link pasted through a chat may come back encoded). */
function keyOf(part: string): string | undefined {
  const at = part.indexOf('=');
  if (at < 0) return undefined;
  const key = part.slice(0, at);
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

function isKindKey(key: string | undefined, kind: ShareKind): key is string {
  return key === kind || (key?.startsWith(`${kind}:`) ?? false);
}

/** The token the fragment holds for the `kind` element `id`, if any. */
export function readShareFragment(
  hash: string,
  id?: string,
  kind: ShareKind = FRAGMENT_KEY,
): string | undefined {
  const key = elementKey(id, kind);
  const part = parts(hash).find((p) => keyOf(p) === key);
  return part?.slice(part.indexOf('=') + 1);
}

/**
 * The fragment with the `kind` element `id`'s entry set to `token` (or removed, with no
 * token), every other entry kept in its place. Returns `#…`, or '' when nothing is left.
 */
export function writeShareFragment(
  hash: string,
  id: string | undefined,
  token?: string,
  kind: ShareKind = FRAGMENT_KEY,
): string {
  const key = shareKey(id, kind);
  const out: string[] = [];
  let written = false;
  for (const part of parts(hash)) {
    if (keyOf(part) !== elementKey(id, kind)) out.push(part);
    else if (token !== undefined && !written) {
      out.push(`${key}=${token}`);
      written = true;
    }
  }
  if (token !== undefined && !written) out.push(`${key}=${token}`);
  return out.length > 0 ? `#${out.join('&')}` : '';
}

/** `href` (a page URL) with the `kind` element `id`'s state in its fragment: the link to share. */
export function shareLink(
  href: string,
  id: string | undefined,
  token: string,
  kind: ShareKind = FRAGMENT_KEY,
): string {
  const url = new URL(href);
  url.hash = writeShareFragment(url.hash, id, token, kind);
  return url.href;
}

/**
 * Reads whatever a person pastes to restore the `kind` element `id`: a link or a fragment
 * (this element's entry, or the only entry of its kind there is), a bare token, or JSON (a
 * state or a config).
 */
export async function restoreLabState(
  text: string,
  id?: string,
  kind: ShareKind = FRAGMENT_KEY,
): Promise<LabState> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return labStateFromJson(trimmed, kind);
  if (!trimmed.includes('=')) return decodeLabState(trimmed, kind);
  const hash = trimmed.slice(trimmed.indexOf('#') + 1);
  const own = readShareFragment(hash, id, kind);
  if (own !== undefined) return decodeLabState(own, kind);
  const entries = parts(hash).filter((part) => isKindKey(keyOf(part), kind));
  if (entries.length === 1) {
    return decodeLabState(entries[0].slice(entries[0].indexOf('=') + 1), kind);
  }
  const noun = kind === FRAGMENT_KEY ? 'lab' : 'procedure';
  const whose = id ? `"${id}"` : `a ${noun} without an id`;
  throw new ShareError(
    'format',
    entries.length === 0
      ? `the link holds no ${kind} state`
      : `the link holds ${entries.length} ${noun}s' states and none for ${whose}`,
  );
}
