// Bundles one TypeScript entry of this repo with esbuild (TF.js and valibot left as imports,
// so they resolve from node_modules) and imports it: lets a plain `node bench/x.mjs` script
// use the sources without a build. Output goes to node_modules/.cache/optim-lab-bench/.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `entry` (a path) bundled to `${tag}.mjs` and imported. */
export async function importBundled(entry, tag) {
  const outfile = join(root, 'node_modules/.cache/optim-lab-bench', `${tag}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    external: ['@tensorflow/*', 'valibot'],
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}
