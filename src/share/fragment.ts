/**
 * Lab states in a page's URL fragment, one entry per lab, so several labs on one page each
 * keep their own: `#optim-lab:sgd-vs-adam=v1.…&optim-lab:warmup=v1.…`. A lab is addressed by
 * its element id (`optim-lab` alone for a lab without one). Entries are `&`-separated
 * `key=value` pairs; whatever else the fragment holds is kept as it is.
 */
import { ShareError } from './errors';
import { decodeLabState } from './token';
import type { LabState } from './state';
import { labStateFromJson } from './state';

export const FRAGMENT_KEY = 'optim-lab';

/** The fragment key of the lab with element id `id`. */
export function shareKey(id?: string): string {
  return id ? `${FRAGMENT_KEY}:${encodeURIComponent(id)}` : FRAGMENT_KEY;
}

/** The key as keyOf reads it back. */
function labKey(id?: string): string {
  return id ? `${FRAGMENT_KEY}:${id}` : FRAGMENT_KEY;
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

function isLabKey(key: string | undefined): key is string {
  return key === FRAGMENT_KEY || (key?.startsWith(`${FRAGMENT_KEY}:`) ?? false);
}

/** The token the fragment holds for lab `id`, if any. */
export function readShareFragment(hash: string, id?: string): string | undefined {
  const key = labKey(id);
  const part = parts(hash).find((p) => keyOf(p) === key);
  return part?.slice(part.indexOf('=') + 1);
}

/**
 * The fragment with lab `id`'s entry set to `token` (or removed, with no token), every other
 * entry kept in its place. Returns `#…`, or '' when nothing is left.
 */
export function writeShareFragment(hash: string, id: string | undefined, token?: string): string {
  const key = shareKey(id);
  const out: string[] = [];
  let written = false;
  for (const part of parts(hash)) {
    if (keyOf(part) !== labKey(id)) out.push(part);
    else if (token !== undefined && !written) {
      out.push(`${key}=${token}`);
      written = true;
    }
  }
  if (token !== undefined && !written) out.push(`${key}=${token}`);
  return out.length > 0 ? `#${out.join('&')}` : '';
}

/** `href` (a page URL) with lab `id`'s state in its fragment: the link to share. */
export function shareLink(href: string, id: string | undefined, token: string): string {
  const url = new URL(href);
  url.hash = writeShareFragment(url.hash, id, token);
  return url.href;
}

/**
 * Reads whatever a person pastes to restore lab `id`: a link or a fragment (this lab's
 * entry, or the only lab entry there is), a bare token, or JSON (a state or a config).
 */
export async function restoreLabState(text: string, id?: string): Promise<LabState> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return labStateFromJson(trimmed);
  if (!trimmed.includes('=')) return decodeLabState(trimmed);
  const hash = trimmed.slice(trimmed.indexOf('#') + 1);
  const own = readShareFragment(hash, id);
  if (own !== undefined) return decodeLabState(own);
  const entries = parts(hash).filter((part) => isLabKey(keyOf(part)));
  if (entries.length === 1) return decodeLabState(entries[0].slice(entries[0].indexOf('=') + 1));
  const whose = id ? `"${id}"` : 'a lab without an id';
  throw new ShareError(
    'format',
    entries.length === 0
      ? 'the link holds no optim-lab state'
      : `the link holds ${entries.length} labs' states and none for ${whose}`,
  );
}
