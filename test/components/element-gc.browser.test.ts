// Removed elements are collected: <optim-lab autoplay>, <loss-surface autoplay> and
// <optim-procedure> are mounted and removed at the moments that once left them reachable
// (right after append, at the first optim-progress, during a pending LR range test), each
// kept only through a WeakRef; after the page lets go, forced garbage collection (Chromium
// runs with --js-flags=--expose-gc, scripts/chromium.mjs) must take every one of them.
import { describe, expect, it } from 'vitest';
import '../../components/optim-lab/index';
import '../../components/loss-surface/index';
import '../../components/optim-procedure/index';
import { collectAll } from './support/gc';

const LAB = {
  autoplay: '',
  backend: 'wasm',
  dataset: 'circle',
  layers: '8',
  'batch-size': '16',
  epochs: '50',
  config: '{"dataset":{"samples":200}}',
};

function create(tag: string, attributes: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/** Mounts a lab and removes it in the same task: its worker may not even exist yet. */
function removedAtOnce(refs: WeakRef<HTMLElement>[]): void {
  const lab = create('optim-lab', LAB);
  document.body.append(lab);
  lab.remove();
  refs.push(new WeakRef(lab));
}

/** Mounts a lab and removes it from inside its first optim-progress listener. */
async function removedAtFirstProgress(refs: WeakRef<HTMLElement>[]): Promise<void> {
  const lab = create('optim-lab', LAB);
  const removed = new Promise<void>((resolve) => {
    lab.addEventListener(
      'optim-progress',
      () => {
        lab.remove();
        resolve();
      },
      { once: true },
    );
  });
  document.body.append(lab);
  refs.push(new WeakRef(lab));
  await removed;
}

/** Mounts a lab without autoplay, starts its LR range test and removes it while it runs. */
async function removedDuringFindLr(refs: WeakRef<HTMLElement>[]): Promise<void> {
  const { autoplay: _autoplay, ...attributes } = LAB;
  const lab = create('optim-lab', { ...attributes, 'lr-finder': '' });
  document.body.append(lab);
  refs.push(new WeakRef(lab));
  await (lab as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  const button = lab.shadowRoot!.querySelector<HTMLButtonElement>('[part~="find-lr-button"]')!;
  button.click();
  await (lab as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  expect(button.getAttribute('aria-busy')).toBe('true');
  lab.remove();
}

describe('removed elements are garbage collected', () => {
  it('<optim-lab autoplay backend="wasm">: 50 mounts removed at once, at the first progress, during findLr', async () => {
    const refs: WeakRef<HTMLElement>[] = [];
    for (let i = 0; i < 20; i++) removedAtOnce(refs);
    for (let i = 0; i < 20; i++) await removedAtFirstProgress(refs);
    for (let i = 0; i < 10; i++) await removedDuringFindLr(refs);
    expect(refs).toHaveLength(50);
    expect(await collectAll(refs)).toEqual([]);
  });
});
