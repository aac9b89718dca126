// One expression language, a variable set per use: lrLambda keeps exactly its names (epoch
// and its ten functions), surfaces get x and y and every function, and errors say which
// names are allowed, with the column, in the field the expression is written in.
import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  ExpressionError,
  LR_LAMBDA_LANGUAGE,
  parseExpression,
  validateExpression,
} from '../../src/schedule/expr';
import {
  compileSurfaceExpression,
  surfaceLanguage,
  validateSurfaceExpression,
} from '../../src/surface';

const LR_LAMBDA_ALLOWED =
  'allowed: epoch, pi, e, min, max, abs, exp, log, sqrt, floor, ceil, cos, sin';
const SURFACE_ALLOWED =
  'allowed: x, y, pi, e, min, max, abs, exp, log, sqrt, floor, ceil, cos, sin, tan, atan, sinh, cosh, tanh';

function thrown(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
}

describe('lrLambda keeps its language', () => {
  it.each([
    ['x + 1', 'lrLambda: unknown name "x" at column 1; ' + LR_LAMBDA_ALLOWED],
    ['epoch * y', 'lrLambda: unknown name "y" at column 9; ' + LR_LAMBDA_ALLOWED],
    ['tanh(epoch)', 'lrLambda: unknown name "tanh" at column 1; ' + LR_LAMBDA_ALLOWED],
    ['atan(1)', 'unknown name "atan" at column 1'],
  ])('%s is refused as before', (source, message) => {
    expect(() => compileExpression(source)).toThrow(message);
    expect(validateExpression(source)).toMatchObject({
      ok: false,
      message: expect.stringContaining(message),
    });
  });

  it('still evaluates epoch with Python semantics (raising where Python raises)', () => {
    expect(compileExpression('0.5 ** (epoch // 10)')(25)).toBe(0.25);
    expect(() => compileExpression('log(epoch)')(0)).toThrow(
      'lrLambda: log of 0 (math domain error) at column 1 (epoch = 0)',
    );
  });

  it('is the default language of parseExpression', () => {
    expect(parseExpression('epoch')).toEqual(parseExpression('epoch', LR_LAMBDA_LANGUAGE));
  });
});

describe('surface expressions: x and y, every function, errors in the "expression" field', () => {
  it('parses variables to their index', () => {
    expect(parseExpression('y - x', surfaceLanguage())).toEqual({
      kind: 'binary',
      op: '-',
      left: { kind: 'variable', name: 'y', index: 1 },
      right: { kind: 'variable', name: 'x', index: 0 },
      column: 3,
    });
  });

  it.each([
    ['x + z', 'expression: unknown name "z" at column 5; ' + SURFACE_ALLOWED, 5],
    ['epoch', 'expression: unknown name "epoch" at column 1; ' + SURFACE_ALLOWED, 1],
    ['x(2)', 'expression: "x" is not a function at column 1', 1],
    ['tanh', 'expression: "tanh" is a function at column 1; call it as tanh(x)', 1],
    ['x ** ', 'expression: unexpected end of expression at column 6', 6],
    ['x $ y', 'expression: unexpected "$" at column 3', 3],
    ['2x', 'expression: malformed number "2x" at column 1', 1],
    ['', 'expression: expression is empty', 1],
    ['max(x)', 'expression: max() takes at least 2 arguments, got 1 at column 1', 1],
    ['x.y', 'expression: unexpected "." at column 2; property access is not allowed', 2],
  ])('%j: %s', (source, message, column) => {
    const error = thrown(() => compileSurfaceExpression(source));
    expect(error.message).toContain(message);
    expect(error.column).toBe(column);
    expect(error.field).toBe('expression');
    expect(validateSurfaceExpression(source)).toEqual({
      ok: false,
      message: error.message,
      column,
    });
  });

  it('caps the length as lrLambda does', () => {
    expect(validateSurfaceExpression(`${'x + '.repeat(125)}y`)).toMatchObject({
      ok: false,
      message: 'expression: expression is too long (501 characters; at most 500)',
    });
  });

  it("a surface may add named constants (the quadratic's c), listed among the allowed names", () => {
    const c = new Map([['c', 4]]);
    expect(compileSurfaceExpression('c * y', c).value([0, 3])).toBe(12);
    expect(thrown(() => compileSurfaceExpression('c * y')).message).toContain('unknown name "c"');
    expect(thrown(() => compileSurfaceExpression('k', c)).message).toContain(
      'allowed: x, y, pi, e, c, min',
    );
  });

  it('accepts a valid source', () => {
    expect(validateSurfaceExpression('(1 - x) ** 2 + 100 * (y - x ** 2) ** 2')).toEqual({
      ok: true,
    });
  });
});
