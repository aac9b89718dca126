// Removed elements are collected and their workers terminated: <optim-lab autoplay
// backend="wasm">, <loss-surface autoplay> and <optim-procedure> are mounted and removed at
// the moments that once left them reachable (in the task that appended them, at their first
// optim-progress, during an LR range test still starting or already sent to the worker),
// each kept only through a WeakRef. Once the page lets go, forced garbage collection
// (Chromium runs with --js-flags=--expose-gc: scripts/chromium.mjs) must take every one, and
// every worker this page started must have been terminated (workers/connection.ts counts
// them). No timing: each removal waits for an event, and collection is retried, not timed.
import { describe, expect, it } from 'vitest';
import { MAX_EPOCHS } from '../../src/protocol/experiment';
import '../../components/optim-lab/index';
import type { OptimLab } from '../../components/optim-lab/index';
import '../../components/loss-surface/index';
import '../../components/optim-procedure/index';
import type { OptimProcedure } from '../../components/optim-procedure/index';
import { TrainerClient } from '../../workers/client';
import { connectionCounts } from '../../workers/connection';
import { collectAll } from './support/gc';

// A small experiment that trains far longer than any test waits: the element is removed
// while it still trains.
const LAB = {
  autoplay: '',
  backend: 'wasm',
  dataset: 'circle',
  layers: '8',
  'batch-size': '16',
  // The schema's longest: fused wasm trains 200 epochs of this in a fraction of a second.
  epochs: String(MAX_EPOCHS),
  config: '{"dataset":{"samples":200}}',
};
const { autoplay: _autoplay, ...LAB_NOT_PLAYING } = LAB;

type Refs = WeakRef<HTMLElement>[];

function create<T extends HTMLElement>(tag: string, attributes: Record<string, string>): T {
  const el = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/** Appends `el` and removes it in the same task. */
function removedAtOnce(refs: Refs, el: HTMLElement): void {
  document.body.append(el);
  el.remove();
  refs.push(new WeakRef(el));
}

/** Appends `el` and removes it from inside its first optim-progress listener. */
async function removedAtFirstProgress(
  refs: Refs,
  el: HTMLElement,
  begin: (el: HTMLElement) => void = () => {},
): Promise<void> {
  const removed = new Promise<void>((resolve) => {
    const onProgress = () => {
      el.remove();
      resolve();
    };
    el.addEventListener('optim-progress', onProgress, { once: true });
  });
  document.body.append(el);
  refs.push(new WeakRef(el));
  begin(el);
  await removed;
}

/** Clicks the lab's "Find LR" and removes the lab while the test is starting. */
async function removedWhileFindLrStarts(refs: Refs): Promise<void> {
  const lab = create<OptimLab>('optim-lab', { ...LAB_NOT_PLAYING, 'lr-finder': '' });
  document.body.append(lab);
  refs.push(new WeakRef(lab));
  await lab.updateComplete;
  const button = lab.shadowRoot!.querySelector<HTMLButtonElement>('[part~="find-lr-button"]')!;
  button.click();
  await lab.updateComplete;
  expect(button.getAttribute('aria-busy')).toBe('true');
  lab.remove();
}

/**
 * Clicks the lab's "Find LR" and removes the lab as soon as its client has sent findLr to the
 * worker: the call that never gets an answer. (The client's method is wrapped, not replaced:
 * the real call goes out first.)
 */
async function removedWithFindLrInFlight(refs: Refs): Promise<void> {
  const findLr = Object.getOwnPropertyDescriptor(TrainerClient.prototype, 'findLr')!;
  const lab = create<OptimLab>('optim-lab', { ...LAB_NOT_PLAYING, 'lr-finder': '' });
  let sent!: () => void;
  const inFlight = new Promise<void>((resolve) => (sent = resolve));
  Object.defineProperty(TrainerClient.prototype, 'findLr', {
    ...findLr,
    value(this: TrainerClient, ...args: Parameters<TrainerClient['findLr']>) {
      const result = (findLr.value as TrainerClient['findLr']).apply(this, args);
      lab.remove();
      sent();
      return result;
    },
  });
  try {
    document.body.append(lab);
    refs.push(new WeakRef(lab));
    await lab.updateComplete;
    lab.shadowRoot!.querySelector<HTMLButtonElement>('[part~="find-lr-button"]')!.click();
    await inFlight;
  } finally {
    Object.defineProperty(TrainerClient.prototype, 'findLr', findLr);
  }
}

/**
 * Mounts and removes `count` elements with `cycle`, then checks that every one is collected
 * and that the page terminated each worker it started meanwhile (`workers` of them). Checked
 * right after each kind of removal, so that what holds an element only for a while (a timer)
 * is still holding it when the check runs.
 */
async function expectCollected(
  count: number,
  workers: number,
  cycle: (refs: Refs) => void | Promise<void>,
): Promise<void> {
  const before = connectionCounts();
  const refs: Refs = [];
  for (let i = 0; i < count; i++) await cycle(refs);
  expect(refs).toHaveLength(count);
  expect(await collectAll(refs)).toEqual([]);
  expect(connectionCounts()).toEqual({ started: before.started + workers, open: 0 });
}

// 50 <optim-lab> mounts in all.
describe('<optim-lab autoplay backend="wasm"> removed is collected, its worker terminated', () => {
  it('15 removed in the task that appended them (autoplay never saw them: no worker)', () =>
    expectCollected(15, 0, (refs) => removedAtOnce(refs, create('optim-lab', LAB))));

  it('15 removed at their first optim-progress', () =>
    expectCollected(15, 15, (refs) => removedAtFirstProgress(refs, create('optim-lab', LAB))));

  it('10 removed while their LR range test is starting', () =>
    expectCollected(10, 10, removedWhileFindLrStarts));

  it('10 removed with findLr sent to the worker and unanswered', () =>
    expectCollected(10, 10, removedWithFindLrInFlight));
});

describe('other elements removed are collected, their workers terminated', () => {
  it('<loss-surface autoplay>: 8 removed at once, 8 at their first optim-progress', async () => {
    const surface = () => create('loss-surface', { autoplay: '', optimizers: 'Adam,SGD' });
    await expectCollected(8, 0, (refs) => removedAtOnce(refs, surface()));
    await expectCollected(8, 8, (refs) => removedAtFirstProgress(refs, surface()));
  });

  it("<optim-procedure>: 8 removed at once, 8 at their lab's first optim-progress", async () => {
    const procedure = () => create<OptimProcedure>('optim-procedure', LAB_NOT_PLAYING);
    const train = (el: HTMLElement) => {
      void (async () => {
        await (el as OptimProcedure).updateComplete;
        const lab = el.shadowRoot!.querySelector<OptimLab>('[part~="lab"]')!;
        await lab.updateComplete;
        await lab.start();
      })();
    };
    await expectCollected(8, 0, (refs) => removedAtOnce(refs, procedure()));
    await expectCollected(8, 8, (refs) => removedAtFirstProgress(refs, procedure(), train));
  });
});
