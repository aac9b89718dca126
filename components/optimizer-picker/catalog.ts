/**
 * The optimizer menu: groups, and the SGD presets ("SGD + momentum", "Nesterov") that are
 * SGD configs rather than types of their own.
 */
import type { OptimizerConfig, OptimizerType } from '../../src/optim/types';
import type { ChoiceGroup } from '../shared/form-controls';

export type Choice = OptimizerType | 'SGD+momentum' | 'Nesterov';

const BASE_GROUPS: readonly ChoiceGroup[] = [
  {
    label: 'SGD family',
    options: [
      { value: 'SGD', label: 'SGD' },
      { value: 'SGD+momentum', label: 'SGD + momentum' },
      { value: 'Nesterov', label: 'Nesterov (SGD)' },
    ],
  },
  {
    label: 'Adaptive',
    options: [
      { value: 'Adagrad', label: 'Adagrad' },
      { value: 'Adadelta', label: 'Adadelta' },
      { value: 'RMSprop', label: 'RMSprop' },
    ],
  },
  {
    label: 'Adam family',
    options: [
      { value: 'Adam', label: 'Adam' },
      { value: 'AdamW', label: 'AdamW' },
      { value: 'NAdam', label: 'NAdam' },
      { value: 'RAdam', label: 'RAdam' },
      { value: 'Adamax', label: 'Adamax' },
    ],
  },
];

const WRAPPER_GROUP: ChoiceGroup = {
  label: 'Wrapper',
  options: [{ value: 'Lookahead', label: 'Lookahead' }],
};

/** Lookahead's inner picker leaves out the wrapper: Lookahead of Lookahead is not a config. */
export function choiceGroups(includeWrapper: boolean): readonly ChoiceGroup[] {
  return includeWrapper ? [...BASE_GROUPS, WRAPPER_GROUP] : BASE_GROUPS;
}

export const KNOWN_TYPES: readonly OptimizerType[] = [
  'SGD',
  'Adagrad',
  'Adadelta',
  'RMSprop',
  'Adam',
  'AdamW',
  'NAdam',
  'RAdam',
  'Adamax',
  'Lookahead',
];

export function choiceOf(config: OptimizerConfig): Choice {
  if (config.type !== 'SGD') return config.type;
  if (config.nesterov) return 'Nesterov';
  return (config.momentum ?? 0) > 0 ? 'SGD+momentum' : 'SGD';
}

/**
 * The config a menu choice starts from: PyTorch's defaults (left implicit), momentum 0.9 for
 * the SGD presets. Choosing Lookahead wraps the optimizer that was chosen before.
 */
export function configForChoice(choice: Choice, previous: OptimizerConfig): OptimizerConfig {
  switch (choice) {
    case 'SGD+momentum':
      return { type: 'SGD', momentum: 0.9 };
    case 'Nesterov':
      return { type: 'SGD', momentum: 0.9, nesterov: true };
    case 'Lookahead':
      return {
        type: 'Lookahead',
        optimizer: previous.type === 'Lookahead' ? previous.optimizer : previous,
      };
    default:
      return { type: choice } as OptimizerConfig;
  }
}
