// Shared by the build and end-to-end tests: where dist/ is, and a clear failure when it has
// not been built (`npm test` runs `npm run build` before `vitest run`).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const distDir = path.join(repoRoot, 'dist');

export function distPath(file: string): string {
  return path.join(distDir, file);
}

/** The built file's text; throws (failing the test) with the fix when it is missing. */
export function readBuilt(file: string): string {
  const full = distPath(file);
  if (!existsSync(full)) {
    throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test does).`);
  }
  return readFileSync(full, 'utf8');
}

/** Every module specifier a built ES module imports statically or dynamically. */
export function importedSpecifiers(code: string): string[] {
  const patterns = [
    /\bimport\s*(?:[\w*${}\s,]+from\s*)?["'`]([^"'`]+)["'`]/g,
    /\bexport\s*[\w*${}\s,]*from\s*["'`]([^"'`]+)["'`]/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]));
}
