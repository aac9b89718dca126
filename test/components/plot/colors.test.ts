import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_DARK,
  BACKGROUND_LIGHT,
  SERIES_DARK,
  SERIES_LIGHT,
  contrastRatio,
} from '../../../components/plot/colors';
import { MAX_RUNS } from '../../../src/protocol/experiment';

describe('series palettes', () => {
  it('computes WCAG contrast correctly (black on white is 21:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 6);
  });

  it('keeps every line at least 3:1 against its background (WCAG 1.4.11)', () => {
    for (const c of SERIES_LIGHT)
      expect(contrastRatio(c, BACKGROUND_LIGHT)).toBeGreaterThanOrEqual(3);
    for (const c of SERIES_DARK)
      expect(contrastRatio(c, BACKGROUND_DARK)).toBeGreaterThanOrEqual(3);
  });

  it('has a distinct colour per run, up to the run cap, in each theme', () => {
    expect(new Set(SERIES_LIGHT).size).toBe(MAX_RUNS);
    expect(new Set(SERIES_DARK).size).toBe(MAX_RUNS);
  });
});
