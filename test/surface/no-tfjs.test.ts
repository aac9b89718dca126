import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFiles, importGraph } from '../support/import-graph';

const root = resolve(import.meta.dirname, '../..');
const surfaceDir = join(root, 'src/surface');

describe('src/surface/index.ts (what the page imports) stays free of TF.js', () => {
  const { files, packages } = importGraph(join(surfaceDir, 'index.ts'));

  it('reaches the functions, the language, the AD and the config (so the walk sees real code)', () => {
    for (const name of ['functions.ts', 'program.ts', 'config.ts', 'accumulate.ts']) {
      expect(files.has(join(surfaceDir, name)), name).toBe(true);
    }
    expect(files.has(join(root, 'src/schedule/expr/parser.ts'))).toBe(true);
  });

  it('imports no package but valibot, and not the engine', () => {
    expect([...packages]).toEqual(['valibot']);
    expect(files.has(join(surfaceDir, 'engine.ts'))).toBe(false);
    const outside = [...files]
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith('src/'));
    expect(outside).toEqual([]);
  });

  it('never evaluates code from strings', () => {
    for (const file of allFiles(surfaceDir)) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
    }
  });
});
