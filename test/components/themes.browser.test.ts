// Light and dark themes, narrow layouts and focus indicators of every element (issue 4
// section 10), in real Chromium with prefers-color-scheme emulated through CDP.
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { LossPlot } from '../../components/loss-plot/index';
import { SERIES_DARK, SERIES_LIGHT } from '../../components/plot/colors';
import { emulateColorScheme, resetColorScheme } from './support/color-scheme';
import type { ColorScheme } from './support/color-scheme';
import {
  backgroundAround,
  contrast,
  effectiveBackground,
  lightSurfaces,
  luminance,
  parseColor,
  toHex,
} from './support/color';
import type { Rgba } from './support/color';
import { deepActiveElement, focusIndicator, isInside, tabInto } from './support/focus';
import { horizontalOverflows, openAllDetails } from './support/layout';
import { FIXTURES, fillRuns, mountIn, settle, unmountAll } from './support/theme-fixtures';

const PHONE_WIDTH = 360;
/** Enough for the largest element's tab order; the walk stops earlier when focus leaves. */
const MAX_TAB_STOPS = 60;
const byName = FIXTURES.map((f) => [f.name, f] as const);

afterEach(unmountAll);
afterAll(resetColorScheme);

/** The colours an element shows: its text colour and what is painted behind it. */
function hostColors(el: Element): { fg: Rgba; bg: Rgba } {
  return { fg: parseColor(getComputedStyle(el).color), bg: effectiveBackground(el) };
}

describe.each<ColorScheme>(['light', 'dark'])('%s theme', (scheme) => {
  beforeAll(() => emulateColorScheme(scheme));

  it.each(byName)('%s: axe finds no violations, colour contrast included', async (_n, f) => {
    const el = await mountIn(f, PHONE_WIDTH);
    const result = await axe.run(el);
    expect(
      result.violations.map((v) => [v.id, v.nodes.map((n) => `${n.html} ${n.failureSummary}`)]),
    ).toEqual([]);
    // The contrast rule must really have looked at text, not been skipped.
    const checked = [...result.passes, ...result.incomplete].filter(
      (r) => r.id === 'color-contrast',
    );
    expect(checked.flatMap((r) => r.nodes).length).toBeGreaterThan(0);
  });

  it.each(byName)(`%s: nothing overflows a ${PHONE_WIDTH} px container`, async (_n, f) => {
    const el = await mountIn(f, PHONE_WIDTH);
    expect(el.getBoundingClientRect().width).toBeLessThanOrEqual(PHONE_WIDTH);
    expect(horizontalOverflows(el)).toEqual([]);
    // Everything a person can unfold must fit too (plots re-measure on the next frames).
    if (openAllDetails(el) > 0) {
      await settle(el);
      await settle(el);
      expect(horizontalOverflows(el)).toEqual([]);
    }
  });

  it.each(byName.filter(([, f]) => f.focusable))(
    '%s: every control Tab reaches shows a visible focus ring',
    async (_n, f) => {
      const el = await mountIn(f, PHONE_WIDTH);
      // Where Tab must land after the element's last control. Without it, Tab past the end of
      // the document may wrap to its start, which is this element again.
      const after = document.createElement('button');
      after.textContent = 'after';
      el.after(after);
      const reached: string[] = [];
      let active: Element | null = await tabInto(el);
      // Walk the element's whole tab order; each stop must paint a ring that stands out
      // from what is behind it (3:1, WCAG 1.4.11 / 2.4.13).
      for (let stops = 0; active && isInside(el, active) && stops < MAX_TAB_STOPS; stops++) {
        const what = `${active.localName}#${active.id || active.getAttribute('part')}`;
        reached.push(what);
        expect(active.matches(':focus-visible'), `${what} matches :focus-visible`).toBe(true);
        const ring = focusIndicator(active);
        expect(ring, `${what} paints an outline or box-shadow`).toBeDefined();
        if (ring && ring.outline !== 'none') {
          // The ring is drawn outside the control (outline-offset), over what surrounds it.
          const ratio = contrast(parseColor(ring.outlineColor), backgroundAround(active));
          expect(ratio, `${what} ring ${ring.outlineColor} contrast`).toBeGreaterThanOrEqual(3);
        }
        await userEvent.keyboard('{Tab}');
        await settle(el);
        active = deepActiveElement();
      }
      expect(reached.length).toBeGreaterThan(0);
      expect(
        active,
        `Tab reaches the control after the element, after ${reached.length} stops`,
      ).toBe(after);
    },
  );

  // axe skips aria-hidden SVG and canvas, so chart ink is checked here: lines at least 3:1
  // (WCAG 1.4.11, graphical objects), axis labels at least 4.5:1 (text).
  it.each(byName.filter(([name]) => /^(lr-curve|loss-plot|loss-surface)/.test(name)))(
    '%s: lines and axis labels stand out from the background',
    async (_n, f) => {
      const el = await mountIn(f, 640);
      const root = el.shadowRoot!;
      const bg = effectiveBackground(root.querySelector('[part="plot"]')!);
      const labels = [...root.querySelectorAll('.axis text')];
      expect(labels.length).toBeGreaterThan(0);
      for (const text of labels) {
        const fill = parseColor(getComputedStyle(text).fill);
        expect(contrast(fill, bg), `axis label "${text.textContent}"`).toBeGreaterThanOrEqual(4.5);
      }
      // <loss-surface>'s trails are drawn over a halo of the surface colour: this background.
      const lines = [
        ...root.querySelectorAll('[part="lr-line"], [part="momentum-line"], .trail'),
      ].map((path) => getComputedStyle(path).stroke);
      const style = getComputedStyle(el);
      if (el.localName === 'loss-plot') {
        for (let i = 1; i <= 8; i++) lines.push(style.getPropertyValue(`--loss-plot-color-${i}`));
      }
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) {
        const ratio = contrast(parseColor(line), bg);
        expect(ratio, `line ${line} on ${toHex(bg)}`).toBeGreaterThanOrEqual(3);
      }
    },
  );
});

describe('light and dark really differ', () => {
  afterAll(resetColorScheme);

  it.each(byName)('%s: text and background follow the system theme', async (_n, f) => {
    await emulateColorScheme('light');
    const el = await mountIn(f, 640);
    const light = hostColors(el);
    // Switched while mounted, as when a person changes their system theme.
    await emulateColorScheme('dark');
    await settle(el);
    const dark = hostColors(el);

    expect(toHex(dark.fg)).not.toBe(toHex(light.fg));
    expect(luminance(light.fg)).toBeLessThan(0.2);
    expect(luminance(dark.fg)).toBeGreaterThan(0.5);
    for (const [name, c] of Object.entries({ light, dark })) {
      expect(contrast(c.fg, c.bg), `${name} text on its background`).toBeGreaterThanOrEqual(4.5);
    }
    expect(luminance(light.bg)).toBeGreaterThan(0.8);
    expect(luminance(dark.bg), `dark background ${toHex(dark.bg)}`).toBeLessThan(0.05);
    // No bright patch left inside: every control and panel took the dark scheme too.
    expect(lightSurfaces(el)).toEqual([]);
  });
});

describe('one page-wide rule themes every element', () => {
  // Solarized light: colours no element uses by default, so a match means the rule applied.
  const THEME = {
    '--optim-lab-surface': '#fdf6e3',
    '--optim-lab-ink': '#073642',
    '--optim-lab-focus': '#6c71c4',
  };

  beforeAll(() => emulateColorScheme('dark'));
  afterAll(resetColorScheme);

  it.each(byName)('%s takes --optim-lab-* from the page, in dark mode too', async (_n, f) => {
    const el = await mountIn(f, 640);
    const container = el.parentElement!;
    for (const [name, value] of Object.entries(THEME)) container.style.setProperty(name, value);
    await settle(el);
    const { fg, bg } = hostColors(el);
    expect(toHex(fg)).toBe(THEME['--optim-lab-ink']);
    expect(toHex(bg)).toBe(THEME['--optim-lab-surface']);
    if (f.focusable) {
      const active = await tabInto(el);
      expect(toHex(parseColor(getComputedStyle(active).outlineColor))).toBe(
        THEME['--optim-lab-focus'],
      );
    }
  });
});

describe('<loss-plot> canvas palette', () => {
  // The palettes are the input here. Runs 1-4 share their colours across themes, so only
  // the colours one palette has and the other lacks (runs 5-8) tell the themes apart.
  const LIGHT_ONLY = SERIES_LIGHT.filter((c) => !(SERIES_DARK as readonly string[]).includes(c));
  const DARK_ONLY = SERIES_DARK.filter((c) => !(SERIES_LIGHT as readonly string[]).includes(c));

  it('has colours that tell the themes apart', () => {
    expect(LIGHT_ONLY.length).toBeGreaterThanOrEqual(3);
    expect(DARK_ONLY.length).toBeGreaterThanOrEqual(3);
  });

  /** Opaque canvas pixels counted by the palette colour they are (within rounding). */
  function pixelsByColour(plot: LossPlot): Map<string, number> {
    const canvas = plot.shadowRoot!.querySelector('canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const wanted = [...LIGHT_ONLY, ...DARK_ONLY].map((hex) => [hex, parseColor(hex)] as const);
    const counts = new Map(wanted.map(([hex]) => [hex, 0]));
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      for (const [hex, [r, g, b]] of wanted) {
        if (
          Math.abs(data[i] - r) <= 2 &&
          Math.abs(data[i + 1] - g) <= 2 &&
          Math.abs(data[i + 2] - b) <= 2
        ) {
          counts.set(hex, counts.get(hex)! + 1);
        }
      }
    }
    return counts;
  }

  function expectPalette(
    plot: LossPlot,
    shown: readonly string[],
    absent: readonly string[],
  ): void {
    const counts = pixelsByColour(plot);
    for (const hex of shown) expect(counts.get(hex), `pixels of ${hex}`).toBeGreaterThan(0);
    for (const hex of absent) expect(counts.get(hex), `pixels of ${hex}`).toBe(0);
  }

  async function mountEightRuns(): Promise<LossPlot> {
    const plot = (await mountIn(
      { name: 'loss-plot', focusable: true, create: () => document.createElement('loss-plot') },
      640,
    )) as LossPlot;
    plot.smoothing = 0; // raw lines at full opacity, so pixels carry the exact colour
    fillRuns(plot, 8);
    await settle(plot);
    return plot;
  }

  afterAll(resetColorScheme);

  it('draws with the dark palette in dark mode and the light one in light mode', async () => {
    await emulateColorScheme('dark');
    expectPalette(await mountEightRuns(), DARK_ONLY, LIGHT_ONLY);
    unmountAll();
    await emulateColorScheme('light');
    expectPalette(await mountEightRuns(), LIGHT_ONLY, DARK_ONLY);
  });

  it('redraws in the dark palette when the system theme changes while shown', async () => {
    await emulateColorScheme('light');
    const plot = await mountEightRuns();
    expectPalette(plot, LIGHT_ONLY, DARK_ONLY);
    const drawsBefore = plot.drawCount;
    await emulateColorScheme('dark');
    // The media change event arrives with a coming frame, and the redraw a frame after.
    await vi.waitFor(() => expect(plot.drawCount).toBeGreaterThan(drawsBefore), {
      timeout: 3000,
    });
    expectPalette(plot, DARK_ONLY, LIGHT_ONLY);
  });
});
