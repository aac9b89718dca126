import { ConfigError } from '../config-error';

/**
 * A syntax, name or evaluation error in an expression, with its 1-based column: a ConfigError
 * about the field the expression was written in (`lrLambda`, a surface's `expression`), so it
 * travels and is reported like any other.
 */
export class ExpressionError extends ConfigError {
  constructor(
    detail: string,
    readonly column: number,
    readonly field = 'lrLambda',
  ) {
    super(field, detail);
    this.name = 'ExpressionError';
  }
}
