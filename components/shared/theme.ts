/**
 * The one theme of every optim-lab element: each token's light and dark value, here and
 * nowhere else. A page themes every element with one family of custom properties,
 * `--optim-lab-<token>` (on any ancestor, or per element); what it leaves unset falls back
 * to the values below, light or dark after `prefers-color-scheme`.
 *
 * In an element's styles, read the resolved token as `var(--_<token>)` (`--_ink`,
 * `--_series-3`): `themeStyles` resolves each one once on :host.
 */
import { css, unsafeCSS } from 'lit';
import { MAX_RUNS } from '../../src/protocol/experiment';

/** [light, dark] per colour token. Contrast: ink, muted, error >= 4.5:1 and focus, border >= 3:1 on surface and panel. */
export const COLOR_TOKENS = {
  /** Text. */
  ink: ['#1f2328', '#e6edf3'],
  /** Secondary text, axes. */
  muted: ['#57606a', '#9da7b3'],
  /** Each element's own background (light text never lands on a page's white). */
  surface: ['#ffffff', '#1c1c21'],
  /** Raised sections: the lab's setup, run cards and panels. */
  panel: ['#f6f8fa', '#24262d'],
  /** Background of text entries and selects. */
  field: ['#ffffff', '#161b22'],
  /** Control borders. */
  border: ['#8c959f', '#6e7681'],
  /** Panel borders and plot grid lines. */
  grid: ['#d0d7de', '#3a3f47'],
  /** Primary buttons, sliders, toggles. */
  accent: ['#0969da', '#58a6ff'],
  /** Text on the accent colour. */
  'on-accent': ['#ffffff', '#0d1117'],
  /** The focus ring. */
  focus: ['#0969da', '#79c0ff'],
  /** Messages about problems. */
  error: ['#b3261e', '#ff8a80'],
  /** Background of those messages. */
  'error-surface': ['#fff1f0', '#3a1d1d'],
} as const satisfies Record<string, readonly [string, string]>;

/** Tokens that are the same in both schemes. */
export const SIZE_TOKENS = {
  radius: '6px',
  gap: '1rem',
  font: "system-ui, -apple-system, 'Segoe UI', sans-serif",
} as const;

/**
 * One colour per run, up to MAX_RUNS (`--optim-lab-series-1` ... `-16`). 1-8 are the
 * Okabe-Ito hues (told apart under the common colour-vision deficiencies), on light
 * backgrounds with orange, sky blue and yellow darkened and black as grey; 9-16 are mid
 * tones that keep 3:1 against both surfaces (WCAG 1.4.11), so they need no dark variant.
 */
const SERIES_SHARED = [
  '#5c6bc0',
  '#d81b60',
  '#00838f',
  '#a0522d',
  '#7e57c2',
  '#6d8f3a',
  '#ec407a',
  '#8d6e63',
];
export const SERIES_LIGHT = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#a86f00',
  '#3b8ec4',
  '#8a7d00',
  '#666666',
  ...SERIES_SHARED,
] as const;
export const SERIES_DARK = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#f0e442',
  '#bbbbbb',
  ...SERIES_SHARED,
] as const;

if (SERIES_LIGHT.length < MAX_RUNS || SERIES_DARK.length < MAX_RUNS) {
  throw new Error(`theme: ${MAX_RUNS} runs need as many series colours`);
}

export type ColorToken = keyof typeof COLOR_TOKENS;
export type ThemeToken = ColorToken | keyof typeof SIZE_TOKENS | `series-${number}`;

/** The public custom property of a token: `--optim-lab-ink`. */
export const tokenProperty = (token: ThemeToken) => `--optim-lab-${token}`;

function declarations(scheme: 0 | 1): string {
  const colors = Object.entries(COLOR_TOKENS).map(
    ([token, values]) => `--_${token}: var(--optim-lab-${token}, ${values[scheme]});`,
  );
  const series = (scheme === 0 ? SERIES_LIGHT : SERIES_DARK).map(
    (color, i) => `--_series-${i + 1}: var(--optim-lab-series-${i + 1}, ${color});`,
  );
  return [...colors, ...series].join('\n');
}

const sizes = Object.entries(SIZE_TOKENS)
  .map(([token, value]) => `--_${token}: var(--optim-lab-${token}, ${value});`)
  .join('\n');

/**
 * Every element's first stylesheet: the resolved tokens, and the host painting its own
 * surface and ink in its colour scheme (native controls follow it too).
 */
export const themeStyles = css`
  :host {
    ${unsafeCSS(declarations(0))}
    ${unsafeCSS(sizes)}
    color-scheme: light dark;
    color: var(--_ink);
    background: var(--_surface);
    font-family: var(--_font);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${unsafeCSS(declarations(1))}
    }
  }
`;
