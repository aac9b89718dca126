import type { ExpressionCheck, ExpressionLanguage, FunctionName } from '../schedule/expr';
import { FUNCTIONS, parseExpression, validateExpression } from '../schedule/expr';
import { Program } from './program';

/** Every function the expression language has (lrLambda offers a subset). */
const ALL_FUNCTIONS: readonly FunctionName[] = [...FUNCTIONS.values()].map((spec) => spec.fn);

/**
 * The language of surface expressions: variables x and y, every function, written in the
 * `expression` field. A built-in surface may add named constants (the quadratic's `c`).
 */
export function surfaceLanguage(constants?: ReadonlyMap<string, number>): ExpressionLanguage {
  return { field: 'expression', variables: ['x', 'y'], functions: ALL_FUNCTIONS, constants };
}

/** Parses f(x, y) and compiles it with its gradient; throws ExpressionError (with column). */
export function compileSurfaceExpression(
  source: string,
  constants?: ReadonlyMap<string, number>,
): Program {
  return new Program(parseExpression(source, surfaceLanguage(constants)), 2);
}

/** For editors: whether f(x, y) parses, and if not, the message and 1-based column. */
export function validateSurfaceExpression(source: string): ExpressionCheck {
  return validateExpression(source, surfaceLanguage());
}
