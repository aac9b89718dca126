import type { BinaryOperator, Node } from './ast';
import { ExpressionError } from './errors';
import { ALLOWED_NAMES, CONSTANTS, FUNCTIONS } from './names';
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
 */
class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    if (this.peek().kind === 'end') throw new ExpressionError('expression is empty', 1);
    const node = this.sum();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next);
    return node;
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
      return new ExpressionError(
        `unexpected end of expression at column ${token.column}`,
        token.column,
      );
    }
    return new ExpressionError(
      `unexpected "${token.text}" at column ${token.column}`,
      token.column,
    );
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
      throw new ExpressionError(`missing ")" for "(" at column ${openColumn}`, next.column);
    }
    throw this.unexpected(next);
  }

  private name(text: string, column: number): Node {
    const isCall = this.isOp('(');
    const fn = FUNCTIONS.get(text);
    if (fn !== undefined) {
      if (!isCall) {
        throw new ExpressionError(
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
        throw new ExpressionError(
          `${text}() takes ${wanted}, got ${args.length} at column ${column}`,
          column,
        );
      }
      return { kind: 'call', fn: fn.fn, args, column };
    }
    const isVariable = text === 'epoch' || CONSTANTS.has(text);
    if (isVariable && isCall) {
      throw new ExpressionError(`"${text}" is not a function at column ${column}`, column);
    }
    if (text === 'epoch') return { kind: 'epoch' };
    const constant = CONSTANTS.get(text);
    if (constant !== undefined) return { kind: 'number', value: constant };
    throw new ExpressionError(
      `unknown name "${text}" at column ${column}; allowed: ${ALLOWED_NAMES}`,
      column,
    );
  }
}

/** Parses an lrLambda source to an AST; throws ExpressionError saying what and where. */
export function parseExpression(source: string): Node {
  return new Parser(tokenize(source)).parse();
}
