// <optim-procedure>'s Share control and `share` attribute in real Chromium: a walked
// procedure (a preset adopted, a recipe set by the page, the finder's optimizer and a
// schedule chosen) goes through Copy link and the page's real location.hash into a fresh
// procedure, which comes back at the same step with the same recipe, choices and adoptions,
// next to a lab with the same id that reads only its own entry; hashchange; Copy JSON,
// Download JSON and pasted JSON or links; and states it cannot use (damaged, newer, a lab's,
// an impossible step, an invalid recipe): a message naming why, the procedure as its
// attributes say, and a procedure that still walks and trains.
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { OptimProcedure } from '../../components/optim-procedure/index';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import {
  decodeLabState,
  encodeLabState,
  labStateFromJson,
  readShareFragment,
  writeShareFragment,
} from '../../src/share/index';
import { mount as mountLab, recordErrors } from './support/lab';
import { goTo, keepPageHash, tokenOf } from './support/page-hash';
import { SMALL, get, mountProcedure, stepLab, text, trainStep } from './support/procedure';

const LOADED_MACHINE_WAIT = { timeout: 30_000 };

keepPageHash();

const problems = (el: OptimProcedure) => text(get(el, 'problems'));
const radio = (el: OptimProcedure, id: string) =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;

/** Waits until the procedure has read the page's fragment and shows what it read. */
async function settled(el: OptimProcedure): Promise<void> {
  let last = '';
  await vi.waitFor(async () => {
    await el.updateComplete;
    const now = JSON.stringify([el.step, el.recipe]) + problems(el);
    const same = now === last;
    last = now;
    expect(same).toBe(true);
  });
}

async function shared(attributes: Record<string, string>): Promise<OptimProcedure> {
  const el = await mountProcedure({ ...SMALL, share: '', ...attributes });
  await settled(el);
  return el;
}

async function openShare(el: OptimProcedure): Promise<void> {
  await userEvent.click(get(el, 'share-button'));
  await el.updateComplete;
}

async function go(el: OptimProcedure, step: number): Promise<void> {
  while (el.step < step) el.next();
  while (el.step > step) el.back();
  await el.updateComplete;
}

/**
 * Walks a procedure to step 5: step 1 adopts the Transformer preset, step 2 takes a recipe
 * from the page (a 1cycle whose length is left to the training), step 3 chooses RAdam for
 * the range test, step 5 chooses OneCycleLR.
 */
async function walk(el: OptimProcedure): Promise<void> {
  radio(el, 'preset-transformer').click();
  await go(el, 1);
  const { runs: _runs, ...settings } = el.recipe;
  el.recipe = {
    ...settings,
    runs: [
      {
        optimizer: { type: 'Adam', lr: 0.02 },
        scheduler: { type: 'OneCycleLR', maxLr: 0.02 },
      },
    ],
  };
  await go(el, 2);
  radio(el, 'finder-RAdam').click();
  await go(el, 4);
  radio(el, 'schedule-OneCycleLR').click();
  await el.updateComplete;
}

describe('a shared link brings a procedure back to the same point of the path', () => {
  it('Copy link, follow it: the same step, recipe, choices and adoptions; a lab keeps its own', async () => {
    const source = await mountProcedure({ ...SMALL, id: 'course' });
    await walk(source);
    const want = source.recipe;
    // The page's recipe left totalSteps to the training: 2 epochs of 5 steps.
    expect(want.runs[0].scheduler).toEqual({ type: 'OneCycleLR', maxLr: 0.02, totalSteps: 10 });
    await openShare(source);
    await userEvent.click(get(source, 'copy-link'));
    await vi.waitFor(() =>
      expect(text(get(source, 'share-status'))).toBe('Link copied to the clipboard.'),
    );
    const link = new URL(get<HTMLTextAreaElement>(source, 'share-output').value);
    expect(link.pathname).toBe(location.pathname);
    expect(link.hash).toMatch(/^#optim-procedure:course=v1\./);
    source.remove();

    // The same page also shows a lab with the same id, with its own entry in the link.
    const labToken = await encodeLabState({
      config: { dataset: { type: 'xor' }, runs: [{ optimizer: { type: 'RMSprop', lr: 0.02 } }] },
    });
    const hash = writeShareFragment(link.hash, 'course', labToken);
    await goTo(hash);
    const historyLength = history.length;
    const el = await shared({ id: 'course' });
    const lab = await mountLab({ id: 'course', share: '', backend: 'cpu' });
    await vi.waitFor(() => expect(lab.experiment.dataset).toEqual({ type: 'xor' }));

    expect(problems(el)).toBe('');
    expect(el.step).toBe(4);
    expect(el.recipe).toEqual(want);
    expect(radio(el, 'schedule-OneCycleLR').checked).toBe(true);
    // Reading wrote nothing: not the fragment, not the history, not an attribute.
    expect(location.hash).toBe(hash);
    expect(history.length).toBe(historyLength);
    expect(el.hasAttribute('step')).toBe(false);

    await go(el, 2);
    expect(radio(el, 'finder-RAdam').checked).toBe(true);
    await go(el, 1);
    expect(text(get(el, 'adoption'))).toContain('a recipe set by the page');
    await go(el, 0);
    expect(radio(el, 'preset-transformer').checked).toBe(true);
    expect(text(get(el, 'adoption'))).toContain('the Transformer-style AdamW preset');
    // And the restored procedure trains: step 1's lab runs the adopted preset.
    await trainStep(el);
    expect(stepLab(el).experiment.runs[0].optimizer.type).toBe('AdamW');
  });

  it('follows hashchange: a new entry is applied, a removed one gives the defaults back', async () => {
    const el = await shared({ id: 'p' });
    const defaults = el.recipe;
    const source = await mountProcedure({ ...SMALL, id: 'p' });
    radio(source, 'preset-fastai').click();
    await go(source, 3);
    const token = readShareFragment(new URL(await source.shareLink()).hash, 'p', 'optim-procedure');
    await goTo(writeShareFragment('', 'p', token, 'optim-procedure'));
    await settled(el);
    expect(el.step).toBe(3);
    expect(el.recipe).toEqual(source.recipe);
    await goTo('#elsewhere');
    await settled(el);
    expect(el.step).toBe(0);
    expect(el.recipe).toEqual(defaults);
  });

  it('a procedure without the share attribute never reads the fragment', async () => {
    const source = await mountProcedure({ ...SMALL, step: '2' });
    await goTo(new URL(await source.shareLink()).hash);
    source.remove();
    const el = await mountProcedure();
    await settled(el);
    expect(el.step).toBe(0);
    // Given the attribute later, it reads it then.
    el.share = true;
    await settled(el);
    expect(el.step).toBe(2);
  });
});

describe('states that cannot be used give a message and the procedure as its attributes say', () => {
  const recipe: ExperimentConfigInput = { runs: [{ optimizer: { type: 'Adam', lr: 0.01 } }] };

  it.each([
    [
      'damaged',
      async () => 'v1.not-really-a-state',
      /the link's state is damaged|does not inflate/,
    ],
    ['from a newer version', async () => 'v7.AAAA', /made by a newer optim-lab \(format 7\)/],
    [
      "a lab's state",
      () => encodeLabState({ config: recipe }),
      /this is a lab's \(<optim-lab>\) state, not a procedure's \(<optim-procedure>\)/,
    ],
    [
      'a step the procedure does not have',
      () => tokenOf({ 'optim-procedure': 1, config: recipe, ui: { step: 12 } }),
      /ui\.step: must be a step from 0 to 7, got 12/,
    ],
    [
      'an adopted recipe that is not valid (named by its path)',
      () =>
        tokenOf({
          'optim-procedure': 1,
          config: recipe,
          ui: {
            adopted: [
              { step: 1, how: 'x', recipe: { runs: [{ optimizer: { type: 'SGD', lr: -1 } }] } },
            ],
          },
        }),
      /its config is not valid: ui\.adopted\[0\]\.recipe\.runs\[0\]\.optimizer\.lr: /,
    ],
  ])('%s', async (_name, make, why) => {
    await goTo(writeShareFragment('', 'p', await make(), 'optim-procedure'));
    const errors = recordErrors(document);
    const el = await shared({ id: 'p', preset: 'fastai' });
    expect(problems(el)).toMatch(why);
    expect(problems(el)).toContain(
      "share: the procedure state in the page's link could not be used",
    );
    expect(problems(el)).toContain('The procedure shows its own settings instead.');
    expect(errors.some((e) => e.attribute === 'share')).toBe(true);
    const defaults = await mountProcedure({ ...SMALL, preset: 'fastai' });
    expect(el.step).toBe(0);
    expect(el.recipe).toEqual(defaults.recipe);
    // Still a working procedure: it walks, and a step's lab trains.
    el.next();
    await el.updateComplete;
    expect(text(get(el, 'step-heading'))).toBe('Iterate with a small grid search');
    const lab = stepLab(el);
    await lab.updateComplete;
    await lab.step(1);
    await vi.waitFor(() => expect(lab.runStats[0].step).toBe(1), LOADED_MACHINE_WAIT);
  });
});

describe('the Share panel: JSON and pasted states', () => {
  it('Copy JSON and Download JSON give the state; pasting it into another procedure restores it', async () => {
    const source = await mountProcedure({ ...SMALL, id: 'src' });
    radio(source, 'preset-fastai').click();
    await go(source, 1);
    await openShare(source);
    await userEvent.click(get(source, 'copy-json'));
    await vi.waitFor(() => expect(get(source, 'share-output')).toBeTruthy());
    const json = get<HTMLTextAreaElement>(source, 'share-output').value;
    const parsed = JSON.parse(json);
    expect(parsed['optim-procedure']).toBe(1);
    expect(parsed.ui.step).toBe(1);
    expect(parsed.ui.choices.preset).toBe('fastai');
    expect(parsed.ui.adopted.map((a: { step: number }) => a.step)).toEqual([0]);
    const download = get<HTMLAnchorElement>(source, 'download-json');
    expect(download.download).toBe('src.json');
    download.click();
    expect(await (await fetch(download.href)).text()).toBe(json);

    const target = await mountProcedure();
    const before = target.recipe;
    await openShare(target);
    const input = get<HTMLTextAreaElement>(target, 'restore-input');
    // Something it cannot use is refused under the entry, and nothing changes.
    await userEvent.fill(input, JSON.stringify({ ...parsed, ui: { ...parsed.ui, step: -1 } }));
    await userEvent.click(get(target, 'restore'));
    await vi.waitFor(() => expect(text(get(target, 'restore-error'))).not.toBe(''));
    expect(text(get(target, 'restore-error'))).toBe(
      'This cannot be restored: ui.step: must be a step from 0 to 7, got -1.',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(target.step).toBe(0);
    expect(target.recipe).toEqual(before);

    await userEvent.fill(input, json);
    await userEvent.click(get(target, 'restore'));
    await vi.waitFor(() =>
      expect(text(get(target, 'share-status'))).toBe(
        'Restored the procedure from what you pasted.',
      ),
    );
    expect(get(target, 'share-status').getAttribute('role')).toBe('status');
    expect(text(get(target, 'restore-error'))).toBe('');
    expect(target.step).toBe(1);
    expect(target.recipe).toEqual(source.recipe);
    expect(labStateFromJson(json, 'optim-procedure').config).toEqual(
      (
        await decodeLabState(
          readShareFragment(new URL(await target.shareLink()).hash, undefined, 'optim-procedure')!,
          'optim-procedure',
        )
      ).config,
    );
  });

  it('a pasted link restores too', async () => {
    const source = await mountProcedure({ ...SMALL, id: 'a' });
    radio(source, 'preset-transformer').click();
    await go(source, 5);
    const link = await source.shareLink();
    const target = await mountProcedure({ ...SMALL, id: 'b' });
    await openShare(target);
    await userEvent.fill(get(target, 'restore-input'), link);
    await userEvent.click(get(target, 'restore'));
    await vi.waitFor(() => expect(target.step).toBe(5));
    expect(target.recipe).toEqual(source.recipe);
  });
});
