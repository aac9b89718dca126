// The one theme (components/shared/theme.ts): every element resolves every token to its
// light value in light mode and its dark value in dark mode, passes axe (contrast included)
// in both, and takes any token a page sets on an ancestor. The README's table is checked
// against the same values.
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLOR_TOKENS,
  SERIES_DARK,
  SERIES_LIGHT,
  SIZE_TOKENS,
} from '../../components/shared/theme';
import { emulateColorScheme, resetColorScheme } from './support/color-scheme';
import type { ColorScheme } from './support/color-scheme';
import { parseColor, toHex } from './support/color';
import { FIXTURES, mountIn, settle, unmountAll } from './support/theme-fixtures';

const SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

/** The element's resolved token, as #rrggbb. */
function token(el: Element, name: string): string {
  return toHex(parseColor(getComputedStyle(el).getPropertyValue(`--_${name}`).trim()));
}

afterAll(resetColorScheme);

describe.each(SCHEMES)('%s mode', (scheme) => {
  const index = scheme === 'light' ? 0 : 1;
  const series = scheme === 'light' ? SERIES_LIGHT : SERIES_DARK;

  beforeAll(() => emulateColorScheme(scheme));

  it.each(FIXTURES.map((f) => [f.name, f] as const))(
    '%s resolves every token to its %s value and passes axe',
    async (_name, fixture) => {
      const el = await mountIn(fixture, 640);
      for (const [name, values] of Object.entries(COLOR_TOKENS)) {
        expect(token(el, name), `--_${name}`).toBe(values[index]);
      }
      series.forEach((color, i) => expect(token(el, `series-${i + 1}`)).toBe(color));
      expect(getComputedStyle(el).getPropertyValue('--_radius').trim()).toBe(SIZE_TOKENS.radius);
      expect(toHex(parseColor(getComputedStyle(el).color))).toBe(COLOR_TOKENS.ink[index]);
      const result = await axe.run(el);
      expect(result.violations.map((v) => v.id)).toEqual([]);
      unmountAll();
    },
  );
});

describe('a page sets a token once for every element', () => {
  beforeAll(() => emulateColorScheme('dark'));

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const el = await mountIn(fixture, 640);
    const page: Record<string, string> = {
      '--optim-lab-accent': '#6c71c4',
      '--optim-lab-error': '#dc322f',
      '--optim-lab-grid': '#93a1a1',
      '--optim-lab-series-12': '#268bd2',
    };
    for (const [name, value] of Object.entries(page)) {
      el.parentElement!.style.setProperty(name, value);
    }
    await settle(el);
    expect(token(el, 'accent')).toBe('#6c71c4');
    expect(token(el, 'error')).toBe('#dc322f');
    expect(token(el, 'grid')).toBe('#93a1a1');
    expect(token(el, 'series-12')).toBe('#268bd2');
    // Untouched tokens keep their dark default.
    expect(token(el, 'ink')).toBe(COLOR_TOKENS.ink[1]);
    unmountAll();
  });
});
