import type { Node } from './ast';
import { ExpressionError } from './errors';
import { evaluate } from './evaluate';
import type { ExpressionLanguage } from './language';
import { LR_LAMBDA_LANGUAGE } from './language';
import { parseExpression } from './parser';

export { ExpressionError } from './errors';
export { MAX_EXPRESSION_LENGTH } from './tokens';
export type { Node as ExpressionNode, BinaryOperator, FunctionName } from './ast';
export type { ExpressionLanguage } from './language';
export { LR_LAMBDA_LANGUAGE, allowedNames } from './language';
export { FUNCTIONS, UNARY_MATH } from './names';
export type { UnaryFunctionName } from './names';
export { parseExpression };

export type ExpressionCheck = { ok: true } | { ok: false; message: string; column: number };

/**
 * Compiles an lrLambda expression in `epoch` (e.g. "0.95 ** epoch") to a function. The
 * source is parsed once to an AST and interpreted: never eval'd. Throws ExpressionError,
 * whose path is `field` (where the expression was written: `runs[0].scheduler.lrLambda`).
 */
export function compileExpression(
  source: string,
  field: string = LR_LAMBDA_LANGUAGE.field,
): (epoch: number) => number {
  const language =
    field === LR_LAMBDA_LANGUAGE.field ? LR_LAMBDA_LANGUAGE : { ...LR_LAMBDA_LANGUAGE, field };
  const ast: Node = parseExpression(source, language);
  return (epoch: number) => evaluate(ast, [epoch], language);
}

/**
 * For editors: whether the source parses in `language` (lrLambda's by default), and if not,
 * the message and 1-based column.
 */
export function validateExpression(
  source: string,
  language: ExpressionLanguage = LR_LAMBDA_LANGUAGE,
): ExpressionCheck {
  try {
    parseExpression(source, language);
    return { ok: true };
  } catch (error) {
    if (error instanceof ExpressionError) {
      return { ok: false, message: error.message, column: error.column };
    }
    throw error;
  }
}
