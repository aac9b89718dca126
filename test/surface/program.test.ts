// Reverse-mode AD over the expression AST against hand-derived derivatives (every operator
// and function), central finite differences (composite expressions), and torch's rules where
// a derivative is undefined.
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../src/schedule/expr';
import { compileSurfaceExpression } from '../../src/surface';

type Pair = [number, number];
const at = (source: string, x: number, y: number): { f: number; g: Pair } => {
  const g: Pair = [NaN, NaN];
  const f = compileSurfaceExpression(source).valueAndGradient([x, y], g);
  return { f, g };
};

const sgn = Math.sign;
const sec2 = (t: number) => 1 / Math.cos(t) ** 2;

/** [source, x, y, f(x, y), ∇f(x, y)], each derivative worked out by hand. */
const HAND_DERIVED: [
  string,
  number,
  number,
  (x: number, y: number) => number,
  (x: number, y: number) => Pair,
][] = [
  ['x + y', 1.3, -0.7, (x, y) => x + y, () => [1, 1]],
  ['x - y', 1.3, -0.7, (x, y) => x - y, () => [1, -1]],
  ['-x * y', 1.3, -0.7, (x, y) => -x * y, (x, y) => [-y, -x]],
  ['x / y', 1.3, -0.7, (x, y) => x / y, (x, y) => [1 / y, -x / y ** 2]],
  ['x // y', 5.3, 1.7, (x, y) => Math.floor(x / y), () => [0, 0]],
  ['x % y', 5.3, 1.7, (x, y) => x - y * Math.floor(x / y), (x, y) => [1, -Math.floor(x / y)]],
  ['x % y', -5.3, 1.7, (x, y) => x - y * Math.floor(x / y), (x, y) => [1, -Math.floor(x / y)]],
  ['x ** 3', 1.3, 0, (x) => x ** 3, (x) => [3 * x ** 2, 0]],
  ['x ** 2.5', 1.3, 0, (x) => x ** 2.5, (x) => [2.5 * x ** 1.5, 0]],
  ['x ** -0.5', 1.3, 0, (x) => x ** -0.5, (x) => [-0.5 * x ** -1.5, 0]],
  [
    '(x * y) ** (1 / 3)',
    2,
    0.5,
    (x, y) => (x * y) ** (1 / 3),
    (x, y) => [((x * y) ** (-2 / 3) * y) / 3, ((x * y) ** (-2 / 3) * x) / 3],
  ],
  ['2 ** x', 1.3, 0, (x) => 2 ** x, (x) => [2 ** x * Math.LN2, 0]],
  ['x ** y', 1.3, 0.7, (x, y) => x ** y, (x, y) => [y * x ** (y - 1), x ** y * Math.log(x)]],
  ['y ** x', 1.3, 0.7, (x, y) => y ** x, (x, y) => [y ** x * Math.log(y), x * y ** (x - 1)]],
  ['(-x) ** 3', 1.3, 0, (x) => -(x ** 3), (x) => [-3 * x ** 2, 0]],
  ['-x ** 2', 1.3, 0, (x) => -(x ** 2), (x) => [-2 * x, 0]],
  ['min(x, y)', 1.3, 0.7, (x, y) => Math.min(x, y), () => [0, 1]],
  ['min(x, y, 2)', 1.3, 2.7, (x, y) => Math.min(x, y, 2), () => [1, 0]],
  ['max(x, 2 * y, 0.1)', 1.3, 0.7, (x, y) => Math.max(x, 2 * y, 0.1), () => [0, 2]],
  ['max(x, y, 1.5)', 1.3, 0.7, () => 1.5, () => [0, 0]],
  ['abs(x - y)', 0.3, 0.7, (x, y) => Math.abs(x - y), (x, y) => [sgn(x - y), -sgn(x - y)]],
  [
    'exp(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.exp(x * y),
    (x, y) => [y * Math.exp(x * y), x * Math.exp(x * y)],
  ],
  ['log(x * y)', 1.3, 0.7, (x, y) => Math.log(x * y), (x, y) => [1 / x, 1 / y]],
  [
    'sqrt(x * x + y)',
    1.3,
    0.7,
    (x, y) => Math.sqrt(x * x + y),
    (x, y) => [x / Math.sqrt(x * x + y), 0.5 / Math.sqrt(x * x + y)],
  ],
  ['floor(x * y) + ceil(x)', 1.3, 2.7, (x, y) => Math.floor(x * y) + Math.ceil(x), () => [0, 0]],
  [
    'cos(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.cos(x * y),
    (x, y) => [-y * Math.sin(x * y), -x * Math.sin(x * y)],
  ],
  [
    'sin(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.sin(x * y),
    (x, y) => [y * Math.cos(x * y), x * Math.cos(x * y)],
  ],
  [
    'tan(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.tan(x * y),
    (x, y) => [y * sec2(x * y), x * sec2(x * y)],
  ],
  [
    'atan(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.atan(x * y),
    (x, y) => [y / (1 + (x * y) ** 2), x / (1 + (x * y) ** 2)],
  ],
  [
    'sinh(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.sinh(x * y),
    (x, y) => [y * Math.cosh(x * y), x * Math.cosh(x * y)],
  ],
  [
    'cosh(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.cosh(x * y),
    (x, y) => [y * Math.sinh(x * y), x * Math.sinh(x * y)],
  ],
  [
    'tanh(x * y)',
    1.3,
    -0.7,
    (x, y) => Math.tanh(x * y),
    (x, y) => [y * (1 - Math.tanh(x * y) ** 2), x * (1 - Math.tanh(x * y) ** 2)],
  ],
  ['pi * x + e * y', 1.3, -0.7, (x, y) => Math.PI * x + Math.E * y, () => [Math.PI, Math.E]],
  [
    'sin(x) ** 2 + cos(y) ** 2',
    1.3,
    -0.7,
    (x, y) => Math.sin(x) ** 2 + Math.cos(y) ** 2,
    (x, y) => [2 * Math.sin(x) * Math.cos(x), -2 * Math.cos(y) * Math.sin(y)],
  ],
  [
    'x * x * x - 3 * x * y',
    1.3,
    -0.7,
    (x, y) => x ** 3 - 3 * x * y,
    (x, y) => [3 * x * x - 3 * y, -3 * x],
  ],
];

describe('gradients against hand-derived derivatives', () => {
  it.each(HAND_DERIVED)('%s at (%d, %d)', (source, x, y, f, grad) => {
    const result = at(source, x, y);
    expect(result.f).toBeCloseTo(f(x, y), 12);
    const [gx, gy] = grad(x, y);
    expect(result.g[0]).toBeCloseTo(gx, 12);
    expect(result.g[1]).toBeCloseTo(gy, 12);
  });

  it('covers every operator and every function of the language', () => {
    const sources = HAND_DERIVED.map(([source]) => source).join(' ');
    for (const op of ['+', '-', '*', '/', '//', '%', '**'])
      expect(sources, op).toContain(` ${op} `);
    for (const fn of FUNCTIONS.keys()) expect(sources, fn).toContain(`${fn}(`);
  });
});

/** Deterministic points in [-2, 2]^2 (a small LCG: the test must not depend on chance). */
function points(count: number, seed: number): Pair[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 4 - 2;
  };
  return Array.from({ length: count }, () => [next(), next()]);
}

const COMPOSITES = [
  '(1 - x) ** 2 + 100 * (y - x ** 2) ** 2',
  '(1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2',
  '20 + x ** 2 - 10 * cos(2 * pi * x) + y ** 2 - 10 * cos(2 * pi * y)',
  'sqrt(x ** 2 + y ** 2 + 1) + 0.3 * sin(3 * x) * cos(2 * y) + 0.1 * tanh(x * y)',
  'log(1 + x ** 2) + exp(0.2 * y) + 0.1 * atan(x) ** 2 + 0.01 * cosh(y) + 0.01 * sinh(x) ** 2',
  '(x ** 2 + 1) ** 1.5 + 2 ** (0.5 * y) + (y ** 2 + 0.5) ** 0.25 + 0.05 * tan(0.3 * x)',
  '(x ** 2 + y ** 2 + 0.1) ** (0.5 + 0.1 * x) * exp(-y / 3) / (2 + sin(x * y))',
  'x ** 2 + (y % 2 - 1) ** 2 + 0.3 * abs(x - y) + 0.2 * max(x, y) - 0.1 * min(x, 2 * y)',
];

describe('gradients against central finite differences', () => {
  it.each(COMPOSITES)('%s', (source) => {
    const program = compileSurfaceExpression(source);
    const g: Pair = [NaN, NaN];
    for (const [x, y] of points(40, source.length)) {
      program.valueAndGradient([x, y], g);
      for (const k of [0, 1] as const) {
        // h balances truncation (h^2 f''') and rounding (eps f / h) errors in float64.
        const h = 1e-5 * Math.max(1, Math.abs(k === 0 ? x : y));
        const plus: Pair = [x, y];
        const minus: Pair = [x, y];
        plus[k] += h;
        minus[k] -= h;
        const fd = (program.value(plus) - program.value(minus)) / (2 * h);
        expect(Math.abs(g[k] - fd), `∂${'xy'[k]} at (${x}, ${y})`).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(fd)),
        );
      }
    }
  });
});

describe("where the derivative is undefined or the value is not finite: torch's rules", () => {
  it.each([
    ['abs(x)', 0, 0, 0, [0, 0]], // sgn(0) = 0
    ['sqrt(x) + y', 0, 1, 1, [Infinity, 1]], // g / (2 sqrt(0))
    ['0 * sqrt(x)', 0, 0, 0, [NaN, 0]], // 0 · Infinity, as autograd multiplies it
    ['x ** 0', 0, 0, 1, [0, 0]], // exponent 0: gradient 0, even at 0
    ['x ** y', 0, 2, 0, [0, 0]], // base 0, exponent >= 0: no log(0) term
    ['x ** 2', -3, 0, 9, [-6, 0]], // negative base, constant exponent: no log term
    ['min(x, y)', 1, 1, 1, [1, 0]], // equal arguments: the first (Python's min)
    ['max(y, x)', 1, 1, 1, [0, 1]],
    ['log(x)', -1, 0, NaN, [-1, 0]], // the value is NaN; torch's g / a is not
    ['x / y', 1, 0, Infinity, [Infinity, -Infinity]],
    ['(-8) ** (1 / 3) + x', 1, 0, NaN, [1, 0]], // NaN as torch, not a complex root
    ['x % 3', -7, 0, 2, [1, 0]], // floored, as Python and torch
    ['-7 // 2 + 0 * x', 0, 0, -4, [0, 0]],
  ] as const)('%s at (%d, %d)', (source, x, y, f, [gx, gy]) => {
    const result = at(source, x, y);
    expect(result.f).toBe(f);
    expect(result.g[0]).toBe(gx);
    expect(result.g[1]).toBe(gy);
  });
});

describe('diagnose: why f or its gradient is not finite', () => {
  it.each([
    ['log(x)', -1, 0, 'log() at column 1 gives NaN'],
    ['1 + 1 / (x - 1)', 1, 0, '"/" at column 7 gives Infinity'],
    ['y + sqrt(x)', 0, 1, 'the gradient of sqrt() at column 5 is not finite (Infinity)'],
    ['exp(x) ** 2', 400, 0, '"**" at column 8 gives Infinity'],
  ])('%s at (%d, %d)', (source, x, y, message) => {
    expect(compileSurfaceExpression(source).diagnose([x, y])).toBe(message);
  });

  it('says nothing where both are finite', () => {
    expect(compileSurfaceExpression('log(x) + sqrt(y)').diagnose([1, 1])).toBeUndefined();
  });
});

describe('compilation', () => {
  it('folds constant sub-expressions to the same float64 numbers', () => {
    expect(at('2 ** 10 * x', 1, 0)).toEqual({ f: 1024, g: [1024, 0] });
    expect(at('x * (2 * pi)', 1, 0).g[0]).toBe(2 * Math.PI);
  });

  it('reuses its buffers: many evaluations give the same answer', () => {
    const program = compileSurfaceExpression('x * y + sin(x)');
    const g: Pair = [0, 0];
    const first = program.valueAndGradient([0.4, 0.9], g);
    const firstGrad = [...g];
    program.valueAndGradient([1.5, -2], g);
    expect(program.valueAndGradient([0.4, 0.9], g)).toBe(first);
    expect(g).toEqual(firstGrad);
  });
});
