// The attribute fuzz of <optim-lab>, in real Chromium: well over 200 invalid values across
// every attribute (numbers that are not, names that do not exist, JSON that is not, and JSON
// configs broken in one place by test/support/invalid-configs.ts). Each must fire optim-error
// naming the attribute and show an inline message that names it, never throw; after each the
// attribute is put right and the message goes; at the end the same lab trains.
import { describe, expect, it, vi } from 'vitest';
import type { OptimErrorDetail } from '../../components/optim-lab/index';
import { invalidConfigs } from '../support/invalid-configs';
import { QUICK, mount, problemsText, recordErrors, recordProgress } from './support/lab';

interface AttributeCase {
  attribute: string;
  value: string;
}

const SIMPLE: Record<string, string[]> = {
  lr: ['abc', '-1', '0', 'NaN', 'Infinity', '1e999', '"0.1"', '[0.1]', '{}', '0.1.2'],
  epochs: ['-1', '0', '1.5', 'abc', '1e7', 'Infinity', '[2]'],
  'batch-size': ['0', '-3', '2.5', 'abc', '1e9', 'null'],
  seed: ['-1', '1.5', 'abc', '4294967296', '1e99'],
  dataset: ['bogus', 'circles', 'custom', '{"type":"xor"}', '5'],
  activation: ['bogus', 'softmax', 'relu6', '5'],
  layers: ['a,b', '0', '16,-3', '2000', '1,2,3,4,5,6,7,8,9', '1.5', '16;16'],
  backend: ['bogus', 'gpu', 'webgl2', '5'],
  hide: ['bogus', 'dataset bogus', 'plots'],
  optimizer: [
    'Adamm',
    'SGD Nope',
    '5',
    '[]',
    '{',
    '[5]',
    '{"type":5}',
    '{"type":"Adam","lr":"0.1"}',
    '{"type":"Lookahead","optimizer":{"type":"Lookahead"}}',
    '{"type":"Lookahead","optimizer":[]}',
    '{"type":"Adam","betas":[0.9,1.5]}',
    '{"type":"SGD","nesterov":true}',
  ],
  scheduler: [
    '{"type":"Nope"}',
    '{"type":"StepLR",',
    '5',
    '[]',
    '[5]',
    '{"type":"ExponentialLR","gamma":"0.9"}',
    '{"type":"LambdaLR","lrLambda":"1/0"}',
    '{"type":"MultiplicativeLR","lrLambda":"log(0)"}',
    '{"type":"StepLR"}',
    '{"type":"SequentialLR","schedulers":[{"type":"ReduceLROnPlateau"}],"milestones":[]}',
  ],
  swa: ['5', '[5]', '{"start":"x"}', '{"start":1}', '{"start":1,"swaLr":-1}', '{'],
  config: [
    '{"runs":"x"}',
    '{"runs":[5]}',
    '{"runs":[{"optimizer":5}]}',
    '{"training":{"evalEvery":-1}}',
    '{"training":{"shuffleSeed":1.5}}',
    '{"dataset":[]}',
    '{"model":[]}',
    '[]',
    '5',
    '{"runs": [',
  ],
};

/** Only values JSON can carry: an attribute holds text. */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value).every(isJson);
  return false;
}

/** One run's optimizer, scheduler or SWA broken by the config fuzz, as that attribute's JSON. */
function brokenParts(): AttributeCase[] {
  const cases: AttributeCase[] = [];
  const counts: Record<string, number> = {};
  for (const { config, path } of invalidConfigs(3000, 5)) {
    const match = /^runs\[(\d+)\]\.(optimizer|scheduler|swa)\b/.exec(path);
    if (!match) {
      // The lab reads a config without runs as its default run: not an error there.
      if (!path.startsWith('runs') && isJson(config) && (counts.config ?? 0) < 60) {
        counts.config = (counts.config ?? 0) + 1;
        cases.push({ attribute: 'config', value: JSON.stringify(config) });
      }
      continue;
    }
    const [, index, attribute] = match;
    const part = (config.runs as Record<string, unknown>[])[Number(index)][attribute];
    if (!isJson(part) || (counts[attribute] ?? 0) >= 40) continue;
    counts[attribute] = (counts[attribute] ?? 0) + 1;
    cases.push({ attribute, value: JSON.stringify(part) });
  }
  return cases;
}

// A page may write anything, at any length: the message quotes a short stretch of it.
const LONG = 'x'.repeat(100_000);
const LONG_CASES: AttributeCase[] = Object.keys(SIMPLE).map((attribute) => ({
  attribute,
  value: attribute === 'layers' ? `16,${LONG}` : LONG,
}));

const CASES: AttributeCase[] = [
  ...LONG_CASES,
  ...Object.entries(SIMPLE).flatMap(([attribute, values]) =>
    values.map((value) => ({ attribute, value })),
  ),
  ...brokenParts(),
];

describe('<optim-lab> attribute fuzz', () => {
  it(`reports each of ${CASES.length} invalid attribute values and stays usable`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200);
    const lab = await mount({ backend: 'cpu' });
    const errors = recordErrors(lab);
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error);
    window.addEventListener('error', onError);
    const misses: string[] = [];
    try {
      for (const { attribute, value } of CASES) {
        const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
        const before = errors.length;
        lab.setAttribute(attribute, value);
        await lab.updateComplete;
        const fired: OptimErrorDetail[] = errors.slice(before);
        const text = problemsText(lab);
        if (!fired.some((e) => e.attribute === attribute && e.message.startsWith(`${attribute}: `)))
          misses.push(`${attribute}='${shown}': fired ${JSON.stringify(fired).slice(0, 200)}`);
        else if (!text.includes(`${attribute}: `))
          misses.push(`${attribute}='${shown}': shows "${text.slice(0, 200)}"`);
        else if (text.length > 2000)
          misses.push(`${attribute}='${shown}': ${text.length} characters`);
        lab.removeAttribute(attribute);
        await lab.updateComplete;
        if (problemsText(lab) !== '')
          misses.push(`${attribute}='${shown}': still shows "${problemsText(lab)}"`);
      }
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(misses).toEqual([]);
    expect(thrown).toEqual([]);

    // The same element, after all that, trains.
    for (const [name, value] of Object.entries({ ...QUICK, epochs: '1' }))
      lab.setAttribute(name, value);
    await lab.updateComplete;
    expect(problemsText(lab)).toBe('');
    const progress = recordProgress(lab);
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), { timeout: 60_000 });
    expect(progress.length).toBeGreaterThan(0);
  });
});
