import type { BinaryOperator, FunctionName, Node } from './ast';
import { ExpressionError } from './errors';
import type { ExpressionLanguage } from './language';
import { UNARY_MATH } from './names';
import { pyFloorDiv, pyMod } from '../py-math';

/**
 * Evaluation with Python's `math` semantics, for lrLambda (a Python lambda on floats):
 * Python raises where JS would quietly give Infinity or NaN; we raise too, saying where and
 * at which values of the variables. (Surfaces differentiate with torch's tensor semantics
 * instead, NaN and Infinity included: see src/surface/program.ts.)
 */
class Evaluator {
  constructor(
    private readonly values: readonly number[],
    private readonly language: ExpressionLanguage,
  ) {}

  private fail(what: string, column: number): never {
    const at = this.language.variables.map((name, i) => `${name} = ${this.values[i]}`).join(', ');
    throw new ExpressionError(`${what} at column ${column} (${at})`, column, this.language.field);
  }

  private binary(op: BinaryOperator, a: number, b: number, column: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) this.fail('division by zero', column);
        return a / b;
      case '//':
        if (b === 0) this.fail('division by zero', column);
        return pyFloorDiv(a, b);
      case '%':
        if (b === 0) this.fail('modulo by zero', column);
        return pyMod(a, b);
      case '**':
        if (a === 0 && b < 0) this.fail('zero to a negative power', column);
        if (a < 0 && !Number.isInteger(b))
          this.fail('negative number to a fractional power', column);
        return a ** b;
    }
  }

  private call(fn: FunctionName, args: number[], column: number): number {
    const [x] = args;
    switch (fn) {
      case 'min':
        return Math.min(...args);
      case 'max':
        return Math.max(...args);
      case 'log':
        if (x <= 0) this.fail(`log of ${x} (math domain error)`, column);
        break;
      case 'sqrt':
        if (x < 0) this.fail(`sqrt of ${x} (math domain error)`, column);
        break;
    }
    return UNARY_MATH[fn](x);
  }

  private finite(value: number, column: number): number {
    if (!Number.isFinite(value)) this.fail(`result overflows (${value})`, column);
    return value;
  }

  evaluate(node: Node): number {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'variable':
        return this.values[node.index];
      case 'negate':
        return -this.evaluate(node.operand);
      case 'binary': {
        const left = this.evaluate(node.left);
        const right = this.evaluate(node.right);
        return this.finite(this.binary(node.op, left, right, node.column), node.column);
      }
      case 'call': {
        const args = node.args.map((arg) => this.evaluate(arg));
        return this.finite(this.call(node.fn, args, node.column), node.column);
      }
    }
  }
}

/** Evaluates a parsed expression at `values` (one per variable of `language`, in order). */
export function evaluate(
  node: Node,
  values: readonly number[],
  language: ExpressionLanguage,
): number {
  return new Evaluator(values, language).evaluate(node);
}
