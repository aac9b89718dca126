/**
 * The share codec in Node (Node 20's CompressionStream is the browser's API; node:zlib,
 * an independent implementation of raw deflate, checks the bytes are the standard format).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/data/random';
import { ConfigError } from '../../src/protocol/validation';
import {
  MAX_STATE_BYTES,
  ShareError,
  decodeLabState,
  encodeLabState,
  labStateFromJson,
  labStateToJson,
  readShareFragment,
  restoreLabState,
  shareLink,
  writeShareFragment,
} from '../../src/share';
import type { LabState, ShareErrorReason } from '../../src/share';
import { randomLab } from './random-lab';

/** A lab as a blog post would have it: four runs racing on the spiral, one selected. */
const TYPICAL: LabState = {
  config: {
    dataset: { type: 'spiral', noise: 0.05 },
    model: { hidden: [16, 16], activation: 'relu' },
    training: { batchSize: 32, epochs: 40 },
    runs: [
      { label: 'SGD', optimizer: { type: 'SGD', lr: 0.1 } },
      { label: 'SGD + momentum', optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9 } },
      { label: 'Adam', optimizer: { type: 'Adam', lr: 0.01 } },
      {
        label: 'AdamW + 1cycle',
        optimizer: { type: 'AdamW', lr: 0.01, weightDecay: 0.01 },
        scheduler: { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 400 },
      },
    ],
  },
  ui: { selected: 'run-3', open: ['lr-curve', 'loss-plot', 'boundary'], boundary: 'run-3' },
};

function tokenOf(json: string | Uint8Array): string {
  const bytes = typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.from(json);
  return `v1.${deflateRawSync(bytes).toString('base64url')}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function shareError(promise: Promise<unknown>, reason: ShareErrorReason): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ShareError);
  expect((error as ShareError).reason, (error as Error).message).toBe(reason);
  return (error as Error).message;
}

describe('round trips', () => {
  it('seeded random labs survive a token and JSON exactly; tokens are URL-safe raw deflate', async () => {
    const random = createRandom(99);
    for (let trial = 0; trial < 150; trial++) {
      const state = randomLab(random);
      const token = await encodeLabState(state);
      expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
      expect(await decodeLabState(token)).toEqual(state);
      expect(labStateFromJson(labStateToJson(state))).toEqual(state);
      const inflated = JSON.parse(
        inflateRawSync(Buffer.from(token.slice(3), 'base64url')).toString(),
      );
      expect(inflated).toEqual({ 'optim-lab': 1, ...state });
    }
  });

  it('reads a token that another deflate implementation (zlib) wrote', async () => {
    const token = tokenOf(JSON.stringify({ 'optim-lab': 1, ...TYPICAL }));
    expect(await decodeLabState(token)).toEqual(TYPICAL);
  });

  it('keeps the config as given: defaults stay out, so the state stays small', async () => {
    const state = { config: { runs: [{ optimizer: { type: 'Adam' as const } }] } };
    expect(await decodeLabState(await encodeLabState(state))).toEqual(state);
    expect(JSON.parse(labStateToJson(state))).toEqual({ 'optim-lab': 1, ...state });
  });

  it('JSON is readable: the marker first, two-space indent, a final newline', () => {
    const json = labStateToJson(TYPICAL);
    expect(json.startsWith('{\n  "optim-lab": 1,\n  "config": {\n    "dataset": {')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('a bare experiment config reads as a state without UI state', () => {
    expect(labStateFromJson(JSON.stringify(TYPICAL.config))).toEqual({ config: TYPICAL.config });
  });
});

describe('size', () => {
  it('a typical four-run lab is a link fragment well under 2,000 characters', async () => {
    const fragment = writeShareFragment('', 'sgd-vs-adam', await encodeLabState(TYPICAL));
    const json = JSON.stringify({ 'optim-lab': 1, ...TYPICAL });
    console.log(`typical 4-run lab: fragment ${fragment.length} chars (JSON ${json.length})`);
    expect(fragment.length).toBeLessThan(600);
  });

  it('a hundred drawn points (3 decimals) fit in a link too', async () => {
    const random = createRandom(5);
    const milli = () => Math.round(random.uniform(-1, 1) * 1000) / 1000 + 0;
    const points = Array.from({ length: 100 }, (): [number, number, 0 | 1] => [
      milli(),
      milli(),
      random.int(2) as 0 | 1,
    ]);
    const state = {
      ...TYPICAL,
      config: { ...TYPICAL.config, dataset: { type: 'custom' as const, points } },
    };
    const fragment = writeShareFragment('', 'drawn', await encodeLabState(state));
    console.log(`4-run lab with 100 drawn points: fragment ${fragment.length} chars`);
    expect(fragment.length).toBeLessThan(2000);
  });
});

describe('a state that cannot be read says why, with a typed error', () => {
  it('not a state, or a format this page does not read', async () => {
    expect(await shareError(decodeLabState('hello'), 'format')).toBe(
      'not an optim-lab state: a state starts with "v1."',
    );
    expect(await shareError(decodeLabState('v2.AAAA'), 'version')).toBe(
      'this link was made by a newer optim-lab (format 2); this page reads format 1',
    );
    expect(await shareError(decodeLabState('v0.AAAA'), 'version')).toBe(
      'unknown state format 0; this page reads format 1',
    );
  });

  it('damaged base64url', async () => {
    expect(await shareError(decodeLabState('v1.ab$cd'), 'base64')).toBe(
      `the link's state is damaged (not base64url: "$" at character 3)`,
    );
    expect(await shareError(decodeLabState('v1.abcde'), 'base64')).toMatch(/not base64url\)$/);
  });

  it('damaged deflate: an invalid block, or cut short', async () => {
    const invalid = `v1.${Buffer.from([0xff, 0xff, 0xff]).toString('base64url')}`;
    expect(await shareError(decodeLabState(invalid), 'deflate')).toMatch(
      /^the link's state is damaged \(it does not inflate: .+\)$/,
    );
    const token = await encodeLabState(TYPICAL);
    await shareError(decodeLabState(token.slice(0, token.length - 8)), 'deflate');
    await shareError(decodeLabState('v1.'), 'deflate');
  });

  it('not JSON, not UTF-8, or JSON of the wrong shape', async () => {
    expect(await shareError(decodeLabState(tokenOf('{"optim-lab": 1,')), 'json')).toMatch(
      /^the link's state is damaged \(not valid JSON: .+\)$/,
    );
    expect(
      await shareError(decodeLabState(tokenOf(new Uint8Array([0x7b, 0xff, 0x7d]))), 'json'),
    ).toBe("the link's state is damaged (not UTF-8 text)");
    expect(await shareError(decodeLabState(tokenOf('[1, 2]')), 'format')).toBe(
      'not an optim-lab state: expected a JSON object',
    );
    expect(
      await shareError(decodeLabState(tokenOf('{"optim-lab": 1, "config": 5}')), 'shape'),
    ).toBe('config: must be an experiment config object, e.g. { "runs": [...] }');
    expect(
      await shareError(
        decodeLabState(tokenOf('{"optim-lab": 1, "config": {"runs": []}, "ui": []}')),
        'shape',
      ),
    ).toBe('ui: must be an object');
    expect(
      await shareError(
        decodeLabState(tokenOf('{"optim-lab": 1, "config": {"runs": []}, "theme": "dark"}')),
        'shape',
      ),
    ).toBe('theme: unknown field (a state has config and ui)');
    expect(
      await shareError(decodeLabState(tokenOf('{"optim-lab": 3, "config": {}}')), 'version'),
    ).toBe('this state was saved by a newer optim-lab (format 3); this page reads format 1');
    expect(await shareError(decodeLabState(tokenOf('{"optim-lab": "x"}')), 'version')).toBe(
      'unknown state format "x"; this page reads format 1',
    );
  });

  it("a config that fails validation is the project's ConfigError, naming the field", async () => {
    const bad = { config: { runs: [{ optimizer: { type: 'Adam', lr: -1 } }] } };
    const error = await rejection(
      decodeLabState(tokenOf(JSON.stringify({ 'optim-lab': 1, ...bad }))),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ path: 'runs[0].optimizer.lr' });
    expect(() => labStateFromJson(JSON.stringify(bad.config))).toThrow(ConfigError);
    await expect(encodeLabState(bad as unknown as LabState)).rejects.toBeInstanceOf(ConfigError);
  });

  it('larger than a state may be: a deflate bomb, an overlong token, an overlong JSON', async () => {
    const bomb = tokenOf(
      `{"optim-lab": 1, "config": {"runs": []}, "ui": {"x": "${' '.repeat(MAX_STATE_BYTES)}"}}`,
    );
    expect(bomb.length).toBeLessThan(10_000);
    expect(await shareError(decodeLabState(bomb), 'size')).toBe(
      `the state is larger than ${MAX_STATE_BYTES} bytes`,
    );
    await shareError(decodeLabState(`v1.${'A'.repeat(2 * MAX_STATE_BYTES)}`), 'size');
    expect(() => labStateFromJson(' '.repeat(MAX_STATE_BYTES + 1))).toThrow(ShareError);
  });

  it('JSON that is not JSON, or not a state', () => {
    const reasonOf = (text: string) => {
      try {
        labStateFromJson(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ShareError);
        return (error as ShareError).reason;
      }
      throw new Error('expected a rejection');
    };
    expect(reasonOf('{"runs": [')).toBe('json');
    expect(reasonOf('"a string"')).toBe('format');
    expect(reasonOf('{"dataset": {}}')).toBe('format');
  });

  it('UI state the element gives must be JSON data; the path says where it is not', async () => {
    const config = TYPICAL.config;
    for (const [ui, path] of [
      [{ a: Number.NaN }, 'ui.a'],
      [{ a: [1, undefined] }, 'ui.a[1]'],
      [{ a: { b: new Date(0) } }, 'ui.a.b'],
      [{ f: () => 1 }, 'ui.f'],
    ] as const) {
      const message = await shareError(
        encodeLabState({ config, ui: ui as unknown as LabState['ui'] }),
        'shape',
      );
      expect(message).toBe(
        `${path}: must be JSON data (null, true, a finite number, text, a list or an object)`,
      );
    }
  });

  it('a damaged token never gets past the checks: any change is read as a valid state or refused', async () => {
    const random = createRandom(3);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const outcomes = { valid: 0, refused: 0 };
    for (let trial = 0; trial < 300; trial++) {
      const token = await encodeLabState(randomLab(random));
      const at = 3 + random.int(token.length - 3);
      const damaged =
        random.next() < 0.7
          ? token.slice(0, at) + alphabet[random.int(alphabet.length)] + token.slice(at + 1)
          : token.slice(0, at);
      try {
        const state = await decodeLabState(damaged);
        outcomes.valid++;
        expect(state.config).toBeTypeOf('object');
      } catch (error) {
        outcomes.refused++;
        expect(error instanceof ShareError || error instanceof ConfigError, String(error)).toBe(
          true,
        );
      }
    }
    expect(outcomes.refused).toBeGreaterThan(200);
  });
});

describe('several labs on one page, each its own fragment entry', () => {
  it('writing one lab keeps the others and whatever else the fragment holds, in place', () => {
    let hash = '#intro';
    hash = writeShareFragment(hash, 'a', 'v1.AAA');
    hash = writeShareFragment(hash, 'b', 'v1.BBB');
    hash = writeShareFragment(hash, undefined, 'v1.CCC');
    expect(hash).toBe('#intro&optim-lab:a=v1.AAA&optim-lab:b=v1.BBB&optim-lab=v1.CCC');
    hash = writeShareFragment(hash, 'a', 'v1.DDD');
    expect(hash).toBe('#intro&optim-lab:a=v1.DDD&optim-lab:b=v1.BBB&optim-lab=v1.CCC');
    expect(readShareFragment(hash, 'a')).toBe('v1.DDD');
    expect(readShareFragment(hash, 'b')).toBe('v1.BBB');
    expect(readShareFragment(hash)).toBe('v1.CCC');
    expect(readShareFragment(hash, 'c')).toBeUndefined();
    hash = writeShareFragment(hash, 'b');
    expect(hash).toBe('#intro&optim-lab:a=v1.DDD&optim-lab=v1.CCC');
    expect(writeShareFragment('#optim-lab:a=v1.X', 'a')).toBe('');
  });

  it('ids with any characters are addressed exactly, also when a link comes back percent-encoded', () => {
    const ids = ['a&b=c', 'lab 1', 'λ#2', 'x:y', '%41'];
    let hash = '';
    ids.forEach((id, i) => (hash = writeShareFragment(hash, id, `v1.T${i}`)));
    ids.forEach((id, i) => expect(readShareFragment(hash, id)).toBe(`v1.T${i}`));
    expect(readShareFragment('#optim-lab%3Alab%201=v1.Q', 'lab 1')).toBe('v1.Q');
  });

  it('shareLink puts the state in the page URL, keeping its path, query and other labs', () => {
    expect(shareLink('https://blog.example/post/?p=2#optim-lab:b=v1.B', 'a', 'v1.A')).toBe(
      'https://blog.example/post/?p=2#optim-lab:b=v1.B&optim-lab:a=v1.A',
    );
  });

  it('restores from a link, a fragment, a token or JSON, whatever a person pastes', async () => {
    const token = await encodeLabState(TYPICAL);
    const link = shareLink('https://blog.example/post', 'demo', token);
    expect(await restoreLabState(link, 'demo')).toEqual(TYPICAL);
    expect(await restoreLabState(`  ${link}\n`, 'other')).toEqual(TYPICAL); // the only entry
    expect(await restoreLabState(new URL(link).hash, 'demo')).toEqual(TYPICAL);
    expect(await restoreLabState(token)).toEqual(TYPICAL);
    expect(await restoreLabState(labStateToJson(TYPICAL))).toEqual(TYPICAL);
    const two = writeShareFragment(new URL(link).hash, 'second', token);
    expect(await shareError(restoreLabState(two, 'third'), 'format')).toBe(
      `the link holds 2 labs' states and none for "third"`,
    );
    expect(await shareError(restoreLabState('https://blog.example/?a=b', 'x'), 'format')).toBe(
      'the link holds no optim-lab state',
    );
    await shareError(restoreLabState('{"runs": ['), 'json');
  });
});

describe('labs and procedures: each kind reads only its own states', () => {
  const RECIPE: LabState = {
    config: {
      dataset: { type: 'spiral', noise: 0.05 },
      runs: [{ id: 'recipe', optimizer: { type: 'AdamW', lr: 1e-3 } }],
    },
    ui: { step: 3, choices: { preset: 'fastai' } },
  };

  it('a procedure state is marked optim-procedure, in JSON and inside its token', async () => {
    const token = await encodeLabState(RECIPE, 'optim-procedure');
    const inflated = JSON.parse(
      inflateRawSync(Buffer.from(token.slice(3), 'base64url')).toString(),
    );
    expect(inflated).toEqual({ 'optim-procedure': 1, ...RECIPE });
    expect(await decodeLabState(token, 'optim-procedure')).toEqual(RECIPE);
    const json = labStateToJson(RECIPE, 'optim-procedure');
    expect(json.startsWith('{\n  "optim-procedure": 1,\n')).toBe(true);
    expect(labStateFromJson(json, 'optim-procedure')).toEqual(RECIPE);
  });

  it("one kind's state given to the other is refused and says whose it is", async () => {
    const procedure = await encodeLabState(RECIPE, 'optim-procedure');
    expect(await shareError(decodeLabState(procedure), 'format')).toBe(
      "this is a procedure's (<optim-procedure>) state, not a lab's (<optim-lab>): restore it in that element",
    );
    const lab = labStateToJson(TYPICAL);
    expect(await shareError(restoreLabState(lab, 'x', 'optim-procedure'), 'format')).toBe(
      "this is a lab's (<optim-lab>) state, not a procedure's (<optim-procedure>): restore it in that element",
    );
  });

  it('fragment entries of a lab and a procedure with the same id never collide', async () => {
    let hash = writeShareFragment('#top', 'x', 'v1.LAB');
    hash = writeShareFragment(hash, 'x', 'v1.PROC', 'optim-procedure');
    hash = writeShareFragment(hash, undefined, 'v1.ANON', 'optim-procedure');
    expect(hash).toBe('#top&optim-lab:x=v1.LAB&optim-procedure:x=v1.PROC&optim-procedure=v1.ANON');
    expect(readShareFragment(hash, 'x')).toBe('v1.LAB');
    expect(readShareFragment(hash, 'x', 'optim-procedure')).toBe('v1.PROC');
    expect(readShareFragment(hash, undefined, 'optim-procedure')).toBe('v1.ANON');
    expect(readShareFragment(hash)).toBeUndefined();
    expect(writeShareFragment(hash, 'x', undefined, 'optim-procedure')).toBe(
      '#top&optim-lab:x=v1.LAB&optim-procedure=v1.ANON',
    );
    // A pasted link with one lab and one procedure: each restores its own.
    const token = await encodeLabState(RECIPE, 'optim-procedure');
    const link = shareLink(
      shareLink('https://blog.example/post', 'x', await encodeLabState(TYPICAL)),
      'course',
      token,
      'optim-procedure',
    );
    expect(await restoreLabState(link, 'other', 'optim-procedure')).toEqual(RECIPE);
    expect(await restoreLabState(link, 'other')).toEqual(TYPICAL);
    expect(
      await shareError(
        restoreLabState('https://a.example/#optim-lab=v1.Q', 'p', 'optim-procedure'),
        'format',
      ),
    ).toBe('the link holds no optim-procedure state');
  });

  it('schedule lengths left to the training stay left out, and are checked as filled', async () => {
    const state: LabState = {
      config: {
        training: { epochs: 3 },
        runs: [
          { optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1 } },
        ],
      },
    };
    expect(await decodeLabState(await encodeLabState(state))).toEqual(state);
    // A bad training length is named at its own field, not at the schedule it would fill.
    const bad = { ...state, config: { ...state.config, training: { epochs: -3 } } };
    const error = await rejection(encodeLabState(bad));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe('training.epochs');
  });
});
