/**
 * A syntax, name or evaluation error in an expression, with its 1-based column. The message
 * starts with the field the expression was written in (`lrLambda: ...`, `expression: ...`).
 */
export class ExpressionError extends Error {
  constructor(
    readonly detail: string,
    readonly column: number,
    readonly field = 'lrLambda',
  ) {
    super(`${field}: ${detail}`);
    this.name = 'ExpressionError';
  }
}
