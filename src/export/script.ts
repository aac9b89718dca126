/**
 * toPyTorch: an experiment as a self-contained Python script (torch and the standard
 * library only) that reproduces the lab step by step. TF-free, so a page can call it.
 */
import { createDataset } from '../data/dataset';
import { initialWeights } from '../model/init';
import { parseExperimentConfig, stepsPerEpoch, totalSteps } from '../protocol/experiment';
import type { ExperimentConfig } from '../protocol/experiment';
import { batchOrderSection } from './batches';
import { dataName, dataSection, dataSource } from './data';
import { lambdaSources, schedulerTypes } from './scheduler';
import { lambdaUsesMath } from './lambda';
import { trainingSection } from './loop';
import { lossSection, modelSection } from './model';
import { LOOKAHEAD_CLASS } from './optimizer';
import { docstringText } from './python';
import { planRun, runsSection } from './runs';

/** A section under a rule with its title, so a reader finds their way in a long file. */
function section(title: string, body: string): string {
  return `# ${'-'.repeat(3)} ${title} ${'-'.repeat(Math.max(3, 88 - title.length))}\n${body}`;
}

function imports(config: ExperimentConfig): string {
  const schedulers = config.runs.flatMap((run) => schedulerTypes(run.scheduler));
  const lambdas = config.runs.flatMap((run) => lambdaSources(run.scheduler));
  const sequential = schedulers.includes('SequentialLR');
  const averaged = config.runs.some((run) => run.swa);
  const standard = [
    ...(lambdas.some(lambdaUsesMath) ? ['import math'] : []),
    ...(sequential || averaged ? ['import warnings'] : []),
  ];
  const torch = ['import torch', 'from torch import nn'];
  if (schedulers.some((type) => type !== 'None' && type !== 'SWALR')) {
    torch.push('from torch.optim import lr_scheduler');
  }
  if (averaged) torch.push('from torch.optim.swa_utils import AveragedModel, SWALR');
  else if (schedulers.includes('SWALR')) torch.push('from torch.optim.swa_utils import SWALR');
  const lines = standard.length > 0 ? [...standard, '', ...torch] : torch;
  if (sequential) {
    lines.push(
      '',
      "# torch 1.13's SequentialLR steps a scheduler with an epoch at each milestone, which warns.",
      'warnings.filterwarnings("ignore", message="The epoch parameter")',
    );
  }
  if (averaged) {
    lines.push(
      '',
      '# SWALR is built when the averaging starts; building a scheduler after optimizer steps',
      "# resets the optimizer's step count in torch 1.13, whose next check then warns wrongly.",
      'warnings.filterwarnings("ignore", message="Detected call of `lr_scheduler")',
    );
  }
  return lines.join('\n');
}

function docstring(config: ExperimentConfig): string {
  const runs = config.runs.map((run) => `    ${docstringText(`${run.id}: ${run.label}`)}`);
  return `"""An optim-lab experiment as a PyTorch script: ${dataName(config.dataset)}, ${config.runs.length} run${config.runs.length === 1 ? '' : 's'}.

${runs.join('\n')}

It reproduces the lab step by step: the same data points and train/validation split, the
same initial weights, the same mini-batch order, model, loss, optimizers and schedulers.
Needs only PyTorch (written for 1.13, the version optim-lab is checked against). Run it to
train every run, with a progress line per epoch; or import it: train() returns
{run id: [mini-batch training loss of each step, ...]}, the losses the lab plots.
"""`;
}

function settings(config: ExperimentConfig, trainCount: number): string {
  const perEpoch = stepsPerEpoch(config);
  const total = totalSteps(config);
  const every = config.training.evalEvery || perEpoch;
  const length =
    config.training.steps === undefined
      ? `${config.training.epochs} epochs`
      : `training.steps; the last epoch may be cut short`;
  return `BATCH_SIZE = ${config.training.batchSize}
STEPS_PER_EPOCH = ${perEpoch}  # ceil(${trainCount} / ${config.training.batchSize}): an epoch's last batch may be smaller
TOTAL_STEPS = ${total}  # ${length}
EPOCHS = ${Math.ceil(total / perEpoch)}
EVAL_EVERY = ${every}  # evaluate every this many steps${config.training.evalEvery ? '' : ' (once an epoch)'}, and after the last`;
}

/**
 * A Python script that trains every run of `config` as optim-lab does and returns the same
 * per-step losses. `config` is validated (and its defaults filled) as `configure` does.
 */
export function toPyTorch(config: unknown): string {
  const parsed = parseExperimentConfig(config);
  const dataset = createDataset(parsed.dataset);
  const { model } = parsed;
  const weights = initialWeights(
    dataset.inputDims,
    model.hidden,
    model.activation,
    model.init,
    model.seed,
  );
  const plans = parsed.runs.map(planRun);
  const usesLookahead = parsed.runs.some((run) => run.optimizer.type === 'Lookahead');
  const blocks = [
    `${docstring(parsed)}\n${imports(parsed)}`,
    section('Data', dataSection(dataset, dataSource(parsed.dataset))),
    section('Training settings', settings(parsed, dataset.train.y.length)),
    section('Mini-batch order', batchOrderSection(parsed.training.shuffleSeed)),
    section('Model and loss', modelSection(model, dataset.inputDims, weights)),
    lossSection(dataset.task, model.l2),
    section(
      'Optimizers and schedulers',
      [...(usesLookahead ? [LOOKAHEAD_CLASS] : []), runsSection(parsed.runs, plans)].join('\n\n\n'),
    ),
    section(
      'Training',
      trainingSection({
        task: dataset.task,
        hasValidation: dataset.validation.y.length > 0,
        plans,
      }),
    ),
  ];
  return `${blocks.join('\n\n\n')}\n`;
}
