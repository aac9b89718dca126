/**
 * TeX to MathML with KaTeX, for every element that typesets: MathML needs no KaTeX fonts or
 * CSS inside a shadow root. Every source is ours (the update rules, numbers we format), so
 * a TeX error shows as text rather than throwing.
 */
import { css } from 'lit';
import katex from 'katex';
import { KNOW_HOW } from '../optimizer-picker/know-how';
import type { OptimizerType } from '../../src/optim/types';

export function mathml(tex: string): string {
  return katex.renderToString(tex, { output: 'mathml', displayMode: true, throwOnError: false });
}

const ruleCache = new Map<OptimizerType, string>();

/** An optimizer's update rule in symbols (components/optimizer-picker/know-how.ts), typeset once. */
export function updateRuleMarkup(type: OptimizerType): string {
  let markup = ruleCache.get(type);
  if (markup === undefined) {
    markup = mathml(KNOW_HOW[type].tex);
    ruleCache.set(type, markup);
  }
  return markup;
}

/**
 * KaTeX writes `aligned` as an mtable with columnalign="right left", an attribute MathML
 * Core (Chromium) ignores: CSS aligns the columns instead (the relation lines up).
 */
export const mathStyles = css`
  mtable mtd:nth-child(odd) {
    text-align: right;
  }
  mtable mtd:nth-child(even) {
    text-align: left;
  }
`;
