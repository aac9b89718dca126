#!/usr/bin/env node
// `npm start`: builds dist/ when it is missing or older than the sources, then serves the demo
// page with the REAL one-file embed (dist/optim-lab.js), the way a blog would host it: plain
// static files, the embed under a sub-path, no bundler or dev server in between.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from './serve-static.mjs';

const root = path.resolve(import.meta.dirname, '..');
const DEFAULT_PORT = 4173;
/** Everything the build reads: a change in any of these makes dist/ stale. */
const SOURCES = [
  'src',
  'components',
  'workers',
  'scripts/build',
  'scripts/build.mjs',
  'package.json',
];
/** What the demo loads; `build.mjs --embed-only` writes exactly these (in seconds). */
const BUILT = ['optim-lab.js', 'optim-lab.worker.js'];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function distIsStale() {
  const builtFiles = BUILT.map((file) => path.join(root, 'dist', file));
  if (!builtFiles.every((file) => existsSync(file))) return 'dist/ is missing';
  const oldestBuild = Math.min(...builtFiles.map((file) => statSync(file).mtimeMs));
  const newestSource = Math.max(...SOURCES.map((entry) => newestMtime(path.join(root, entry))));
  return newestSource > oldestBuild ? 'sources changed since the last build' : null;
}

function parsePort(value) {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535; got ${JSON.stringify(value)}`);
  }
  return port;
}

async function main() {
  const port = parsePort(process.env.PORT);
  const stale = distIsStale();
  if (stale) {
    console.log(`Building (${stale})...`);
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'scripts/build.mjs'), '--embed-only'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  const server = await serveStatic({
    host: '127.0.0.1',
    port,
    mounts: [
      { prefix: '/', dir: path.join(root, 'demo') },
      // A sub-path on purpose: proves the embed finds its worker and .wasm beside itself.
      { prefix: '/assets/optim-lab/', dir: path.join(root, 'dist') },
    ],
  });
  console.log(
    `\n  optim-lab demo: ${server.url}/\n\n  (Ctrl+C to stop; PORT=... to change the port)\n`,
  );
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  if (error?.code === 'EADDRINUSE') {
    console.error(`Port in use. Try another: PORT=8080 npm start`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
