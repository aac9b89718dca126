#!/usr/bin/env node
// `npm run build`: writes dist/ (core.js, schedule.js, optim-lab.js, optim-lab.worker.js plus
// its .wasm files, optim-lab-surface.worker.js, types/ with .d.ts) and custom-elements.json
// (repo root and dist/). `--embed-only` (used by `npm start`) writes just the embed and its
// workers, in seconds.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import {
  coreTarget,
  embedTarget,
  outDir,
  root,
  scheduleTarget,
  surfaceWorkerTarget,
  workerTarget,
} from './build/targets.mjs';

const embedSteps = [
  ['dist/optim-lab.worker.js + .wasm', workerTarget],
  ['dist/optim-lab-surface.worker.js', surfaceWorkerTarget],
  ['dist/optim-lab.js', embedTarget],
];
const librarySteps = [
  ['dist/core.js', coreTarget],
  ['dist/schedule.js', scheduleTarget],
];
const embedOnly = process.argv.includes('--embed-only');

/** Runs a repo-local binary; a failing step fails the build with its own output shown. */
function run(bin, args) {
  const result = spawnSync(path.join(root, 'node_modules/.bin', bin), args, {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

async function main() {
  const started = performance.now();
  // A full build starts clean so nothing stale ships; --embed-only leaves the rest alone.
  if (!embedOnly) rmSync(outDir, { recursive: true, force: true });

  for (const [label, target] of embedOnly ? embedSteps : [...librarySteps, ...embedSteps]) {
    const t0 = performance.now();
    await build(target());
    console.log(`built ${label} in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  }
  if (embedOnly) return;

  run('tsc', ['-p', 'tsconfig.build.json']);
  console.log('wrote dist/types (.d.ts)');

  run('cem', ['analyze', '--config', 'custom-elements-manifest.config.mjs']); // = npm run analyze
  copyFileSync(path.join(root, 'custom-elements.json'), path.join(outDir, 'custom-elements.json'));
  console.log('wrote custom-elements.json (repo root and dist/)');

  for (const file of [
    'core.js',
    'schedule.js',
    'optim-lab.js',
    'optim-lab.worker.js',
    'optim-lab-surface.worker.js',
  ]) {
    if (!existsSync(path.join(outDir, file))) throw new Error(`build did not write dist/${file}`);
  }
  console.log(`build done in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
