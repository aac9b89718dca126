import { DEFAULT_CONDITION, SURFACES } from './functions';
import { compileSurfaceExpression } from './language';
import type { Program } from './program';
import type { Point, SurfaceMark, SurfaceName, ViewBox } from './types';

/** Which function, as a validated config names it. */
export interface SurfaceChoice {
  function: SurfaceName;
  /** The source, for function 'expression'. */
  expression?: string;
  /** The quadratic's c (default DEFAULT_CONDITION). */
  condition?: number;
}

/**
 * A loss surface f(x, y) with its gradient (reverse-mode AD over the expression's AST, in
 * float64 with torch's semantics: see program.ts) and what the picture needs to open with.
 */
export interface Surface {
  readonly name: SurfaceName;
  readonly title: string;
  /** The definition in the expression language. */
  readonly source: string;
  /** TeX of the formula (for 'expression', null: typeset the source yourself). */
  readonly tex: string | null;
  /** Named constants the source uses (the quadratic's c). */
  readonly constants: ReadonlyMap<string, number>;
  readonly view: ViewBox;
  readonly start: Point;
  readonly marks: readonly SurfaceMark[];
  /** f(x, y). */
  value(x: number, y: number): number;
  /** f(x, y), writing ∂f/∂x and ∂f/∂y into gradient[0] and gradient[1]. */
  valueAndGradient(x: number, y: number, gradient: { [k: number]: number }): number;
  /** Why f or its gradient is not finite at (x, y), or undefined when both are. */
  diagnose(x: number, y: number): string | undefined;
}

class CompiledSurface implements Surface {
  readonly title: string;
  readonly tex: string | null;
  readonly view: ViewBox;
  readonly start: Point;
  readonly marks: readonly SurfaceMark[];
  private readonly point = new Float64Array(2);

  constructor(
    readonly name: SurfaceName,
    readonly source: string,
    readonly constants: ReadonlyMap<string, number>,
    private readonly program: Program,
  ) {
    const spec = SURFACES[name];
    this.title = spec.title;
    this.tex = spec.tex;
    this.view = structuredClone(spec.view);
    this.start = [...spec.start];
    this.marks = spec.marks.map((mark) => ({ ...mark }));
  }

  private at(x: number, y: number): Float64Array {
    this.point[0] = x;
    this.point[1] = y;
    return this.point;
  }

  value(x: number, y: number): number {
    return this.program.value(this.at(x, y));
  }

  valueAndGradient(x: number, y: number, gradient: { [k: number]: number }): number {
    return this.program.valueAndGradient(this.at(x, y), gradient);
  }

  diagnose(x: number, y: number): string | undefined {
    return this.program.diagnose(this.at(x, y));
  }
}

/**
 * The surface a (validated) choice names. Throws ExpressionError, naming the column, for an
 * expression that does not parse.
 */
export function createSurface(choice: SurfaceChoice): Surface {
  const name = choice.function;
  const source = name === 'expression' ? choice.expression : SURFACES[name].source;
  if (source === undefined || source === null) {
    throw new Error("createSurface: function 'expression' needs an expression");
  }
  const constants: ReadonlyMap<string, number> =
    name === 'quadratic' ? new Map([['c', choice.condition ?? DEFAULT_CONDITION]]) : new Map();
  return new CompiledSurface(name, source, constants, compileSurfaceExpression(source, constants));
}
