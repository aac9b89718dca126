/**
 * The share codec in real Chromium: its CompressionStream and atob, and a real URL
 * fragment (location.hash as the browser stores it, percent-encoding included).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ShareError,
  decodeLabState,
  encodeLabState,
  readShareFragment,
  writeShareFragment,
} from '../../src/share';
import type { LabState } from '../../src/share';

const A: LabState = {
  config: {
    dataset: {
      type: 'custom',
      points: [
        [0.5, -0.25, 1],
        [-0.75, 0.5, 0],
      ],
    },
    runs: [{ label: 'Adam — λ', optimizer: { type: 'Adam', lr: 0.01 } }],
  },
  ui: { selected: 'run-0', open: ['boundary'] },
};
const B: LabState = {
  config: {
    dataset: { type: 'moons' },
    runs: [
      { optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
      {
        optimizer: { type: 'AdamW', lr: 0.01 },
        scheduler: { type: 'CosineAnnealingLR', tMax: 200 },
      },
    ],
  },
};

afterEach(() => history.replaceState(null, '', location.pathname + location.search));

describe('the share codec in Chromium', () => {
  it('two labs round-trip through the page URL fragment, each under its own id', async () => {
    location.hash = 'intro';
    location.hash = writeShareFragment(location.hash, 'first lab', await encodeLabState(A));
    location.hash = writeShareFragment(location.hash, 'b&c', await encodeLabState(B));
    // Chromium percent-encodes the space in the id as the fragment is stored.
    expect(location.hash).toContain('optim-lab:first%20lab=v1.');
    expect(location.hash.startsWith('#intro&')).toBe(true);
    const first = readShareFragment(location.hash, 'first lab');
    const second = readShareFragment(location.hash, 'b&c');
    expect(await decodeLabState(first as string)).toEqual(A);
    expect(await decodeLabState(second as string)).toEqual(B);
    // Rewriting the first leaves the second exactly as it was.
    location.hash = writeShareFragment(location.hash, 'first lab', await encodeLabState(B));
    expect(readShareFragment(location.hash, 'b&c')).toBe(second);
    expect(await decodeLabState(readShareFragment(location.hash, 'first lab') as string)).toEqual(
      B,
    );
  });

  it("Chromium's inflate refuses damaged data with a ShareError", async () => {
    const token = await encodeLabState(A);
    for (const damaged of [token.slice(0, -6), `${token}AAAA`, 'v1.', 'v1.____']) {
      const error = await decodeLabState(damaged).catch((e: unknown) => e);
      expect(error, damaged).toBeInstanceOf(ShareError);
      expect(['deflate', 'json', 'base64']).toContain((error as ShareError).reason);
    }
  });
});
