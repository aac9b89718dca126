import type { FunctionName } from './ast';
import { CONSTANTS, FUNCTIONS } from './names';

/**
 * What one use of the expression language may name: its variables, its functions, extra
 * constants, and the field it is written in (the prefix of its error messages). The grammar,
 * the tokenizer and the constants pi and e are shared by every language.
 */
export interface ExpressionLanguage {
  /** The field the expression is written in; error messages start with it. */
  readonly field: string;
  /** Variable names, in the order an evaluator takes their values. */
  readonly variables: readonly string[];
  /** The functions it offers (a subset of FUNCTIONS, in the order errors list them). */
  readonly functions: readonly FunctionName[];
  /** Named constants besides pi and e (e.g. a surface's `c`). */
  readonly constants?: ReadonlyMap<string, number>;
}

/** The lrLambda language of LambdaLR and MultiplicativeLR: one variable, `epoch`. */
export const LR_LAMBDA_LANGUAGE: ExpressionLanguage = {
  field: 'lrLambda',
  variables: ['epoch'],
  functions: ['min', 'max', 'abs', 'exp', 'log', 'sqrt', 'floor', 'ceil', 'cos', 'sin'],
};

/** The value of a named constant in `language`, or undefined. */
export function constantValue(language: ExpressionLanguage, name: string): number | undefined {
  return CONSTANTS.get(name) ?? language.constants?.get(name);
}

export function languageFunction(language: ExpressionLanguage, name: string) {
  const spec = FUNCTIONS.get(name);
  return spec !== undefined && language.functions.includes(spec.fn) ? spec : undefined;
}

/** "epoch, pi, e, min, max, ..." : every name the language knows, for error messages. */
export function allowedNames(language: ExpressionLanguage): string {
  return [
    ...language.variables,
    ...CONSTANTS.keys(),
    ...(language.constants?.keys() ?? []),
    ...language.functions,
  ].join(', ');
}
