/**
 * Finds what sticks out sideways in a narrow container: the host or a part whose content
 * is wider than its box (scrollWidth > clientWidth), or a part whose box reaches past the
 * host's edges. A part that is a deliberate scroller (overflow-x auto/scroll, e.g. typeset
 * maths) may scroll its content but must itself fit. Elements nested inside (an editor's
 * <lr-curve> preview, the lab's editors) are checked the same way against their own box.
 * Parts that are not rendered (inside a closed <details>) are skipped: open them first.
 */
export function horizontalOverflows(host: HTMLElement): string[] {
  const problems: string[] = [];
  // One pixel of slack: sub-pixel layout rounds scrollWidth and rects differently.
  const slack = 1;
  const where = (name: string) => `<${host.localName}> ${name}`;
  if (host.scrollWidth > host.clientWidth + slack) {
    problems.push(where(`scrollWidth ${host.scrollWidth} > clientWidth ${host.clientWidth}`));
  }
  const box = host.getBoundingClientRect();
  const root = host.shadowRoot;
  if (!root) return problems;
  for (const part of root.querySelectorAll('[part]')) {
    if (!(part instanceof HTMLElement) && !(part instanceof SVGSVGElement)) continue;
    if (!part.checkVisibility() || part.closest('.visually-hidden')) continue;
    const name = `[part="${part.getAttribute('part')}"]`;
    const style = getComputedStyle(part);
    const scroller = style.overflowX === 'auto' || style.overflowX === 'scroll';
    if (part instanceof HTMLElement && !scroller && part.scrollWidth > part.clientWidth + slack) {
      problems.push(where(`${name} scrollWidth ${part.scrollWidth} > ${part.clientWidth}`));
    }
    const rect = part.getBoundingClientRect();
    if (rect.width > 0 && (rect.left < box.left - slack || rect.right > box.right + slack)) {
      problems.push(
        where(
          `${name} spans ${rect.left.toFixed(1)}..${rect.right.toFixed(1)} outside ` +
            `${box.left.toFixed(1)}..${box.right.toFixed(1)}`,
        ),
      );
    }
  }
  for (const nested of root.querySelectorAll<HTMLElement>('*')) {
    if (nested.shadowRoot && nested.checkVisibility()) {
      problems.push(...horizontalOverflows(nested));
    }
  }
  return problems;
}

/** Opens every <details> under `host`, nested shadow roots included; returns how many. */
export function openAllDetails(host: Element): number {
  let opened = 0;
  const visit = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      if (el instanceof HTMLDetailsElement && !el.open) {
        el.open = true;
        opened++;
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return opened;
}
