// <optim-lab>'s Share control and `share` attribute in real Chromium: the round trip through
// the page's real location.hash with two labs on one page (each reads only its own entry,
// and reading writes nothing), hashchange, pasted links and JSON, the JSON download, and
// states that cannot be used (damaged, from a newer version, an invalid config): a message in
// the lab's problems list naming the field, the lab's own settings, and a lab that trains.
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { OptimLab } from '../../components/optim-lab/index';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import {
  encodeLabState,
  labStateFromJson,
  labStateToJson,
  readShareFragment,
  writeShareFragment,
} from '../../src/share/index';
import { mount, part, problemsText, recordErrors } from './support/lab';
import { goTo, keepPageHash, tokenOf } from './support/page-hash';

const LOADED_MACHINE_WAIT = { timeout: 30_000 };

// Leave the runner's page as it was (no history entry either way).
keepPageHash();

async function shared(attributes: Record<string, string>): Promise<OptimLab> {
  const lab = await mount({ share: '', backend: 'cpu', ...attributes });
  await settled(lab);
  return lab;
}

/** Waits until the lab has read the page's fragment and rendered what it read. */
async function settled(lab: OptimLab): Promise<void> {
  // The panel's reading promise is not public: wait for the lab to stop changing instead.
  let last = '';
  await vi.waitFor(async () => {
    await lab.updateComplete;
    const now = JSON.stringify(lab.experiment) + problemsText(lab);
    const same = now === last;
    last = now;
    expect(same).toBe(true);
  });
}

/** The experiment a lab with these attributes shows: what a reader gets without a link. */
async function defaultsOf(attributes: Record<string, string>): Promise<ExperimentConfigInput> {
  const lab = await mount({ backend: 'cpu', ...attributes });
  const experiment = lab.experiment;
  lab.remove();
  return experiment;
}

async function openShare(lab: OptimLab): Promise<void> {
  await userEvent.click(part(lab, 'share-button'));
  await lab.updateComplete;
}

const A = { id: 'a', dataset: 'spiral', optimizer: 'SGD Adam', lr: '0.05', epochs: '3' };
const B = { id: 'b', dataset: 'moons', layers: '4' };

describe('a shared link restores each lab on the page from its own fragment entry', () => {
  it('two labs: Copy link from each, follow the links, each gets its own state back', async () => {
    const labA = await mount({ backend: 'cpu', ...A });
    const labB = await mount({ backend: 'cpu', ...B });
    // The reader changes both labs: A's seed from the form, B gets a second run.
    const seed = part<HTMLInputElement>(labA, 'seed-input');
    await userEvent.fill(seed, '9');
    seed.dispatchEvent(new Event('change', { bubbles: true }));
    await userEvent.click(part(labB, 'add-run'));
    const wantA = labA.experiment;
    const wantB = labB.experiment;
    expect(wantA.seed).toBe(9);
    expect(wantB.runs).toHaveLength(2);

    // Copy link, through the real buttons; the link shows in the panel.
    const links: string[] = [];
    for (const lab of [labA, labB]) {
      await openShare(lab);
      await userEvent.click(part(lab, 'copy-link'));
      await vi.waitFor(() =>
        expect(part(lab, 'share-status').textContent!.trim()).toBe('Link copied to the clipboard.'),
      );
      // (Reading the clipboard back needs a permission the test page lacks; the panel shows
      // what it wrote, for readers whose clipboard refuses too.)
      links.push(part<HTMLTextAreaElement>(lab, 'share-output').value);
    }
    const [linkA, linkB] = links.map((link) => new URL(link));
    expect(linkA.pathname).toBe(location.pathname);
    expect(readShareFragment(linkA.hash, 'a')).toMatch(/^v1\./);
    expect(readShareFragment(linkA.hash, 'b')).toBeUndefined();
    labA.remove();
    labB.remove();

    // One link holding both entries and something else of the page's.
    const both = writeShareFragment(
      writeShareFragment('#section-2', 'a', readShareFragment(linkA.hash, 'a')),
      'b',
      readShareFragment(linkB.hash, 'b'),
    );
    await goTo(both);
    const historyLength = history.length;
    const fresh = [await shared({ id: 'a' }), await shared({ id: 'b' })];
    expect(fresh[0].experiment).toEqual(wantA);
    expect(fresh[1].experiment).toEqual(wantB);
    expect(problemsText(fresh[0])).toBe('');
    // Reading wrote nothing: not the fragment, not the history, not an attribute.
    expect(location.hash).toBe(both);
    expect(history.length).toBe(historyLength);
    expect(fresh[0].getAttribute('dataset')).toBeNull();
    // And the restored lab trains.
    await fresh[0].step(2);
    await vi.waitFor(() => expect(fresh[0].runStats[0].step).toBe(2), LOADED_MACHINE_WAIT);
  });

  it('follows hashchange: a new entry is applied, a removed one gives the defaults back', async () => {
    const lab = await shared({ id: 'a' });
    const defaults = lab.experiment;
    const config: ExperimentConfigInput = {
      dataset: { type: 'xor' },
      runs: [{ id: 'r', optimizer: { type: 'RMSprop', lr: 0.02 } }],
    };
    const token = await encodeLabState({ config, ui: { editing: true } });
    await goTo(writeShareFragment('', 'a', token));
    await settled(lab);
    expect(lab.experiment.dataset).toEqual({ type: 'xor' });
    expect(lab.experiment.runs.map((run) => run.optimizer)).toEqual([
      { type: 'RMSprop', lr: 0.02 },
    ]);
    // The UI state came along: the data editor is open.
    expect(part(lab, 'edit-data').getAttribute('aria-pressed')).toBe('true');
    // An entry for another lab only: this one is left alone.
    await goTo(`${location.hash}&optim-lab:z=v1.AAAA`);
    await settled(lab);
    expect(lab.experiment.dataset).toEqual({ type: 'xor' });
    await goTo('#elsewhere');
    await settled(lab);
    expect(lab.experiment).toEqual(defaults);
  });

  it('a lab without the share attribute never reads the fragment', async () => {
    const token = await encodeLabState({ config: { runs: [{ optimizer: { type: 'SGD' } }] } });
    await goTo(writeShareFragment('', undefined, token));
    const lab = await mount({ backend: 'cpu' });
    await settled(lab);
    expect(lab.experiment.runs[0].optimizer.type).toBe('Adam');
    // Given the attribute later, it reads it then.
    lab.share = true;
    await settled(lab);
    expect(lab.experiment.runs[0].optimizer.type).toBe('SGD');
  });
});

describe('states that cannot be used give a message and the lab as its attributes say', () => {
  it.each([
    [
      'damaged',
      async () => 'v1.not-really-a-state',
      /the link's state is damaged|does not inflate/,
    ],
    ['from a newer version', async () => 'v7.AAAA', /made by a newer optim-lab \(format 7\)/],
    [
      'an invalid config (named by its path)',
      () => tokenOf({ 'optim-lab': 1, config: { runs: [{ optimizer: { type: 'SGD', lr: -1 } }] } }),
      /its config is not valid: runs\[0\]\.optimizer\.lr: /,
    ],
  ])('%s', async (_name, make, why) => {
    await goTo(writeShareFragment('', 'a', await make()));
    const errors = recordErrors(document);
    const lab = await shared(A);
    expect(problemsText(lab)).toMatch(why);
    expect(problemsText(lab)).toContain(
      "share: the lab state in the page's link could not be used",
    );
    expect(problemsText(lab)).toContain('The lab shows its own settings instead.');
    expect(errors.some((e) => e.attribute === 'share')).toBe(true);
    expect(lab.experiment).toEqual(await defaultsOf(A));
    // Still a working lab.
    await lab.step(1);
    await vi.waitFor(() => expect(lab.runStats[0].step).toBe(1), LOADED_MACHINE_WAIT);
  });
});

describe('the Share panel: JSON and pasted states', () => {
  it('Copy JSON and Download JSON give the state; pasting it into another lab restores it', async () => {
    const source = await mount({ backend: 'cpu', ...A });
    await openShare(source);
    await userEvent.click(part(source, 'copy-json'));
    await vi.waitFor(() => expect(part(source, 'share-output')).toBeTruthy());
    const json = part<HTMLTextAreaElement>(source, 'share-output').value;
    expect(json).toBe(
      labStateToJson({ config: source.experiment, ui: { editing: false, selected: 'run-1' } }),
    );
    const download = part<HTMLAnchorElement>(source, 'download-json');
    expect(download.download).toBe('a.json');
    download.click();
    expect(await (await fetch(download.href)).text()).toBe(json);

    const target = await mount({ backend: 'cpu', id: 'other' });
    await openShare(target);
    await userEvent.click(part(target, 'restore-input'));
    await userEvent.fill(part(target, 'restore-input'), json);
    await userEvent.click(part(target, 'restore'));
    await vi.waitFor(() =>
      expect(part(target, 'share-status').textContent).toContain('Restored the lab'),
    );
    // Said politely: a status region, not an alert.
    expect(part(target, 'share-status').getAttribute('role')).toBe('status');
    expect(target.experiment).toEqual(labStateFromJson(json).config);
  });

  it('a pasted link restores too; something unreadable is refused inline, the lab unchanged', async () => {
    const source = await mount({ backend: 'cpu', ...B });
    const link = await source.shareLink();
    const lab = await mount({ backend: 'cpu', id: 'b' });
    const before = lab.experiment;
    await openShare(lab);
    const input = part<HTMLTextAreaElement>(lab, 'restore-input');
    await userEvent.fill(input, '{"runs": [{"optimizer": {"type": "Adam", "betas": [0.9, 2]}}]}');
    await userEvent.click(part(lab, 'restore'));
    await vi.waitFor(() => expect(part(lab, 'restore-error').textContent!.trim()).not.toBe(''));
    expect(part(lab, 'restore-error').textContent!.trim()).toMatch(
      /^This cannot be restored: its config is not valid: runs\[0\]\.optimizer\.betas\[1\]: /,
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = part(lab, 'restore-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(lab.experiment).toEqual(before);
    await userEvent.fill(input, link);
    await userEvent.click(part(lab, 'restore'));
    await vi.waitFor(() => expect(lab.experiment).toEqual(source.experiment));
    expect(part(lab, 'restore-error').textContent!.trim()).toBe('');
  });
});
