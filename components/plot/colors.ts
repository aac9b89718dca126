/**
 * Series colours: the Okabe-Ito palette (distinguishable under the common colour-vision
 * deficiencies), in the same hue order on light and dark backgrounds. On light backgrounds
 * orange, sky blue and yellow are darkened so every line keeps at least 3:1 contrast
 * (WCAG 1.4.11, graphical objects); black becomes grey on dark backgrounds.
 * Hue order: blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow, grey.
 */
export const SERIES_LIGHT = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#a86f00',
  '#3b8ec4',
  '#8a7d00',
  '#666666',
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
] as const;

/** The default backgrounds the palettes are checked against. */
export const BACKGROUND_LIGHT = '#ffffff';
export const BACKGROUND_DARK = '#1c1c21';

/** CSS declarations `--<prefix>-color-N: <colour>` for a palette (used in :host styles). */
export function seriesCustomProperties(prefix: string, palette: readonly string[]): string {
  return palette.map((c, i) => `--${prefix}-color-${i + 1}: ${c};`).join('\n');
}

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}
