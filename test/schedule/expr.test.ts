import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  ExpressionError,
  MAX_EXPRESSION_LENGTH,
  validateExpression,
} from '../../src/schedule';

const at = (source: string, epoch = 0): number => compileExpression(source)(epoch);

describe('lrLambda expressions: values (Python semantics, hand-derived)', () => {
  it.each([
    ['-2 ** 2', 0, -4], // ** binds tighter than unary minus
    ['2 ** 3 ** 2', 0, 512], // right-associative: 2 ** 9
    ['2 ** -1', 0, 0.5], // unary minus allowed in the exponent
    ['(-2) ** 2', 0, 4],
    ['-epoch ** 2', 3, -9],
    ['2 * -epoch', 3, -6],
    ['--epoch', 3, 3],
    ['+epoch', 3, 3],
    ['1 ++ 2', 0, 3], // 1 + (+2), as Python reads it
    ['1 + 2 * 3', 0, 7],
    ['(1 + 2) * 3', 0, 9],
    ['2 ** 2 * 3', 0, 12],
    ['10 / 4 / 5', 0, 0.5], // left-associative
    ['10 - 4 - 3', 0, 3],
    ['-7 % 3', 0, 2], // Python's floored modulo (JS's % gives -1)
    ['7 % -3', 0, -2],
    ['epoch % 5', 12, 2],
    ['-7 // 2', 0, -4], // floor division, as in torch docs' `epoch // 30`
    ['epoch // 30', 65, 2],
    ['1e-3 * 1000', 0, 1],
    ['.5 + 1.', 0, 1.5],
    ['2.5E2', 0, 250],
    ['min(3, epoch, 5)', 4, 3],
    ['max(0.1, 1 - epoch / 10)', 20, 0.1],
    ['abs(-3)', 0, 3],
    ['exp(0)', 0, 1],
    ['log(e)', 0, 1],
    ['sqrt(16)', 0, 4],
    ['floor(-0.5)', 0, -1],
    ['ceil(0.2)', 0, 1],
    ['cos(pi)', 0, -1],
    ['sin(0)', 0, 0],
    ['0.95 ** epoch', 2, 0.9025],
    ['1 / (1 + 0.1 * epoch)', 10, 0.5],
    ['0.5 * (1 + cos(pi * epoch / 60))', 60, 0],
    ['  epoch\t*\n2 ', 4, 8],
  ])('%s at epoch %d is %d', (source, epoch, expected) => {
    expect(at(source, epoch)).toBeCloseTo(expected, 14);
  });

  it('compiles once and evaluates at many epochs', () => {
    const f = compileExpression('0.5 ** floor(epoch / 10)');
    expect([0, 9, 10, 25].map(f)).toEqual([1, 1, 0.5, 0.25]);
  });
});

describe('lrLambda expressions: errors say what and where', () => {
  it.each([
    ['0.5 * )', 'lrLambda: unexpected ")" at column 7'],
    [
      'foo',
      'lrLambda: unknown name "foo" at column 1; allowed: epoch, pi, e, min, max, abs, exp, log, sqrt, floor, ceil, cos, sin',
    ],
    ['epoch * constructor', 'unknown name "constructor" at column 9'],
    ['__proto__', 'unknown name "__proto__" at column 1'],
    ['this', 'unknown name "this" at column 1'],
    ['globalThis', 'unknown name "globalThis" at column 1'],
    ['toString(1)', 'unknown name "toString" at column 1'],
    ['a = 1', 'unexpected "=" at column 3; assignment is not allowed'],
    ['epoch == 1', 'unexpected "=" at column 7'],
    ['x[0]', 'unexpected "[" at column 2; indexing is not allowed'],
    ['epoch.constructor', 'unexpected "." at column 6; property access is not allowed'],
    ['"abc"', 'unexpected """ at column 1; strings are not allowed'],
    ["'abc'", 'unexpected "\'" at column 1; strings are not allowed'],
    ['`x`', 'strings are not allowed'],
    ['epoch; 1', 'unexpected ";" at column 6'],
    ['(() => 1)()', 'unexpected "=" at column 5'], // the tokenizer sees "=" first
    ['', 'lrLambda: expression is empty'],
    ['   ', 'expression is empty'],
    ['1 +', 'unexpected end of expression at column 4'],
    ['(1 + 2', 'missing ")" for "(" at column 1'],
    ['2 epoch', 'unexpected "epoch" at column 3'],
    ['2 *** 3', 'unexpected "*" at column 5'],
    ['1e', 'malformed number "1e" at column 1'],
    ['2epoch', 'malformed number "2e" at column 1'],
    ['sin', '"sin" is a function at column 1; call it as sin(x)'],
    ['epoch(2)', '"epoch" is not a function at column 1'],
    ['min(1)', 'min() takes at least 2 arguments, got 1 at column 1'],
    ['sin(1, 2)', 'sin() takes exactly 1 argument, got 2 at column 1'],
    ['max()', 'unexpected ")" at column 5'],
  ])('%j', (source, message) => {
    expect(() => compileExpression(source)).toThrow(message);
    const check = validateExpression(source);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(message);
  });

  it('reports the column of the offending token', () => {
    expect(validateExpression('0.5 * )')).toEqual({
      ok: false,
      message: 'lrLambda: unexpected ")" at column 7',
      column: 7,
    });
    const error = (() => {
      try {
        compileExpression('epoch + foo');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).column).toBe(9);
  });

  it('caps the length of the source', () => {
    const long = `${'1 + '.repeat(125)}1`; // 501 characters
    expect(long.length).toBe(MAX_EXPRESSION_LENGTH + 1);
    expect(() => compileExpression(long)).toThrow(
      'lrLambda: expression is too long (501 characters; at most 500)',
    );
    const justFits = `${'1+'.repeat(249)}10`; // 500 characters
    expect(justFits.length).toBe(MAX_EXPRESSION_LENGTH);
    expect(at(justFits)).toBe(259);
  });

  it('accepts valid sources', () => {
    expect(validateExpression('0.5 * (1 + cos(pi * epoch / 60))')).toEqual({ ok: true });
  });

  it.each([
    ['1 / epoch', 0, 'division by zero at column 3 (epoch = 0)'],
    ['epoch // 0', 5, 'division by zero'],
    ['epoch % 0', 5, 'modulo by zero'],
    ['log(epoch)', 0, 'log of 0 (math domain error) at column 1'],
    ['sqrt(epoch - 5)', 1, 'sqrt of -4 (math domain error)'],
    ['(-8) ** (1 / 3)', 0, 'negative number to a fractional power'],
    ['0 ** -1', 0, 'zero to a negative power'],
    ['exp(epoch)', 1000, 'result overflows (Infinity)'],
  ])('%s at epoch %d throws where Python raises', (source, epoch, message) => {
    const f = compileExpression(source);
    expect(() => f(epoch)).toThrow(message);
  });
});
