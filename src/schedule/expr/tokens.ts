import { ExpressionError } from './errors';

export const MAX_EXPRESSION_LENGTH = 500;

export type Operator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '(' | ')' | ',';

export type Token =
  | { kind: 'number'; value: number; text: string; column: number }
  | { kind: 'name'; text: string; column: number }
  | { kind: 'op'; text: Operator; column: number }
  | { kind: 'end'; text: ''; column: number };

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS: readonly Operator[] = ['**', '//', '+', '-', '*', '/', '%', '(', ')', ','];

/** Why a character that is not part of the language is refused, for the error message. */
function refusal(char: string): string {
  if (char === '"' || char === "'" || char === '`') return 'strings are not allowed';
  if (char === '=') return 'assignment is not allowed';
  if (char === '[' || char === ']') return 'indexing is not allowed';
  if (char === '.') return 'property access is not allowed';
  return 'allowed: numbers, names, + - * / // % ** ( ) ,';
}

/** Splits a source into tokens; columns are 1-based. `field` prefixes error messages. */
export function tokenize(source: string, field = 'lrLambda'): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      `expression is too long (${source.length} characters; at most ${MAX_EXPRESSION_LENGTH})`,
      MAX_EXPRESSION_LENGTH + 1,
      field,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    const column = i + 1;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      i += 1;
      continue;
    }
    const rest = source.slice(i);
    const number = NUMBER.exec(rest);
    if (number) {
      const text = number[0];
      // "1e" or "2x" glued to a number is a typo, not an implicit product.
      if (/^[A-Za-z_]/.test(source.slice(i + text.length))) {
        throw new ExpressionError(
          `malformed number "${text}${source[i + text.length]}" at column ${column}`,
          column,
          field,
        );
      }
      tokens.push({ kind: 'number', value: Number(text), text, column });
      i += text.length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], column });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (op) {
      tokens.push({ kind: 'op', text: op, column });
      i += op.length;
      continue;
    }
    throw new ExpressionError(
      `unexpected "${char}" at column ${column}; ${refusal(char)}`,
      column,
      field,
    );
  }
  tokens.push({ kind: 'end', text: '', column: source.length + 1 });
  return tokens;
}
