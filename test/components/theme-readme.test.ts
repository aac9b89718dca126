// The README's theme table says what components/shared/theme.ts defines, token for token.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLOR_TOKENS } from '../../components/shared/theme';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const ROW = /^\| `([a-z-]+)` *\| `(#[0-9a-f]{6})` *\| `(#[0-9a-f]{6})` *\|/gm;

describe('README theme table', () => {
  it('lists every colour token with its light and dark value', () => {
    const rows = Object.fromEntries(
      [...readme.matchAll(ROW)].map(([, name, light, dark]) => [name, [light, dark]]),
    );
    expect(rows).toEqual(COLOR_TOKENS);
  });
});
