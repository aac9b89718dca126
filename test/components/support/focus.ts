import { userEvent } from 'vitest/browser';

/** The element that really has focus, looking through open shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether `node` is `host` or lies inside it, through any depth of shadow roots. */
export function isInside(host: Element, node: Node | null): boolean {
  for (let n: Node | null = node; n;) {
    if (n === host) return true;
    const root = n.getRootNode();
    n = n.parentNode ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return false;
}

/**
 * Moves focus into `host` the way a keyboard user does: focus a button placed just before
 * it, then press Tab (a real key press through Playwright, so :focus-visible applies).
 */
export async function tabInto(host: HTMLElement): Promise<Element> {
  const before = document.createElement('button');
  before.textContent = 'before';
  host.before(before);
  try {
    before.focus();
    await userEvent.keyboard('{Tab}');
    const active = deepActiveElement();
    if (!active || active === host || !isInside(host, active)) {
      throw new Error(`Tab did not move focus into <${host.localName}>`);
    }
    return active;
  } finally {
    before.remove();
  }
}

export interface FocusIndicator {
  outline: string;
  outlineColor: string;
  boxShadow: string;
}

/**
 * The focus indicator an element paints: an outline of some width and style, or a box
 * shadow. Undefined when it paints neither.
 */
export function focusIndicator(el: Element): FocusIndicator | undefined {
  const style = getComputedStyle(el);
  const outlineWidth = parseFloat(style.outlineWidth);
  const hasOutline = style.outlineStyle !== 'none' && outlineWidth > 0;
  const hasShadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  if (!hasOutline && !hasShadow) return undefined;
  return {
    outline: hasOutline ? `${style.outlineWidth} ${style.outlineStyle}` : 'none',
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
  };
}
