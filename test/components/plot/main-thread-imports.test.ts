import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The plot elements run on the page: they must not pull TF.js or optimizer runtime code in. */
const FOLDERS = ['components/plot', 'components/lr-curve', 'components/loss-plot'];

function sources(): { file: string; text: string }[] {
  const root = join(import.meta.dirname, '../../..');
  const files = FOLDERS.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
  );
  files.push('components/controllers/resize-controller.ts');
  return files.map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
}

describe('plot elements stay light on the main thread', () => {
  it('import no TF.js and only types from src/optim', () => {
    const found = sources();
    expect(found.length).toBeGreaterThan(10);
    for (const { file, text } of found) {
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)];
      for (const [, isType, from] of imports) {
        expect(from, file).not.toMatch(/tensorflow|tfjs/);
        if (from.includes('src/optim')) expect(isType, `${file} imports ${from}`).toBeTruthy();
        if (from.includes('src/') && !isType) expect(from, file).toMatch(/src\/schedule\/index$/);
      }
    }
  });
});
