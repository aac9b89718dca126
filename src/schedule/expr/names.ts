import type { FunctionName } from './ast';

/** Named constants; a Map so that inherited names like `constructor` never resolve. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** Functions and how many arguments each takes (min and max: two or more, as in Python). */
export const FUNCTIONS: ReadonlyMap<
  string,
  { fn: FunctionName; minArgs: number; maxArgs: number }
> = new Map(
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
    ] as const
  ).map(([fn, minArgs, maxArgs]) => [fn, { fn, minArgs, maxArgs }]),
);

export const ALLOWED_NAMES = ['epoch', ...CONSTANTS.keys(), ...FUNCTIONS.keys()].join(', ');
