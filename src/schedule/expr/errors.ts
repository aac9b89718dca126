import { ConfigError } from '../config-error';

/**
 * A syntax, name or evaluation error in an lrLambda expression, with its 1-based column: a
 * ConfigError about the `lrLambda` field, so it travels and is reported like any other.
 */
export class ExpressionError extends ConfigError {
  constructor(
    detail: string,
    readonly column: number,
  ) {
    super('lrLambda', detail);
    this.name = 'ExpressionError';
  }
}
