// The static server behind `npm start` and the embed test: mounts, MIME types (wasm must be
// application/wasm or streaming compilation fails) and no escaping the served folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFile, serveStatic } from '../../scripts/serve-static.mjs';

let root: string;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'serve-static-'));
  mkdirSync(path.join(root, 'site/posts'), { recursive: true });
  mkdirSync(path.join(root, 'lib'), { recursive: true });
  writeFileSync(path.join(root, 'site/index.html'), '<p>home</p>');
  writeFileSync(path.join(root, 'site/posts/index.html'), '<p>posts</p>');
  writeFileSync(path.join(root, 'lib/embed.js'), 'export {};');
  writeFileSync(path.join(root, 'lib/x.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(path.join(root, 'secret.txt'), 'outside every mount');
  server = await serveStatic({
    mounts: [
      { prefix: '/', dir: path.join(root, 'site') },
      { prefix: '/assets/lib/', dir: path.join(root, 'lib') },
    ],
  });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('binds 127.0.0.1 on the requested (here: a free) port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['/', 'text/html; charset=utf-8', '<p>home</p>'],
    ['/posts/', 'text/html; charset=utf-8', '<p>posts</p>'],
    ['/assets/lib/embed.js', 'text/javascript; charset=utf-8', 'export {};'],
  ])('serves %s as %s', async (pathname, type, body) => {
    const response = await fetch(`${server.url}${pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(body);
  });

  it('serves .wasm as application/wasm, byte for byte', async () => {
    const response = await fetch(`${server.url}/assets/lib/x.wasm`);
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 97, 115, 109]);
  });

  it('answers 404 for missing files and for paths that climb out of a mount', async () => {
    for (const pathname of [
      '/nope.html',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/lib/..%2f..%2fsecret.txt',
    ]) {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status, pathname).toBe(404);
    }
  });
});

describe('resolveFile', () => {
  const mounts = [
    { prefix: '/', dir: '/srv/site' },
    { prefix: '/assets/', dir: '/srv/dist' },
  ];

  it('picks the longest matching prefix', () => {
    expect(resolveFile(mounts, '/assets/a.js')).toBe('/srv/dist/a.js');
    expect(resolveFile(mounts, '/a.js')).toBe('/srv/site/a.js');
  });

  it('refuses traversal, NUL bytes and malformed escapes', () => {
    expect(resolveFile(mounts, '/assets/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveFile(mounts, '/a%00.js')).toBeNull();
    expect(resolveFile(mounts, '/%E0%A4%A')).toBeNull();
  });
});
