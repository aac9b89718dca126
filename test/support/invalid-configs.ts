/**
 * Seeded invalid experiment configs, each with the path its error must name. A valid
 * experiment (every kind of field: numbers, enums, booleans, arrays, nested optimizers,
 * schedulers with lambdas, SWA) is broken in exactly one place by a change that no schema
 * could accept there: a wrong type, a non-plain object, an unknown key, a value out of range,
 * a lambda that cannot be evaluated, a very long string. Shared by the Node fuzz of the
 * parser, the fuzz through the real worker, and the attribute fuzz of <optim-lab>.
 */
import { createRandom } from '../../src/data/random';
import type { Random } from '../../src/data/random';
import { MAX_RUNS } from '../../src/protocol/experiment';
import { showKey } from '../../src/schedule/values';

export interface InvalidCase {
  /** What was done, for a failing test's name. */
  what: string;
  config: Record<string, unknown>;
  /** The error's path is this or under it (`path.x`, `path[0]`). */
  path: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A valid experiment touching every kind of field; `steps` keeps any training short. */
export function validExperiment(): { [key: string]: Json } {
  return {
    seed: 5,
    dataset: { type: 'moons', samples: 120, noise: 0.1, validationFraction: 0.2, seed: 9 },
    model: { hidden: [8, 4], activation: 'tanh', init: 'glorot', l2: 0.0001, seed: 2 },
    training: { batchSize: 16, steps: 60, shuffleSeed: 3, evalEvery: 10 },
    runs: [
      {
        id: 'adam',
        label: 'Adam + StepLR',
        optimizer: {
          type: 'Adam',
          lr: 0.01,
          betas: [0.9, 0.999],
          eps: 1e-8,
          weightDecay: 0,
          amsgrad: false,
        },
        scheduler: { type: 'MultiStepLR', milestones: [10, 30], gamma: 0.5 },
        schedulerStepOn: 'batch',
      },
      {
        id: 'sgd',
        optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, nesterov: true, dampening: 0 },
        scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 60, pctStart: 0.3 },
      },
      {
        id: 'lookahead',
        optimizer: { type: 'Lookahead', optimizer: { type: 'RAdam', lr: 0.01 }, k: 5, alpha: 0.5 },
        scheduler: {
          type: 'SequentialLR',
          schedulers: [
            { type: 'LinearLR', startFactor: 0.1, totalIters: 5 },
            { type: 'LambdaLR', lrLambda: '0.95 ** epoch' },
          ],
          milestones: [5],
        },
        swa: { start: 2, swaLr: 0.05, annealEpochs: 1, annealStrategy: 'cos' },
      },
    ],
  };
}

interface Place {
  path: string;
  value: Json;
  parent: Json[] | { [key: string]: Json };
  key: string | number;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function places(value: Json, path = '', out: Place[] = []): Place[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ path: join(path, i), value: item, parent: value, key: i });
      places(item, join(path, i), out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push({ path: join(path, key), value: item, parent: value, key });
      places(item, join(path, key), out);
    }
  }
  return out;
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random.next() * items.length)];

// Values no field of their place accepts. Strings never pass where numbers, booleans,
// arrays or objects belong; numbers never where strings, arrays or objects belong.
const NOT_PLAIN = (): unknown[] => [
  [],
  new Map([['type', 'xor']]),
  new Date(0),
  new Set([1]),
  'an object',
  7,
];
const LONG = 'x'.repeat(100_000);
const INTEGER_FIELD =
  /(seed|samples|hidden\[\d+\]|batchSize|steps|shuffleSeed|evalEvery|milestones\[\d+\]|totalSteps|\.k|\.start|annealEpochs|totalIters)$/;
const BAD_LAMBDAS = [
  '1/0',
  'log(0)',
  'sqrt(-1)',
  '1/(epoch-epoch)',
  'exp(1000)',
  'epoch +',
  'eval(1)',
  '-1',
];

/** A value `place` cannot hold, and the path the error names. */
function breakPlace(random: Random, place: Place): { what: string; value: unknown; path: string } {
  const { path, value } = place;
  const key = String(place.key);
  if (typeof value === 'number') {
    const options: unknown[] = [String(value), true, null, [value], { value }, NaN, LONG];
    // Every numeric field of an experiment is >= 0 but dampening (torch takes any number).
    if (!path.endsWith('dampening')) options.push(-1e300);
    // Only where an integer belongs: elsewhere 0.5 may well be allowed (weightDecay, dampening).
    if (INTEGER_FIELD.test(path)) options.push(value + 0.5);
    const bad = pick(random, options);
    return { what: `${path} = ${describe(bad)}`, value: bad, path };
  }
  if (typeof value === 'boolean') {
    const bad = pick(random, [String(value), 1, null, []]);
    return { what: `${path} = ${describe(bad)}`, value: bad, path };
  }
  if (typeof value === 'string') {
    if (key === 'lrLambda') {
      const bad = pick(random, [...BAD_LAMBDAS, 0.95, LONG]);
      return { what: `${path} = ${describe(bad)}`, value: bad, path };
    }
    // id, label: strings of any content pass, so break their type or length.
    const free = key === 'id' || key === 'label';
    const bad = pick(random, free ? [5, null, LONG, ['a']] : ['bogus', 'ADAM', '', 5, null, LONG]);
    return { what: `${path} = ${describe(bad)}`, value: bad, path };
  }
  if (Array.isArray(value)) {
    const bad = pick(random, [{}, 'list', 3, new Map(), new Set(value)]);
    return { what: `${path} = ${describe(bad)}`, value: bad, path };
  }
  if (value !== null && typeof value === 'object') {
    if (random.next() < 0.4) {
      const name = pick(random, ['bogus', 'learningRate', 'weight_decay', 'Type', LONG]);
      return {
        what: `${path}.${name.slice(0, 20)} added`,
        value: { ...value, [name]: 1 },
        path: `${path}.${showKey(name)}`,
      };
    }
    const bad = pick(random, NOT_PLAIN());
    return { what: `${path} = ${describe(bad)}`, value: bad, path };
  }
  return { what: `${path} = undefined`, value: undefined, path };
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 20 ? `"${value.slice(0, 12)}…"` : `"${value}"`;
  if (value instanceof Map) return 'Map';
  if (value instanceof Set) return 'Set';
  if (value instanceof Date) return 'Date';
  if (Number.isNaN(value)) return 'NaN';
  return JSON.stringify(value) ?? String(value);
}

/** Whole-experiment breaks no single field carries. */
function structural(random: Random, base: { [key: string]: Json }): InvalidCase {
  const runs = base.runs as Json[];
  const cases: (() => InvalidCase)[] = [
    () => ({ what: 'no runs', config: { ...base, runs: [] }, path: 'runs' }),
    () => ({
      what: 'too many runs',
      config: {
        ...base,
        runs: Array.from({ length: MAX_RUNS + 1 }, () => ({ optimizer: { type: 'SGD' } })),
      },
      path: 'runs',
    }),
    () => ({
      what: 'duplicate run ids',
      config: { ...base, runs: [runs[0], runs[0]] },
      path: 'runs[1].id',
    }),
    () => ({
      what: 'both epochs and steps',
      config: { ...base, training: { ...(base.training as object), epochs: 2 } },
      path: 'training',
    }),
    () => ({ what: 'runs missing', config: { ...base, runs: undefined }, path: 'runs' }),
    () => ({
      what: 'optimizer missing',
      config: { ...base, runs: [{ id: 'x' }] },
      path: 'runs[0].optimizer',
    }),
  ];
  return pick(random, cases)();
}

/** `count` invalid configs, the same ones for the same seed. */
export function invalidConfigs(count: number, seed = 1): InvalidCase[] {
  const random = createRandom(seed);
  const out: InvalidCase[] = [];
  while (out.length < count) {
    const config = validExperiment();
    if (random.next() < 0.05) {
      out.push(structural(random, config));
      continue;
    }
    const all = places(config);
    const place = pick(random, all);
    const broken = breakPlace(random, place);
    (place.parent as Record<string | number, unknown>)[place.key] = broken.value;
    out.push({ what: broken.what, config, path: broken.path });
  }
  return out;
}

/** Whether an error at `actual` is about `expected` (it or a field under it). */
export function isUnder(actual: string, expected: string): boolean {
  return (
    actual === expected || actual.startsWith(`${expected}.`) || actual.startsWith(`${expected}[`)
  );
}
