/**
 * Colour arithmetic for assertions on computed styles, written from the WCAG 2.x
 * definitions (relative luminance, contrast ratio) rather than borrowed from the code
 * under test.
 */
export type Rgba = readonly [number, number, number, number];

/** Parses the `rgb()` / `rgba()` strings getComputedStyle returns, and `#rrggbb`. */
export function parseColor(text: string): Rgba {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)$/.exec(
    text.trim(),
  );
  if (!m) throw new Error(`not a colour I can read: "${text}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

/** WCAG relative luminance of an sRGB colour (alpha ignored). */
export function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio, 1 (same) to 21 (black on white). */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/** `#rrggbb` of an opaque pixel or colour, for readable failure messages. */
export function toHex([r, g, b]: Rgba): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour actually painted behind `el`: the first opaque background on the way up the
 * flat tree (through shadow hosts), falling back to the canvas white of an unstyled page.
 */
export function effectiveBackground(el: Element): Rgba {
  for (let node: Element | null = el; node; node = parentInFlatTree(node)) {
    const bg = parseColor(getComputedStyle(node).backgroundColor);
    if (bg[3] === 1) return bg;
  }
  return [255, 255, 255, 1];
}

/** The colour painted around `el`, where an outline with a positive offset lands. */
export function backgroundAround(el: Element): Rgba {
  const parent = parentInFlatTree(el);
  return parent ? effectiveBackground(parent) : [255, 255, 255, 1];
}

function parentInFlatTree(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * Elements under `host` (nested shadow roots included) that paint an opaque light
 * background: in a dark theme each one is a bright patch, often a native control left in
 * the light colour scheme.
 */
export function lightSurfaces(host: Element, minLuminance = 0.5): string[] {
  const found: string[] = [];
  const visit = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      const bg = parseColor(style.backgroundColor);
      if (style.display !== 'none' && bg[3] === 1 && luminance(bg) > minLuminance) {
        found.push(`${el.localName}${el.id ? `#${el.id}` : ''} background ${toHex(bg)}`);
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return found;
}
