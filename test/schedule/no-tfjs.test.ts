import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scheduleDir = join(root, 'src/schedule');
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

/** Every file reachable from an entry file and every bare package it imports. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier.startsWith('.')) queue.push(resolveRelative(file, specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? allFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

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
