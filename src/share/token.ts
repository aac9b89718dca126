/**
 * A lab state as one URL-safe token: `v1.<base64url(deflate-raw(JSON))>`. The version comes
 * first so a page can tell a newer format from a damaged one before inflating anything.
 */
import { deflate, fromBase64Url, inflate, MAX_STATE_BYTES, toBase64Url } from './bytes';
import { ShareError } from './errors';
import { SHARE_VERSION, STATE_MARKER, stateEnvelope, stateFromEnvelope } from './state';
import type { LabState, ShareKind } from './state';

const PREFIX = `v${SHARE_VERSION}.`;
const TOKEN = /^v(\d+)\.(.*)$/s;

/** The state as a token. The state is checked first (a ConfigError for a bad config). */
export async function encodeLabState(
  state: LabState,
  kind: ShareKind = STATE_MARKER,
): Promise<string> {
  const json = JSON.stringify(stateEnvelope(state, kind));
  return PREFIX + toBase64Url(await deflate(new TextEncoder().encode(json)));
}

/**
 * Reads a token of a `kind` state. Throws a ShareError (why, as `reason`) or the config's
 * ConfigError.
 */
export async function decodeLabState(
  token: string,
  kind: ShareKind = STATE_MARKER,
): Promise<LabState> {
  const match = TOKEN.exec(token.trim());
  if (!match) {
    throw new ShareError('format', `not an ${kind} state: a state starts with "${PREFIX}"`);
  }
  const version = Number(match[1]);
  if (version !== SHARE_VERSION) {
    throw new ShareError(
      'version',
      version > SHARE_VERSION
        ? `this link was made by a newer optim-lab (format ${version}); this page reads format ${SHARE_VERSION}`
        : `unknown state format ${version}; this page reads format ${SHARE_VERSION}`,
    );
  }
  // Base64url holds 3 bytes in 4 characters; deflate does not compress JSON below 1/1000.
  if (match[2].length > (MAX_STATE_BYTES / 3) * 4) {
    throw new ShareError('size', `the state is larger than ${MAX_STATE_BYTES} bytes`);
  }
  const bytes = await inflate(fromBase64Url(match[2]));
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ShareError('json', "the link's state is damaged (not UTF-8 text)");
  }
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ShareError('json', `the link's state is damaged (not valid JSON: ${why})`);
  }
  return stateFromEnvelope(value, kind);
}
