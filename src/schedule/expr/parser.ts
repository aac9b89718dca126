import type { BinaryOperator, Node } from './ast';
import { ExpressionError } from './errors';
import type { ExpressionLanguage } from './language';
import { allowedNames, constantValue, languageFunction, LR_LAMBDA_LANGUAGE } from './language';
import type { Token } from './tokens';
import { tokenize } from './tokens';

/**
 * Recursive-descent parser with Python's precedence, so an expression copied from a torch
 * lambda means the same thing:
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/' | '//' | '%') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('**' unary)?      (right-associative; -2 ** 2 == -4, 2 ** -1 == 0.5)
 *   primary := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
 * Which names exist (variables, functions, constants) is the language's to say.
 */
class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly language: ExpressionLanguage,
  ) {}

  parse(): Node {
    if (this.peek().kind === 'end') throw this.error('expression is empty', 1);
    const node = this.sum();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next);
    return node;
  }

  private error(detail: string, column: number): ExpressionError {
    return new ExpressionError(detail, column, this.language.field);
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private advance(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  private isOp(...ops: string[]): boolean {
    const token = this.peek();
    return token.kind === 'op' && ops.includes(token.text);
  }

  private unexpected(token: Token): ExpressionError {
    if (token.kind === 'end') {
      return this.error(`unexpected end of expression at column ${token.column}`, token.column);
    }
    return this.error(`unexpected "${token.text}" at column ${token.column}`, token.column);
  }

  private binary(op: BinaryOperator, left: Node, right: Node, column: number): Node {
    return { kind: 'binary', op, left, right, column };
  }

  private sum(): Node {
    let node = this.product();
    while (this.isOp('+', '-')) {
      const token = this.advance();
      node = this.binary(token.text as BinaryOperator, node, this.product(), token.column);
    }
    return node;
  }

  private product(): Node {
    let node = this.unary();
    while (this.isOp('*', '/', '//', '%')) {
      const token = this.advance();
      node = this.binary(token.text as BinaryOperator, node, this.unary(), token.column);
    }
    return node;
  }

  private unary(): Node {
    if (this.isOp('-')) {
      this.advance();
      return { kind: 'negate', operand: this.unary() };
    }
    if (this.isOp('+')) {
      this.advance();
      return this.unary();
    }
    return this.power();
  }

  private power(): Node {
    const base = this.primary();
    if (!this.isOp('**')) return base;
    const token = this.advance();
    return this.binary('**', base, this.unary(), token.column);
  }

  private primary(): Node {
    const token = this.advance();
    if (token.kind === 'number') return { kind: 'number', value: token.value };
    if (token.kind === 'op' && token.text === '(') {
      const inner = this.sum();
      this.expectClose(token.column);
      return inner;
    }
    if (token.kind === 'name') return this.name(token.text, token.column);
    throw this.unexpected(token);
  }

  private expectClose(openColumn: number): void {
    const next = this.peek();
    if (next.kind === 'op' && next.text === ')') {
      this.advance();
      return;
    }
    if (next.kind === 'end') {
      throw this.error(`missing ")" for "(" at column ${openColumn}`, next.column);
    }
    throw this.unexpected(next);
  }

  private name(text: string, column: number): Node {
    const isCall = this.isOp('(');
    const fn = languageFunction(this.language, text);
    if (fn !== undefined) {
      if (!isCall) {
        throw this.error(
          `"${text}" is a function at column ${column}; call it as ${text}(x)`,
          column,
        );
      }
      const open = this.advance();
      const args = [this.sum()];
      while (this.isOp(',')) {
        this.advance();
        args.push(this.sum());
      }
      this.expectClose(open.column);
      if (args.length < fn.minArgs || args.length > fn.maxArgs) {
        const wanted = fn.maxArgs === 1 ? 'exactly 1 argument' : `at least ${fn.minArgs} arguments`;
        throw this.error(
          `${text}() takes ${wanted}, got ${args.length} at column ${column}`,
          column,
        );
      }
      return { kind: 'call', fn: fn.fn, args, column };
    }
    const index = this.language.variables.indexOf(text);
    const constant = constantValue(this.language, text);
    if ((index >= 0 || constant !== undefined) && isCall) {
      throw this.error(`"${text}" is not a function at column ${column}`, column);
    }
    if (index >= 0) return { kind: 'variable', name: text, index };
    if (constant !== undefined) return { kind: 'number', value: constant };
    throw this.error(
      `unknown name "${text}" at column ${column}; allowed: ${allowedNames(this.language)}`,
      column,
    );
  }
}

/**
 * Parses a source to an AST in `language` (lrLambda's by default); throws ExpressionError
 * saying what and where.
 */
export function parseExpression(
  source: string,
  language: ExpressionLanguage = LR_LAMBDA_LANGUAGE,
): Node {
  return new Parser(tokenize(source, language.field), language).parse();
}
