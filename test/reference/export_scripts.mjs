#!/usr/bin/env node
// Writes what export_reference.py runs with torch: the toPyTorch script of every experiment
// in test/export/experiments.ts (one .py each) and the Python form of every lrLambda in
// EXPORT_LAMBDAS, listed in manifest.json in the folder given as the only argument.
//
//   node test/reference/export_scripts.mjs <folder>
//
// The TypeScript sources are loaded with Vite's runnerImport (Vite transforms them as it
// does for the build and the tests), so no build step or extra TS runner is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folder = process.argv[2];
if (!folder) {
  console.error('usage: node test/reference/export_scripts.mjs <folder>');
  process.exit(2);
}

async function load(file) {
  const { module } = await runnerImport(path.join(root, file), {
    root,
    configFile: false,
    logLevel: 'error',
  });
  return module;
}

const { toPyTorch } = await load('src/export/index.ts');
const { pythonLambda } = await load('src/export/lambda.ts');
const { EXPORT_EXPERIMENTS, EXPORT_LAMBDAS } = await load('test/export/experiments.ts');

mkdirSync(folder, { recursive: true });
const experiments = EXPORT_EXPERIMENTS.map(({ name, config }, index) => {
  const file = `experiment_${index}.py`;
  writeFileSync(path.join(folder, file), toPyTorch(config));
  return { name, config, file };
});
const lambdas = EXPORT_LAMBDAS.map((source) => ({ source, python: pythonLambda(source) }));
writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify({ experiments, lambdas }));
console.log(`wrote ${experiments.length} scripts and ${lambdas.length} lambdas to ${folder}`);
