import type { Node } from './ast';
import { ExpressionError } from './errors';
import { evaluate } from './evaluate';
import { parseExpression } from './parser';

export { ExpressionError } from './errors';
export { MAX_EXPRESSION_LENGTH } from './tokens';
export type { Node as ExpressionNode } from './ast';
export { parseExpression };

export type ExpressionCheck = { ok: true } | { ok: false; message: string; column: number };

/**
 * Compiles an lrLambda expression in `epoch` (e.g. "0.95 ** epoch") to a function. The
 * source is parsed once to an AST and interpreted: never eval'd. Throws ExpressionError.
 */
export function compileExpression(source: string): (epoch: number) => number {
  const ast: Node = parseExpression(source);
  return (epoch: number) => evaluate(ast, epoch);
}

/** For editors: whether the source parses, and if not, the message and 1-based column. */
export function validateExpression(source: string): ExpressionCheck {
  try {
    parseExpression(source);
    return { ok: true };
  } catch (error) {
    if (error instanceof ExpressionError) {
      return { ok: false, message: error.message, column: error.column };
    }
    throw error;
  }
}
