export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type FunctionName =
  'min' | 'max' | 'abs' | 'exp' | 'log' | 'sqrt' | 'floor' | 'ceil' | 'cos' | 'sin';

export type Node =
  | { kind: 'number'; value: number }
  | { kind: 'epoch' }
  | { kind: 'negate'; operand: Node }
  | { kind: 'binary'; op: BinaryOperator; left: Node; right: Node; column: number }
  | { kind: 'call'; fn: FunctionName; args: Node[]; column: number };
