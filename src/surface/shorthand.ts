/**
 * The `optimizers="SGD Adam RMSprop"` shorthand: each name is PyTorch's defaults for that
 * optimizer plus the lr the surface's table gives it (functions.ts).
 */
import type { OptimizerConfig } from '../optim/types';
import { ConfigError } from '../protocol/validation';
import { SURFACES } from './functions';
import { SHORTHAND_OPTIMIZERS } from './types';
import type { ShorthandOptimizer, SurfaceName, SurfaceRunInput } from './types';

/** Legend names of the shorthand runs. */
const LABELS: Record<ShorthandOptimizer, string> = {
  SGD: 'SGD',
  'SGD+momentum': 'SGD + momentum',
  Nesterov: 'Nesterov',
  Adagrad: 'Adagrad',
  Adadelta: 'Adadelta',
  RMSprop: 'RMSprop',
  Adam: 'Adam',
  AdamW: 'AdamW',
  NAdam: 'NAdam',
  RAdam: 'RAdam',
  Adamax: 'Adamax',
  Lookahead: 'Lookahead (Adam)',
};

/** The optimizer config a shorthand name stands for, with `lr`. */
export function shorthandOptimizer(name: ShorthandOptimizer, lr: number): OptimizerConfig {
  switch (name) {
    case 'SGD+momentum':
      return { type: 'SGD', lr, momentum: 0.9 };
    case 'Nesterov':
      return { type: 'SGD', lr, momentum: 0.9, nesterov: true };
    case 'Lookahead':
      // Lookahead's own default inner optimizer (Adam); the lr is the inner one's.
      return { type: 'Lookahead', optimizer: { type: 'Adam', lr } };
    default:
      return { type: name, lr };
  }
}

/** The run a shorthand name makes on `surface`. */
export function shorthandRun(name: ShorthandOptimizer, surface: SurfaceName): SurfaceRunInput {
  return { label: LABELS[name], optimizer: shorthandOptimizer(name, SURFACES[surface].lr[name]) };
}

function isShorthand(name: string): name is ShorthandOptimizer {
  return (SHORTHAND_OPTIMIZERS as readonly string[]).includes(name);
}

/**
 * Expands "SGD Adam RMSprop" (names separated by spaces or commas) into runs. Throws a
 * ConfigError at `field` naming the word that is not an optimizer, with a suggestion.
 */
export function parseShorthand(
  text: string,
  surface: SurfaceName,
  field = 'optimizers',
): SurfaceRunInput[] {
  const names = text.split(/[\s,]+/).filter((word) => word !== '');
  if (names.length === 0) {
    throw new ConfigError(field, `must name at least one of ${SHORTHAND_OPTIMIZERS.join(', ')}`);
  }
  return names.map((name, index) => {
    if (!isShorthand(name)) {
      const near = SHORTHAND_OPTIMIZERS.find((known) => known.toLowerCase() === name.toLowerCase());
      const hint = near === undefined ? '' : `did you mean ${near}? `;
      throw new ConfigError(
        field,
        `unknown optimizer "${name}" (word ${index + 1}); ${hint}allowed: ${SHORTHAND_OPTIMIZERS.join(', ')}`,
      );
    }
    return shorthandRun(name, surface);
  });
}
