/**
 * Mounting a <loss-surface> in real Chromium and reading what it shows: its parts, the
 * numbers panel's table, and the plot's axes (from the rendered tick marks, so a test can
 * map pixels to (x, y) the way a reader of the picture would).
 */
import '../../components/loss-surface/index';
import type { LossSurface } from '../../components/loss-surface/index';

export const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

const mounted: HTMLElement[] = [];

/** Renders at its measured size, with every trajectory computed and the contours drawn. */
export async function settle(el: LossSurface): Promise<void> {
  await el.updateComplete;
  await nextFrame();
  await el.computeComplete;
  await el.updateComplete;
  await nextFrame();
  await new Promise((resolve) => setTimeout(resolve, 0)); // the contours' task
  await el.updateComplete;
}

export async function mount(attributes: Record<string, string>, width = 640): Promise<LossSurface> {
  const container = document.createElement('div');
  container.className = 'loss-surface-test';
  container.style.width = `${width}px`;
  const el = document.createElement('loss-surface');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  container.append(el);
  document.body.append(container);
  mounted.push(container);
  await settle(el);
  return el;
}

export function unmountAll(): void {
  for (const container of mounted.splice(0)) container.remove();
}

export const part = <T extends Element = HTMLElement>(el: LossSurface, name: string): T => {
  const found = el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`<loss-surface> has no part ${name}`);
  return found;
};

/** The numbers panel's rows: key -> the numbers shown (one or two). */
export function tableValues(el: LossSurface): Map<string, number[]> {
  const rows = el.shadowRoot!.querySelectorAll<HTMLTableRowElement>(
    '[part="numbers-table"] tr[data-key]',
  );
  return new Map(
    [...rows].map((row) => [
      row.dataset.key ?? '',
      [...row.querySelectorAll('td')].map((cell) => Number(cell.textContent)),
    ]),
  );
}

/** One axis's pixel -> value map, read from two of its rendered ticks. */
function axisMap(el: LossSurface, axis: 'x' | 'y'): (pixel: number) => number {
  const ticks = [...el.shadowRoot!.querySelectorAll<SVGGElement>(`.axis-${axis} .tick`)];
  if (ticks.length < 2) throw new Error(`the ${axis} axis has fewer than two ticks`);
  const read = (tick: SVGGElement) => {
    const [, tx, ty] =
      /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(tick.getAttribute('transform') ?? '') ?? [];
    return {
      pixel: Number(axis === 'x' ? tx : ty),
      value: Number(tick.textContent?.replace('−', '-')),
    };
  };
  const a = read(ticks[0]);
  const b = read(ticks[ticks.length - 1]);
  return (pixel) => a.value + ((pixel - a.pixel) * (b.value - a.value)) / (b.pixel - a.pixel);
}

/** The (x, y) under a point of the overlay (client pixels), as the axes say. */
export function dataAt(el: LossSurface, clientX: number, clientY: number): [number, number] {
  const overlay = part(el, 'overlay').getBoundingClientRect();
  return [axisMap(el, 'x')(clientX - overlay.left), axisMap(el, 'y')(clientY - overlay.top)];
}

export function events<T>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}
