/**
 * The learning-rate slider's scale: position p in [0, 1] maps to lr = 10^(-5 + 6p), so the
 * slider spans 1e-5 .. 10 with every decade the same width. Learning rates are judged by
 * their order of magnitude, which a linear slider would squash into its first pixel.
 */

export const LR_MIN_EXPONENT = -5;
export const LR_MAX_EXPONENT = 1;
const DECADES = LR_MAX_EXPONENT - LR_MIN_EXPONENT;

/** Slider ticks: 100 per decade, so one arrow-key press moves lr by a factor of 10^0.01. */
export const LR_SLIDER_TICKS = DECADES * 100;

export function positionToLr(position: number): number {
  const clamped = Math.min(1, Math.max(0, position));
  return 10 ** (LR_MIN_EXPONENT + DECADES * clamped);
}

/** Inverse of positionToLr; values outside 1e-5..10 (and 0) pin to the ends. */
export function lrToPosition(lr: number): number {
  if (!(lr > 0)) return 0;
  const position = (Math.log10(lr) - LR_MIN_EXPONENT) / DECADES;
  return Math.min(1, Math.max(0, position));
}

/**
 * Slider ticks snap the lr to two or three significant digits: a dragged lr reads as 0.00316,
 * not 0.0031622776601683794. Exact values still come from the number entry.
 */
export function tickToLr(tick: number): number {
  return Number(positionToLr(tick / LR_SLIDER_TICKS).toPrecision(3));
}

export function lrToTick(lr: number): number {
  return Math.round(lrToPosition(lr) * LR_SLIDER_TICKS);
}
