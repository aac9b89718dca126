/**
 * Inline CSS properties set through CSSOM (`element.style.setProperty`), never through a
 * `style` attribute: a page whose Content-Security-Policy has `style-src 'self'` without
 * `'unsafe-inline'` blocks every style attribute, whether it comes from markup or from
 * `setAttribute('style', …)`, and reports a violation for each; CSSOM is allowed. Lit's own
 * `styleMap` writes the attribute on first render, so it is no substitute here.
 *
 * Used in element position: `<div ${cssProperties({ '--swatch': color, width: '3px' })}>`.
 * Names are written as in CSS (custom properties, `left`, `background-color`). A name left
 * out or given `undefined` on a later render is removed.
 */
import { noChange, nothing } from 'lit';
import { Directive, PartType, directive } from 'lit/directive.js';
import type { ElementPart, PartInfo } from 'lit/directive.js';

/** CSS property name (as written in a style sheet) to value; undefined removes it. */
export type CssProperties = Readonly<Record<string, string | undefined>>;

class CssPropertiesDirective extends Directive {
  private readonly set = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('cssProperties() belongs on an element: <div ${cssProperties({...})}>');
    }
  }

  render(_properties: CssProperties): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [CssProperties]): typeof noChange {
    const { style } = part.element as HTMLElement | SVGElement;
    for (const name of this.set) {
      if (properties[name] === undefined) {
        style.removeProperty(name);
        this.set.delete(name);
      }
    }
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.set.add(name);
    }
    return noChange;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
