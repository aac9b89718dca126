/**
 * The data section of an exported script: the experiment's points and train/validation split,
 * embedded as float32 literals. Written from the dataset's arrays alone (whatever made them:
 * a generator or points a user drew), so every dataset type exports the same way.
 */
import type { Dataset } from '../data/dataset';
import { pyComment, pyFloat32, pyPackedList } from './python';

function rows(x: Float32Array, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < x.length; i += width) {
    out.push(`[${Array.from(x.subarray(i, i + width), pyFloat32).join(', ')}]`);
  }
  return out;
}

function tensor(name: string, items: string[], emptyShape: string): string {
  if (items.length === 0) return `${name} = torch.empty(${emptyShape})`;
  return `${name} = torch.tensor(${pyPackedList(items)})`;
}

/** `source` says where the points come from, e.g. "circle, generated with seed 7". */
export function dataSection(dataset: Dataset, source: string): string {
  const { train, validation, inputDims } = dataset;
  const trainCount = train.y.length;
  const validationCount = validation.y.length;
  const target = dataset.task === 'binary' ? 'labels (0 or 1)' : 'targets';
  return [
    pyComment(
      `${source}. ${trainCount} training and ${validationCount} validation points, in ` +
        `optim-lab's split; one row of ${inputDims} input${inputDims === 1 ? '' : 's'} per ` +
        `point, and *_Y holds the ${target}.`,
    ),
    tensor('TRAIN_X', rows(train.x, inputDims), `0, ${inputDims}`),
    tensor('TRAIN_Y', Array.from(train.y, pyFloat32), '0'),
    tensor('VAL_X', rows(validation.x, inputDims), `0, ${inputDims}`),
    tensor('VAL_Y', Array.from(validation.y, pyFloat32), '0'),
  ].join('\n');
}
