/**
 * Where a config holds an object, only a plain JSON-like object will do: an array, a Map, a
 * Date or a class instance is refused with its path, never read as an empty object (which
 * silently trained on the defaults). And however long a bad value is, a message quotes at most
 * MAX_QUOTED_CHARS of it.
 */
import { describe, expect, test } from 'vitest';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import { configProblem } from '../../src/protocol/validation';
import { parseLrFinderOptions } from '../../src/train/lr-finder-options';
import { parseSurfaceConfig } from '../../src/surface/config';
import { MAX_QUOTED_CHARS, isPlainObject, kindOf, showValue } from '../../src/schedule/values';

class Options {
  type = 'Adam';
}

const NOT_PLAIN: [string, unknown][] = [
  ['an array', []],
  ['a Map', new Map([['type', 'xor']])],
  ['a Date', new Date(0)],
  ['a Set', new Set()],
  ['an Options', new Options()],
  ['an object that is not plain', Object.create({ type: 'xor' }) as unknown],
];

const run = { optimizer: { type: 'Adam' } };

/** Builds an experiment with `value` at the path, and the path as the message will say it. */
const PLACES: [string, (value: unknown) => unknown][] = [
  ['dataset', (value) => ({ dataset: value, runs: [run] })],
  ['model', (value) => ({ model: value, runs: [run] })],
  ['training', (value) => ({ training: value, runs: [run] })],
  ['runs[0]', (value) => ({ runs: [value] })],
  ['runs[0].optimizer', (value) => ({ runs: [{ optimizer: value }] })],
  [
    'runs[0].optimizer.optimizer',
    (value) => ({ runs: [{ optimizer: { type: 'Lookahead', optimizer: value } }] }),
  ],
  ['runs[0].scheduler', (value) => ({ runs: [{ ...run, scheduler: value }] })],
  [
    'runs[0].scheduler.schedulers[0]',
    (value) => ({
      runs: [{ ...run, scheduler: { type: 'SequentialLR', schedulers: [value], milestones: [] } }],
    }),
  ],
  ['runs[0].swa', (value) => ({ runs: [{ ...run, swa: value }] })],
];

describe('values', () => {
  test('isPlainObject: object literals and null-prototype objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject(JSON.parse('{"a":1}'))).toBe(true);
    for (const [, value] of NOT_PLAIN) expect(isPlainObject(value)).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject('x')).toBe(false);
  });

  test.each(NOT_PLAIN)('kindOf names %s', (kind, value) => {
    expect(kindOf(value)).toBe(kind);
  });

  test('showValue quotes at most MAX_QUOTED_CHARS and says how long the value was', () => {
    expect(showValue('0.1')).toBe('"0.1"');
    expect(showValue([30, 10])).toBe('[30, 10]');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue(new Map())).toBe('a Map');
    const long = showValue('x'.repeat(100_000));
    expect(long).toBe(`"${'x'.repeat(MAX_QUOTED_CHARS - 1)}… (100,002 characters)`);
    const list = showValue(Array.from({ length: 50_000 }, (_, i) => i));
    expect(list.length).toBeLessThan(MAX_QUOTED_CHARS + 30);
    expect(list).toMatch(/^\[0, 1, 2, .*… \(50,000 items\)$/);
  });
});

describe('parseExperimentConfig refuses a non-plain object where an object belongs', () => {
  test.each(
    PLACES.flatMap(([path, build]) => NOT_PLAIN.map(([kind, v]) => [path, kind, build(v)])),
  )('%s: %s', (path, kind, input) => {
    const message = configProblem(() => parseExperimentConfig(input), input);
    expect(message).toBeDefined();
    const [first] = (message ?? '').split('\n');
    expect(first.startsWith(`${String(path)}: must be `)).toBe(true);
    // It says what it got: the array as written, anything else by its kind.
    expect(first).toContain(kind === 'an array' ? 'got []' : `got ${String(kind)}`);
  });

  test('the whole config, too', () => {
    expect(() => parseExperimentConfig(new Map([['runs', [run]]]))).toThrow(
      'experiment config must be an object like { runs: [{ optimizer: { type: "Adam" } }] }, got a Map',
    );
  });

  test('the other parsers: findLr options, surface configs', () => {
    expect(() => parseLrFinderOptions(new Map())).toThrow(/^findLr: options must be an object/);
    expect(() => parseSurfaceConfig([])).toThrow(/surface config must be an object/);
  });
});

describe('a message quotes a long bad value, never the whole of it', () => {
  const long = 'x'.repeat(100_000);
  const CASES: [string, unknown][] = [
    ['runs[0].optimizer.lr', { runs: [{ optimizer: { type: 'Adam', lr: long } }] }],
    ['runs[0].optimizer.type', { runs: [{ optimizer: { type: long } }] }],
    ['runs[0].optimizer.betas[0]', { runs: [{ optimizer: { type: 'Adam', betas: [long, 1] } }] }],
    ['runs[0].scheduler.type', { runs: [{ ...run, scheduler: { type: long } }] }],
    [
      'runs[0].scheduler.gamma',
      { runs: [{ ...run, scheduler: { type: 'ExponentialLR', gamma: long } }] },
    ],
    ['dataset.type', { dataset: { type: long }, runs: [run] }],
    ['model.hidden', { model: { hidden: long }, runs: [run] }],
    ['seed', { seed: long, runs: [run] }],
    // A key a page made up is a value too.
    [`model.${'x'.repeat(MAX_QUOTED_CHARS)}…`, { model: { [long]: 1 }, runs: [run] }],
  ];
  test.each(CASES)('%s', (path, input) => {
    const message = configProblem(() => parseExperimentConfig(input), input) ?? '';
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message.length).toBeLessThan(400);
  });
});
