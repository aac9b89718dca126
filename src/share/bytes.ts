/**
 * The bytes of a link: raw deflate (RFC 1951, what zlib's deflateRaw writes) through the
 * platform's CompressionStream, and base64url (RFC 4648 §5, no padding), so a state needs no
 * library on the page, in the worker or in Node 20.
 */
import { ShareError } from './errors';

/** The most bytes a lab state's JSON may have once inflated (a guard against zip bombs). */
export const MAX_STATE_BYTES = 1 << 20;

async function drain(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new ShareError('size', `the state is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream) {
  // A Blob's stream feeds the transform and propagates its errors to the reader.
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
}

export function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return drain(through(bytes, new CompressionStream('deflate-raw')), Infinity);
}

/** Inflates at most MAX_STATE_BYTES; corrupt or cut-short data is a ShareError('deflate'). */
export async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await drain(through(bytes, new DecompressionStream('deflate-raw')), MAX_STATE_BYTES);
  } catch (error) {
    if (error instanceof ShareError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new ShareError('deflate', `the link's state is damaged (it does not inflate: ${why})`);
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function fromBase64Url(text: string): Uint8Array {
  const bad = text.search(/[^A-Za-z0-9_-]/);
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    const where = bad >= 0 ? `: ${JSON.stringify(text[bad])} at character ${bad + 1}` : '';
    throw new ShareError('base64', `the link's state is damaged (not base64url${where})`);
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
