export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type FunctionName =
  | 'min'
  | 'max'
  | 'abs'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'floor'
  | 'ceil'
  | 'cos'
  | 'sin'
  | 'tan'
  | 'atan'
  | 'sinh'
  | 'cosh'
  | 'tanh';

/**
 * A parsed expression. `variable.index` is the variable's position in its language's
 * `variables` (lrLambda: epoch = 0; surfaces: x = 0, y = 1), which is where evaluators find
 * its value.
 */
export type Node =
  | { kind: 'number'; value: number }
  | { kind: 'variable'; name: string; index: number }
  | { kind: 'negate'; operand: Node }
  | { kind: 'binary'; op: BinaryOperator; left: Node; right: Node; column: number }
  | { kind: 'call'; fn: FunctionName; args: Node[]; column: number };
