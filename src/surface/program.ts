/**
 * An expression compiled for fast, allocation-free evaluation and reverse-mode automatic
 * differentiation: the AST (never eval'd) becomes a tape of instructions in post-order, the
 * forward sweep writes every instruction's value into a Float64Array, and the reverse sweep
 * accumulates adjoints back to the variables. Sub-expressions without variables are folded to
 * constants at compile time (the same float64 operations, so the same numbers).
 *
 * Semantics are PyTorch's on float64 tensors, so the engine and the PyTorch fixtures agree on
 * what "f and its gradient at θ" are: IEEE results (log(-1) is NaN, 1/0 is Infinity; nothing
 * throws), `%` and `//` floored as in Python, min/max pick the first of equal arguments, and
 * each backward formula is torch 1.13's (tools/autograd/derivatives.yaml):
 *   abs: g·sgn(a)           log: g / a              sqrt: g / (2·r)
 *   exp: g·r                sin: g·cos(a)           cos: g·-sin(a)
 *   tan: g·(1 + r²)         atan: g / (a² + 1)      sinh: g·cosh(a)    cosh: g·sinh(a)
 *   tanh: g·(1 - r²)        floor, ceil: 0          a / b: (g / b, -g·a / b²)
 *   a ** b: g·(b·a^(b-1)), 0 where b == 0; and, when b depends on the variables,
 *           g·(r·log(a)), 0 where a == 0 and b >= 0.
 * Two that torch 1.13 does not differentiate get the calculus of their definition:
 *   a % b = a - b·floor(a / b): (g, -g·floor(a / b));   a // b: 0 (piecewise constant).
 * Zero adjoints are propagated, not skipped, so 0·Infinity gives NaN exactly where torch does.
 */
import type { ExpressionNode, FunctionName, UnaryFunctionName } from '../schedule/expr';
import { UNARY_MATH } from '../schedule/expr';
import { pyFloorDiv, pyMod } from '../schedule/py-math';

const OPS = [
  'const',
  'var',
  'neg',
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '**',
  'min',
  'max',
  'abs',
  'exp',
  'log',
  'sqrt',
  'floor',
  'ceil',
  'cos',
  'sin',
  'tan',
  'atan',
  'sinh',
  'cosh',
  'tanh',
] as const;
type OpName = (typeof OPS)[number];
const CODE = Object.fromEntries(OPS.map((name, code) => [name, code])) as Record<OpName, number>;
const {
  const: CONST,
  var: VAR,
  neg: NEG,
  '+': ADD,
  '-': SUB,
  '*': MUL,
  '/': DIV,
  '//': FLOORDIV,
  '%': MOD,
  '**': POW,
  min: MIN,
  max: MAX,
  abs: ABS,
  exp: EXP,
  log: LOG,
  sqrt: SQRT,
  floor: FLOOR,
  ceil: CEIL,
  cos: COS,
  sin: SIN,
  tan: TAN,
  atan: ATAN,
  sinh: SINH,
  cosh: COSH,
  tanh: TANH,
} = CODE;

/** The one-argument functions by op code (UNARY_MATH, shared with lrLambda's evaluator). */
const UNARY: readonly (((x: number) => number) | undefined)[] = OPS.map((name) =>
  name in UNARY_MATH ? UNARY_MATH[name as UnaryFunctionName] : undefined,
);

/** One instruction's result from its inputs' values (shared by folding and the forward sweep). */
function apply(op: number, a: number, b: number): number {
  const unary = UNARY[op];
  if (unary !== undefined) return unary(a);
  switch (op) {
    case NEG:
      return -a;
    case ADD:
      return a + b;
    case SUB:
      return a - b;
    case MUL:
      return a * b;
    case DIV:
      return a / b;
    case FLOORDIV:
      return pyFloorDiv(a, b);
    case MOD:
      return pyMod(a, b);
    case POW:
      return a ** b;
    case MIN:
      return b < a ? b : a;
    case MAX:
      return b > a ? b : a;
    default:
      throw new Error(`program: unknown op ${op}`);
  }
}

/** Math.sign, but NaN stays NaN and ±0 gives 0 (torch's sgn). */
function sgn(a: number): number {
  return a > 0 ? 1 : a < 0 ? -1 : a === 0 ? 0 : NaN;
}

interface Instruction {
  op: number;
  a: number;
  b: number;
  /** Constant value, or variable index. */
  value: number;
  /** Where the learner wrote it, for diagnostics ("log(...) at column 5"). */
  where: string;
}

function describe(node: ExpressionNode): string {
  switch (node.kind) {
    case 'binary':
      return `"${node.op}" at column ${node.column}`;
    case 'call':
      return `${node.fn}() at column ${node.column}`;
    case 'negate':
      return 'unary "-"';
    default:
      return '';
  }
}

/** A compiled f(v0, v1, ...) with its gradient (see the module comment for the semantics). */
export class Program {
  private readonly op: Uint8Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly constant: Float64Array;
  private readonly where: string[];
  /** Whether instruction i's value depends on a variable (constants were folded away). */
  private readonly varying: Uint8Array;
  private readonly values: Float64Array;
  private readonly adjoints: Float64Array;

  constructor(
    ast: ExpressionNode,
    /** How many variables the language has (surfaces: 2, x and y). */
    readonly arity: number,
  ) {
    const tape: Instruction[] = [];
    const emit = (instruction: Instruction): number => tape.push(instruction) - 1;
    const isConst = (i: number) => tape[i].op === CONST;
    const node = (n: ExpressionNode, op: number, a: number, b = -1): number => {
      if (isConst(a) && (b < 0 || isConst(b))) {
        const value = apply(op, tape[a].value, b < 0 ? NaN : tape[b].value);
        return emit({ op: CONST, a: -1, b: -1, value, where: '' });
      }
      return emit({ op, a, b, value: NaN, where: describe(n) });
    };
    const visit = (n: ExpressionNode): number => {
      switch (n.kind) {
        case 'number':
          return emit({ op: CONST, a: -1, b: -1, value: n.value, where: '' });
        case 'variable':
          return emit({ op: VAR, a: -1, b: -1, value: n.index, where: n.name });
        case 'negate':
          return node(n, NEG, visit(n.operand));
        case 'binary':
          return node(n, CODE[n.op], visit(n.left), visit(n.right));
        case 'call':
          return this.call(n, n.fn, n.args.map(visit), node);
      }
    };
    visit(ast);
    const size = tape.length;
    this.op = Uint8Array.from(tape, (t) => t.op);
    this.a = Int32Array.from(tape, (t) => t.a);
    this.b = Int32Array.from(tape, (t) => t.b);
    this.constant = Float64Array.from(tape, (t) => t.value);
    this.where = tape.map((t) => t.where);
    this.varying = Uint8Array.from(tape, (t) => (t.op === CONST ? 0 : 1));
    this.values = new Float64Array(size);
    this.adjoints = new Float64Array(size);
  }

  /** min/max of n arguments fold left into binary ones (Python's: the first of equals wins). */
  private call(
    n: ExpressionNode,
    fn: FunctionName,
    args: number[],
    node: (n: ExpressionNode, op: number, a: number, b?: number) => number,
  ): number {
    const op = CODE[fn];
    if (op === MIN || op === MAX) return args.reduce((left, right) => node(n, op, left, right));
    return node(n, op, args[0]);
  }

  /** f at the point; `point` holds one value per variable. */
  value(point: ArrayLike<number>): number {
    return this.forward(point);
  }

  /** f at the point, writing ∂f/∂v_k into gradient[k]. */
  valueAndGradient(point: ArrayLike<number>, gradient: { [k: number]: number }): number {
    const result = this.forward(point);
    this.backward();
    for (let k = 0; k < this.arity; k++) gradient[k] = 0;
    for (let i = 0; i < this.op.length; i++) {
      if (this.op[i] === VAR) gradient[this.constant[i]] += this.adjoints[i];
    }
    return result;
  }

  /**
   * Why f or its gradient is not finite at the point: the first operation whose inputs were
   * finite and whose result (or contribution to the gradient) is not, e.g.
   * `log() at column 1 gives NaN`. Undefined when both are finite.
   */
  diagnose(point: ArrayLike<number>): string | undefined {
    this.forward(point);
    const { op, a, b, values } = this;
    for (let i = 0; i < op.length; i++) {
      if (op[i] === CONST || op[i] === VAR || Number.isFinite(values[i])) continue;
      const inputsFinite =
        Number.isFinite(values[a[i]]) && (b[i] < 0 || Number.isFinite(values[b[i]]));
      if (inputsFinite) return `${this.where[i]} gives ${values[i]}`;
    }
    if (!Number.isFinite(values[op.length - 1])) return `f is ${values[op.length - 1]}`;
    return this.backward(true);
  }

  private forward(point: ArrayLike<number>): number {
    const { op, a, b, constant, values } = this;
    for (let i = 0; i < op.length; i++) {
      const code = op[i];
      if (code === CONST) values[i] = constant[i];
      else if (code === VAR) values[i] = point[constant[i]];
      else values[i] = apply(code, values[a[i]], b[i] < 0 ? NaN : values[b[i]]);
    }
    return values[op.length - 1];
  }

  /** Reverse sweep; with `diagnose`, returns where the first non-finite adjoint arose. */
  private backward(diagnose = false): string | undefined {
    const { op, a: A, b: B, values, adjoints, varying } = this;
    adjoints.fill(0);
    adjoints[op.length - 1] = 1;
    for (let i = op.length - 1; i >= 0; i--) {
      const code = op[i];
      if (code === CONST || code === VAR) continue;
      const g = adjoints[i];
      const ai = A[i];
      const bi = B[i];
      const a = values[ai];
      const b = bi < 0 ? NaN : values[bi];
      const r = values[i];
      let da = 0;
      let db = 0;
      switch (code) {
        case NEG:
          da = -g;
          break;
        case ADD:
          da = g;
          db = g;
          break;
        case SUB:
          da = g;
          db = -g;
          break;
        case MUL:
          da = g * b;
          db = g * a;
          break;
        case DIV:
          da = g / b;
          db = (-g * a) / (b * b);
          break;
        case FLOORDIV:
        case FLOOR:
        case CEIL:
          break;
        case MOD:
          da = g;
          db = -g * pyFloorDiv(a, b);
          break;
        case POW:
          da = b === 0 ? 0 : g * (b * a ** (b - 1));
          if (varying[bi]) db = a === 0 && b >= 0 ? 0 : g * (r * Math.log(a));
          break;
        case MIN:
          // The forward pass picked b only if b < a: the gradient follows the pick.
          if (b < a) db = g;
          else da = g;
          break;
        case MAX:
          if (b > a) db = g;
          else da = g;
          break;
        case ABS:
          da = g * sgn(a);
          break;
        case EXP:
          da = g * r;
          break;
        case LOG:
          da = g / a;
          break;
        case SQRT:
          da = g / (2 * r);
          break;
        case COS:
          da = g * -Math.sin(a);
          break;
        case SIN:
          da = g * Math.cos(a);
          break;
        case TAN:
          da = g * (1 + r * r);
          break;
        case ATAN:
          da = g / (a * a + 1);
          break;
        case SINH:
          da = g * Math.cosh(a);
          break;
        case COSH:
          da = g * Math.sinh(a);
          break;
        case TANH:
          da = g * (1 - r * r);
          break;
      }
      if (diagnose && Number.isFinite(g) && !(Number.isFinite(da) && Number.isFinite(db))) {
        return `the gradient of ${this.where[i]} is not finite (${Number.isFinite(da) ? db : da})`;
      }
      adjoints[ai] += da;
      if (bi >= 0) adjoints[bi] += db;
    }
    return undefined;
  }
}
