import type { FunctionName } from './ast';

/** Named constants; a Map so that inherited names like `constructor` never resolve. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

export interface FunctionSpec {
  fn: FunctionName;
  minArgs: number;
  maxArgs: number;
}

/**
 * Every function an expression language may offer, and how many arguments each takes (min
 * and max: two or more, as in Python). Each language picks its own subset (see language.ts).
 */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  (
    [
      ['min', 2, Infinity],
      ['max', 2, Infinity],
      ['abs', 1, 1],
      ['exp', 1, 1],
      ['log', 1, 1],
      ['sqrt', 1, 1],
      ['floor', 1, 1],
      ['ceil', 1, 1],
      ['cos', 1, 1],
      ['sin', 1, 1],
      ['tan', 1, 1],
      ['atan', 1, 1],
      ['sinh', 1, 1],
      ['cosh', 1, 1],
      ['tanh', 1, 1],
    ] as const
  ).map(([fn, minArgs, maxArgs]) => [fn, { fn, minArgs, maxArgs }]),
);

export type UnaryFunctionName = Exclude<FunctionName, 'min' | 'max'>;

/** The one-argument functions as JavaScript computes them (IEEE: NaN, not an error). */
export const UNARY_MATH: Readonly<Record<UnaryFunctionName, (x: number) => number>> = {
  abs: Math.abs,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  floor: Math.floor,
  ceil: Math.ceil,
  cos: Math.cos,
  sin: Math.sin,
  tan: Math.tan,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
};
