/**
 * An lrLambda expression as a Python lambda, printed from its parsed AST (never pasted from
 * the source string). The expression language has Python's operators and precedence, so
 * the printed lambda computes what optim-lab's evaluator computes: the parentheses the
 * parse needs (and only those) are written back, keeping its exact grouping.
 */
import type { BinaryOperator, FunctionName, Node } from '../schedule/expr/ast';
import { parseExpression } from '../schedule/expr';
import { pyNumber } from './python';

/** Python's binding strength, loosest first: sums, products, unary minus, `**`, atoms. */
const Level = { Sum: 1, Product: 2, Unary: 3, Power: 4, Atom: 5 } as const;
type Level = number;

const OPERATOR_LEVEL: Record<BinaryOperator, Level> = {
  '+': Level.Sum,
  '-': Level.Sum,
  '*': Level.Product,
  '/': Level.Product,
  '//': Level.Product,
  '%': Level.Product,
  '**': Level.Power,
};

/** min, max and abs are Python builtins; the rest come from `math`. */
const PYTHON_FUNCTION: Record<FunctionName, string> = {
  min: 'min',
  max: 'max',
  abs: 'abs',
  exp: 'math.exp',
  log: 'math.log',
  sqrt: 'math.sqrt',
  floor: 'math.floor',
  ceil: 'math.ceil',
  cos: 'math.cos',
  sin: 'math.sin',
  tan: 'math.tan',
  atan: 'math.atan',
  sinh: 'math.sinh',
  cosh: 'math.cosh',
  tanh: 'math.tanh',
};

interface Printed {
  text: string;
  level: Level;
}

function wrap(printed: Printed, atLeast: Level): string {
  return printed.level >= atLeast ? printed.text : `(${printed.text})`;
}

function numberLiteral(value: number): string {
  // The parser turns the names pi and e into their values; write the names back.
  if (value === Math.PI) return 'math.pi';
  if (value === Math.E) return 'math.e';
  return pyNumber(value);
}

function print(node: Node): Printed {
  switch (node.kind) {
    case 'number':
      return { text: numberLiteral(node.value), level: Level.Atom };
    case 'variable':
      // lrLambda's only variable is `epoch`, the lambda's parameter.
      return { text: node.name, level: Level.Atom };
    case 'negate':
      return { text: `-${wrap(print(node.operand), Level.Unary)}`, level: Level.Unary };
    case 'call': {
      const args = node.args.map((arg) => print(arg).text).join(', ');
      return { text: `${PYTHON_FUNCTION[node.fn]}(${args})`, level: Level.Atom };
    }
    case 'binary': {
      const level = OPERATOR_LEVEL[node.op];
      const left = print(node.left);
      const right = print(node.right);
      if (node.op === '**') {
        // Right-associative, and its exponent may be a unary minus: 2 ** -epoch.
        return {
          text: `${wrap(left, Level.Atom)} ** ${wrap(right, Level.Unary)}`,
          level,
        };
      }
      // Left-associative: a right operand at the same level was grouped on purpose.
      return {
        text: `${wrap(left, level)} ${node.op} ${wrap(right, level + 1)}`,
        level,
      };
    }
    default:
      return unsupported(node);
  }
}

function unsupported(node: never): never {
  throw new Error(`toPyTorch: lrLambda node ${JSON.stringify(node)} has no Python form`);
}

/** `lambda epoch: <expr>` for an lrLambda source such as "0.95 ** epoch". */
export function pythonLambda(source: string): string {
  return `lambda epoch: ${print(parseExpression(source)).text}`;
}

/** Whether the printed lambda needs `import math`. */
export function lambdaUsesMath(source: string): boolean {
  return pythonLambda(source).includes('math.');
}
