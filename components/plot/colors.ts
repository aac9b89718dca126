/**
 * Contrast arithmetic for the series palettes (the palettes themselves are theme tokens:
 * components/shared/theme.ts, re-exported here for the plots and their tests).
 */
import { COLOR_TOKENS, SERIES_DARK, SERIES_LIGHT } from '../shared/theme';

export { SERIES_DARK, SERIES_LIGHT };

/** The default backgrounds the palettes are checked against. */
export const BACKGROUND_LIGHT = COLOR_TOKENS.surface[0];
export const BACKGROUND_DARK = COLOR_TOKENS.surface[1];

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
