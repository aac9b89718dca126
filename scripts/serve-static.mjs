// A small static file server (node:http, no dependencies) for `npm start` and the end-to-end
// embed test: plain files, correct MIME types (wasm must be application/wasm for streaming
// compilation), no bundler in between, so the page sees exactly what a static host serves.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file a URL path maps to under one of the mounts, or null. Longest prefix wins, and a
 * path that escapes its mount's folder (`..`, encoded or not) maps to nothing.
 * @param {{ prefix: string, dir: string }[]} mounts prefix like '/' or '/blog/assets/lab/'
 * @param {string} urlPath the request's pathname, still percent-encoded
 */
export function resolveFile(mounts, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const mount = [...mounts]
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .find((m) => decoded.startsWith(m.prefix));
  if (!mount) return null;
  const root = path.resolve(mount.dir);
  const file = path.resolve(root, `.${path.posix.sep}${decoded.slice(mount.prefix.length)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

async function fileFor(mounts, urlPath) {
  const file = resolveFile(mounts, urlPath);
  if (!file) return null;
  const info = await stat(file).catch(() => null);
  if (info?.isFile()) return { file, size: info.size };
  if (info?.isDirectory()) {
    const index = path.join(file, 'index.html');
    const indexInfo = await stat(index).catch(() => null);
    if (indexInfo?.isFile()) return { file: index, size: indexInfo.size };
  }
  return null;
}

/**
 * Starts serving. Resolves once listening, with the base URL and a close() function.
 * @param {{ mounts: { prefix: string, dir: string }[], host?: string, port?: number,
 *   headers?: Record<string, string> }} options
 *   port 0 picks a free port (tests); `npm start` passes a fixed one. `headers` go on every
 *   file served (e.g. a Content-Security-Policy, which a worker script takes from its own
 *   response, not from the page that starts it).
 */
export async function serveStatic({ mounts, host = '127.0.0.1', port = 0, headers = {} }) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const found = await fileFor(mounts, pathname);
    if (!found) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Not found: ${pathname}\n`);
      return;
    }
    const type = MIME_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    response.writeHead(200, {
      ...headers,
      'Content-Type': type,
      'Content-Length': found.size,
      // Always revalidate: a rebuilt dist/ must show up on the next reload.
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(found.file).pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${boundPort}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
