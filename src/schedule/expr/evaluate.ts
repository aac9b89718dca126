import type { BinaryOperator, FunctionName, Node } from './ast';
import { ExpressionError } from './errors';
import { pyFloorDiv, pyMod } from '../py-math';

/** Python raises where JS would quietly give Infinity or NaN; we raise too, saying where. */
function fail(what: string, column: number, epoch: number): never {
  throw new ExpressionError(`${what} at column ${column} (epoch = ${epoch})`, column);
}

function binary(op: BinaryOperator, a: number, b: number, column: number, epoch: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) fail('division by zero', column, epoch);
      return a / b;
    case '//':
      if (b === 0) fail('division by zero', column, epoch);
      return pyFloorDiv(a, b);
    case '%':
      if (b === 0) fail('modulo by zero', column, epoch);
      return pyMod(a, b);
    case '**':
      if (a === 0 && b < 0) fail('zero to a negative power', column, epoch);
      if (a < 0 && !Number.isInteger(b))
        fail('negative number to a fractional power', column, epoch);
      return a ** b;
  }
}

function call(fn: FunctionName, args: number[], column: number, epoch: number): number {
  const [x] = args;
  switch (fn) {
    case 'min':
      return Math.min(...args);
    case 'max':
      return Math.max(...args);
    case 'abs':
      return Math.abs(x);
    case 'exp':
      return Math.exp(x);
    case 'log':
      if (x <= 0) fail(`log of ${x} (math domain error)`, column, epoch);
      return Math.log(x);
    case 'sqrt':
      if (x < 0) fail(`sqrt of ${x} (math domain error)`, column, epoch);
      return Math.sqrt(x);
    case 'floor':
      return Math.floor(x);
    case 'ceil':
      return Math.ceil(x);
    case 'cos':
      return Math.cos(x);
    case 'sin':
      return Math.sin(x);
  }
}

function finite(value: number, column: number, epoch: number): number {
  if (!Number.isFinite(value)) fail(`result overflows (${value})`, column, epoch);
  return value;
}

/** Evaluates a parsed lrLambda at one epoch. */
export function evaluate(node: Node, epoch: number): number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'epoch':
      return epoch;
    case 'negate':
      return -evaluate(node.operand, epoch);
    case 'binary': {
      const left = evaluate(node.left, epoch);
      const right = evaluate(node.right, epoch);
      return finite(binary(node.op, left, right, node.column, epoch), node.column, epoch);
    }
    case 'call': {
      const args = node.args.map((arg) => evaluate(arg, epoch));
      return finite(call(node.fn, args, node.column, epoch), node.column, epoch);
    }
  }
}
