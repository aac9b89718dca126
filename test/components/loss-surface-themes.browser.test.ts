// <loss-surface> in the light and dark themes (prefers-color-scheme emulated through CDP):
// every token resolves to its value for the scheme, axe finds nothing (colour contrast
// included) with the numbers panel open, nothing overflows a phone-width container, every
// Tab stop shows a focus ring, and the plot's lines keep 3:1 against what is behind them:
// each trail and arrow is drawn over a halo of the surface colour.
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { COLOR_TOKENS, SERIES_DARK, SERIES_LIGHT } from '../../components/shared/theme';
import { emulateColorScheme, resetColorScheme } from './support/color-scheme';
import type { ColorScheme } from './support/color-scheme';
import { contrast, parseColor, toHex } from './support/color';
import { deepActiveElement, focusIndicator, isInside, tabInto } from './support/focus';
import { horizontalOverflows } from './support/layout';
import { mount, part, unmountAll } from './loss-surface-helpers';

afterAll(resetColorScheme);

describe.each<ColorScheme>(['light', 'dark'])('%s theme', (scheme) => {
  const index = scheme === 'light' ? 0 : 1;
  beforeAll(() => emulateColorScheme(scheme));

  it.each(['optimizer-zoo', 'momentum-vs-nesterov', 'adam-vs-adamw'])(
    '%s: tokens resolve, and axe finds no violations, contrast included',
    async (preset) => {
      const el = await mount({ preset });
      const style = getComputedStyle(el);
      for (const [name, values] of Object.entries(COLOR_TOKENS)) {
        expect(toHex(parseColor(style.getPropertyValue(`--_${name}`).trim())), name).toBe(
          values[index],
        );
      }
      const result = await axe.run(el);
      expect(
        result.violations.map((v) => [v.id, v.nodes.map((n) => `${n.html} ${n.failureSummary}`)]),
      ).toEqual([]);
      const checked = [...result.passes, ...result.incomplete].filter(
        (r) => r.id === 'color-contrast',
      );
      expect(checked.flatMap((r) => r.nodes).length).toBeGreaterThan(0);
      unmountAll();
    },
  );

  it('each trail and arrow stands out: its colour on a halo of the surface, 3:1 or more', async () => {
    const el = await mount({ preset: 'optimizer-zoo', steps: '40' });
    const surface = parseColor(getComputedStyle(el).getPropertyValue('--_surface').trim());
    const series = scheme === 'light' ? SERIES_LIGHT : SERIES_DARK;
    const trails = [...el.shadowRoot!.querySelectorAll<SVGPathElement>('.trail')];
    expect(trails).toHaveLength(12);
    for (const trail of trails) {
      const group = trail.parentElement!;
      const run = Number(/run-(\d+)/.exec(group.getAttribute('class') ?? '')?.[1]);
      const stroke = parseColor(getComputedStyle(trail).stroke);
      expect(toHex(stroke), `run ${run}`).toBe(series[run - 1]);
      const halo = group.querySelector('.halo')!;
      expect(toHex(parseColor(getComputedStyle(halo).stroke))).toBe(toHex(surface));
      expect(parseFloat(getComputedStyle(halo).strokeWidth)).toBeGreaterThan(
        parseFloat(getComputedStyle(trail).strokeWidth) + 2,
      );
      expect(contrast(stroke, surface), `run ${run}`).toBeGreaterThanOrEqual(3);
    }
    const arrows = [
      ...el.shadowRoot!.querySelectorAll<SVGPathElement>('[part="arrows"] .arrow:not(.head)'),
    ];
    expect(arrows.length).toBeGreaterThan(1);
    for (const arrow of arrows) {
      const halo = arrow.previousElementSibling!;
      expect(halo.getAttribute('class')).toBe('halo');
      expect(contrast(parseColor(getComputedStyle(arrow).stroke), surface)).toBeGreaterThanOrEqual(
        3,
      );
    }
  });

  it('fits a 360 px phone, and every Tab stop shows a focus ring', async () => {
    const el = await mount({ preset: 'saddle' }, 360);
    expect(el.getBoundingClientRect().width).toBeLessThanOrEqual(360);
    expect(horizontalOverflows(el)).toEqual([]);
    const reached: string[] = [];
    let active: Element | null = await tabInto(el);
    for (let stops = 0; active && isInside(el, active) && stops < 30; stops++) {
      const what = `${active.localName}[part=${active.getAttribute('part')}]`;
      reached.push(what);
      expect(active.matches(':focus-visible'), what).toBe(true);
      const ring = focusIndicator(active);
      expect(ring, `${what} paints a ring`).toBeDefined();
      await userEvent.keyboard('{Tab}');
      await el.updateComplete;
      active = deepActiveElement();
    }
    expect(reached).toEqual(
      expect.arrayContaining([
        'button[part=play-button]',
        'div[part=start-handle]',
        'input[part=step-slider]',
        'select[part=run-select]',
      ]),
    );
    expect(part(el, 'start-handle').getAttribute('aria-valuetext')).toBe('x 1.5, y 0.01');
  });
});
