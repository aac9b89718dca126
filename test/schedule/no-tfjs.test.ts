import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allFiles, IMPORT, importGraph } from '../support/import-graph';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scheduleDir = join(root, 'src/schedule');

describe('optim-lab/schedule stays free of TF.js', () => {
  const { files, packages } = importGraph(join(scheduleDir, 'index.ts'));

  it('reaches every scheduler file through index.ts (so the walk sees the real code)', () => {
    expect(files.size).toBeGreaterThan(20);
    for (const name of ['one-cycle-lr.ts', 'sequential-lr.ts', 'config.ts', 'expr/parser.ts']) {
      expect(files.has(join(scheduleDir, name))).toBe(true);
    }
  });

  it('imports only files under src/schedule', () => {
    const outside = [...files].filter((f) => relative(scheduleDir, f).startsWith('..'));
    expect(outside).toEqual([]);
  });

  it('imports no package but valibot (in particular no @tensorflow)', () => {
    expect([...packages]).toEqual(['valibot']);
  });

  it('the walker does see a TF.js import when there is one', () => {
    const sample =
      "import * as tf from '@tensorflow/tfjs';\nexport { x } from './y';\nimport type { Z } from \"../z\";";
    const found = [...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(found).toEqual(['@tensorflow/tfjs', './y', '../z']);
  });

  it('never evaluates code from strings', () => {
    for (const file of allFiles(scheduleDir)) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
    }
  });
});

describe('toPyTorch (src/export) stays free of TF.js, so a page can call it', () => {
  const exportDir = join(root, 'src/export');
  const { files, packages } = importGraph(join(exportDir, 'index.ts'));

  it('reaches the exporter and what it reads (datasets, initial weights, config parsing)', () => {
    for (const name of [
      'export/script.ts',
      'export/lambda.ts',
      'data/dataset.ts',
      'model/init.ts',
    ]) {
      expect(files.has(join(root, 'src', name)), name).toBe(true);
    }
    expect(files.has(join(root, 'src/protocol/experiment.ts'))).toBe(true);
  });

  it('imports no package but valibot (in particular no @tensorflow)', () => {
    expect([...packages]).toEqual(['valibot']);
  });

  it('never evaluates code from strings', () => {
    for (const file of allFiles(exportDir)) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
    }
  });
});

describe('the share codec (src/share) and the CSV reader stay free of TF.js, for the page', () => {
  it.each([
    ['src/share/index.ts', ['share/token.ts', 'share/fragment.ts', 'protocol/experiment.ts']],
    ['src/data/csv.ts', ['protocol/custom-points.ts']],
  ])('%s imports no package but valibot', (entry, reached) => {
    const { files, packages } = importGraph(join(root, entry));
    for (const name of reached) expect(files.has(join(root, 'src', name)), name).toBe(true);
    expect([...packages]).toEqual(['valibot']);
  });
});
