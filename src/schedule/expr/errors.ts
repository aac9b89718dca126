/** A syntax, name or evaluation error in an lrLambda expression, with its 1-based column. */
export class ExpressionError extends Error {
  constructor(
    readonly detail: string,
    readonly column: number,
  ) {
    super(`lrLambda: ${detail}`);
    this.name = 'ExpressionError';
  }
}
