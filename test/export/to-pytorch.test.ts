/**
 * The text toPyTorch writes: the structure a reader expects (nn.Sequential, torch.optim.X
 * with PyTorch's argument names, lr_scheduler.X, train()), only what a config needs, nothing
 * outside torch and the standard library, and values written so Python reads them back
 * exactly. Whether the script computes what the lab computes is pytorch-reference.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toPyTorch } from '../../src/export';
import { pythonLambda } from '../../src/export/lambda';
import { pyFloat32 } from '../../src/export/python';
import { createRandom } from '../../src/data/random';
import { createDataset } from '../../src/data/dataset';
import type { ClassificationPoint } from '../../src/protocol/custom-points';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import type { ExperimentConfigInput, RunConfigInput } from '../../src/protocol/experiment';
import { EXPORT_EXPERIMENTS } from './experiments';

const scripts = EXPORT_EXPERIMENTS.map(({ name, config }) => [name, toPyTorch(config)] as const);

function oneRun(run: RunConfigInput, rest: Partial<ExperimentConfigInput> = {}): string {
  return toPyTorch({ dataset: { samples: 40 }, training: { epochs: 2 }, ...rest, runs: [run] });
}

/** Calls black-style wrapped over lines, back on one line: `f(\n    a, b\n)` -> `f(a, b)`. */
function unwrapped(code: string): string {
  return code
    .replace(/\(\n\s+/g, '(')
    .replace(/,?\n\s*\)/g, ')')
    .replace(/,\n\s+/g, ', ');
}

/** The body of the function that builds run `index`'s optimizer and scheduler. */
function builder(script: string, index = 0): string {
  const start = script.indexOf(`def run_${index}(params):`);
  expect(start).toBeGreaterThan(0);
  return script.slice(start, script.indexOf('return optimizer, scheduler', start));
}

describe('the script reads like one a person would write', () => {
  it.each(scripts)(
    '%s: torch and the standard library only, lines within 100 columns',
    (_n, script) => {
      const imports = script.split('\n').filter((line) => /^(import|from) /.test(line));
      for (const line of imports) {
        expect(line).toMatch(
          /^(import (math|warnings|torch)|from torch(\.optim(\.swa_utils)?)? import \w+(, \w+)*)$/,
        );
      }
      for (const line of script.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
      expect(script).not.toMatch(/\t|[ ]+\n/); // no tabs, no trailing spaces
    },
  );

  it.each(scripts)(
    '%s: defines train() returning {run id: losses} and trains when run',
    (_n, script) => {
      if (script.includes('AveragedModel')) {
        // With SWA, train() can also hand back each averaged model's evaluations.
        expect(script).toContain('def train(verbose=False, swa_history=None):');
        expect(script).toContain(
          'losses[run_id] = train_run(*run, verbose=verbose, swa_history=history)',
        );
      } else {
        expect(script).toContain('def train(verbose=False):');
        expect(script).toContain(
          'return {run_id: train_run(*run, verbose=verbose) for run_id, run in RUNS.items()}',
        );
      }
      expect(script).toContain('losses.append(loss.item())');
      expect(script).toMatch(/if __name__ == "__main__":\n {4}train\(verbose=True\)\n$/);
      expect(script).toContain('print(f"{label}  epoch {epoch + 1}/{EPOCHS}');
    },
  );

  it('the model: nn.Sequential of nn.Linear and activation modules, weights copied in', () => {
    const script = toPyTorch({
      model: { hidden: [16, 8], activation: 'tanh' },
      runs: [{ optimizer: { type: 'Adam' } }],
    });
    expect(script).toContain(
      [
        '    model = nn.Sequential(',
        '        nn.Linear(2, 16), nn.Tanh(),',
        '        nn.Linear(16, 8), nn.Tanh(),',
        '        nn.Linear(8, 1),',
        '    )',
      ].join('\n'),
    );
    expect(script).toContain('layer.weight.copy_(torch.tensor(weight))');
    expect(script).toContain('criterion = nn.BCEWithLogitsLoss()');
    expect(script).not.toContain('L2 =');
  });

  it.each([
    ['relu', 'nn.ReLU()'],
    ['leakyRelu', 'nn.LeakyReLU()'],
    ['sigmoid', 'nn.Sigmoid()'],
    ['gelu', 'nn.GELU()'],
  ] as const)('activation %s is %s', (activation, module) => {
    const script = toPyTorch({ model: { activation }, runs: [{ optimizer: { type: 'SGD' } }] });
    expect(script).toContain(`nn.Linear(2, 16), ${module},`);
  });

  it('a linear activation adds no module; regression uses MSELoss; l2 adds the penalty', () => {
    const script = toPyTorch({
      dataset: { type: 'sine' },
      model: { hidden: [4], activation: 'linear', l2: 0.01 },
      runs: [{ optimizer: { type: 'SGD' } }],
    });
    expect(script).toContain('        nn.Linear(1, 4),\n        nn.Linear(4, 1),\n    )');
    expect(script).toContain('criterion = nn.MSELoss()');
    expect(script).toContain('L2 = 0.01\n');
    expect(script).toContain('return data_loss + L2 * penalty');
    expect(script).not.toContain('accuracy');
  });
});

describe('optimizers: torch.optim calls with PyTorch argument names', () => {
  it.each([
    [{ type: 'SGD' }, 'torch.optim.SGD(params, lr=0.001)'],
    [
      { type: 'SGD', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4 },
      'torch.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=0.0001, nesterov=True)',
    ],
    [{ type: 'Adam' }, 'torch.optim.Adam(params, lr=0.001)'],
    [
      { type: 'AdamW', lr: 3e-4, betas: [0.9, 0.95], amsgrad: true },
      'torch.optim.AdamW(params, lr=0.0003, betas=(0.9, 0.95), amsgrad=True)',
    ],
    [
      { type: 'NAdam', momentumDecay: 0.01 },
      'torch.optim.NAdam(params, lr=0.002, momentum_decay=0.01)',
    ],
    [{ type: 'RAdam', eps: 1e-6 }, 'torch.optim.RAdam(params, lr=0.001, eps=0.000001)'],
    [{ type: 'Adamax', maximize: true }, 'torch.optim.Adamax(params, lr=0.002, maximize=True)'],
    [
      { type: 'Adagrad', lrDecay: 0.1, initialAccumulatorValue: 0.5 },
      'torch.optim.Adagrad(params, lr=0.01, lr_decay=0.1, initial_accumulator_value=0.5)',
    ],
    [{ type: 'Adadelta', rho: 0.95 }, 'torch.optim.Adadelta(params, lr=1, rho=0.95)'],
    [
      { type: 'RMSprop', centered: true, momentum: 0.5 },
      'torch.optim.RMSprop(params, lr=0.01, momentum=0.5, centered=True)',
    ],
    [
      { type: 'Lookahead', optimizer: { type: 'SGD', lr: 0.1 } },
      'Lookahead(torch.optim.SGD(params, lr=0.1), k=5, alpha=0.5)',
    ],
  ] as const)('%o', (optimizer, call) => {
    const script = oneRun({ optimizer: optimizer as RunConfigInput['optimizer'] });
    expect(unwrapped(builder(script))).toContain(`    optimizer = ${call}\n`);
    expect(script.includes('class Lookahead(torch.optim.Optimizer):')).toBe(
      optimizer.type === 'Lookahead',
    );
  });

  it('says where a call needs a newer torch (maximize on NAdam and RAdam came with 2.0)', () => {
    const script = oneRun({ optimizer: { type: 'NAdam', maximize: true } });
    expect(builder(script)).toContain('# NAdam(maximize=True) needs torch >= 2.0');
    expect(builder(oneRun({ optimizer: { type: 'Adam', maximize: true } }))).not.toContain('needs');
  });
});

describe('schedulers: lr_scheduler calls, stepped as the run says', () => {
  it.each([
    [{ type: 'StepLR', stepSize: 30 }, 'lr_scheduler.StepLR(optimizer, step_size=30)'],
    [
      { type: 'MultiStepLR', milestones: [5, 9], gamma: 0.5 },
      'lr_scheduler.MultiStepLR(optimizer, milestones=[5, 9], gamma=0.5)',
    ],
    [
      { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 600 },
      'lr_scheduler.OneCycleLR(optimizer, max_lr=0.05, total_steps=600)',
    ],
    [
      { type: 'CosineAnnealingWarmRestarts', t0: 10, tMult: 2 },
      'lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2)',
    ],
    [
      { type: 'CosineAnnealingLR', tMax: 50 },
      'lr_scheduler.CosineAnnealingLR(optimizer, T_max=50)',
    ],
    [
      { type: 'LambdaLR', lrLambda: '0.95 ** epoch' },
      'lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda epoch: 0.95 ** epoch)',
    ],
    [
      { type: 'ReduceLROnPlateau', patience: 2, thresholdMode: 'abs' },
      'lr_scheduler.ReduceLROnPlateau(optimizer, patience=2, threshold_mode="abs")',
    ],
    [{ type: 'SWALR', swaLr: 0.05 }, 'SWALR(optimizer, swa_lr=0.05)'],
  ] as const)('%o', (scheduler, call) => {
    const script = oneRun({
      optimizer: { type: 'SGD', momentum: 0.9 },
      scheduler: scheduler as RunConfigInput['scheduler'],
    });
    expect(unwrapped(builder(script))).toContain(`    scheduler = ${call}\n`);
    expect(script.includes('from torch.optim.swa_utils import SWALR')).toBe(
      scheduler.type === 'SWALR',
    );
    expect(script.includes('from torch.optim import lr_scheduler')).toBe(
      scheduler.type !== 'SWALR',
    );
  });

  it('SequentialLR builds its schedulers inside its call, in order', () => {
    const warmUp = EXPORT_EXPERIMENTS.flatMap(({ config }) => config.runs).find(
      (run) => run.label === 'Adam, warm-up then cosine',
    );
    expect(warmUp?.scheduler?.type).toBe('SequentialLR');
    const script = oneRun(warmUp as RunConfigInput);
    expect(builder(script)).toContain(
      [
        '    scheduler = lr_scheduler.SequentialLR(',
        '        optimizer,',
        '        schedulers=[',
        '            lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=10),',
        '            lr_scheduler.CosineAnnealingLR(optimizer, T_max=90),',
        '        ],',
        '        milestones=[10],',
        '    )',
      ].join('\n'),
    );
  });

  it('no scheduler: no import, None in the table, no scheduler.step()', () => {
    const script = oneRun({ optimizer: { type: 'SGD' } });
    expect(builder(script)).toContain('    scheduler = None\n');
    expect(script).not.toContain('lr_scheduler');
    expect(script).not.toContain('scheduler.step(');
    expect(script).toContain('"run-0": ("SGD", run_0, None),');
  });

  it('per batch, per epoch and on plateaus: the loop steps each as the engine does', () => {
    const script = toPyTorch({
      dataset: { validationFraction: 0.25 },
      runs: [
        { optimizer: { type: 'SGD' }, scheduler: { type: 'StepLR', stepSize: 3 } },
        {
          optimizer: { type: 'SGD' },
          scheduler: { type: 'StepLR', stepSize: 3 },
          schedulerStepOn: 'epoch',
        },
        { optimizer: { type: 'SGD' }, scheduler: { type: 'ReduceLROnPlateau' } },
      ],
    });
    expect(script).toContain('"run-0": ("SGD + StepLR", run_0, "batch"),');
    expect(script).toContain('"run-1": ("SGD + StepLR", run_1, "epoch"),');
    expect(script).toContain('"run-2": ("SGD + ReduceLROnPlateau", run_2, "plateau"),');
    expect(script).toContain(
      [
        '        if scheduler_steps == "batch" or (scheduler_steps == "epoch" and epoch_done):',
        '            scheduler.step()',
        '        if step % EVAL_EVERY == 0 or step == TOTAL_STEPS:',
        '            metrics = evaluate(model)',
        '            if scheduler_steps == "plateau":',
        '                scheduler.step(metrics["val_loss"])',
      ].join('\n'),
    );
  });

  it('without a validation split, ReduceLROnPlateau watches the training loss', () => {
    const script = oneRun(
      { optimizer: { type: 'Adam' }, scheduler: { type: 'ReduceLROnPlateau' } },
      { dataset: { samples: 40, validationFraction: 0 } },
    );
    expect(script).toContain('scheduler.step(metrics["train_loss"])');
    expect(script).toContain('VAL_X = torch.empty(0, 2)');
    expect(script).toContain('for name, x, y in (("train", TRAIN_X, TRAIN_Y),):');
  });

  it('the settings: batch size, steps per epoch, total steps, evaluation cadence', () => {
    const script = toPyTorch({
      dataset: { samples: 100, validationFraction: 0.2 },
      training: { batchSize: 32, steps: 10, evalEvery: 4 },
      runs: [{ optimizer: { type: 'SGD' } }],
    });
    expect(script).toContain('BATCH_SIZE = 32\n');
    expect(script).toContain('STEPS_PER_EPOCH = 3  # ceil(80 / 32)');
    expect(script).toContain('TOTAL_STEPS = 10  #');
    expect(script).toContain('EPOCHS = 4\n');
    expect(script).toContain('EVAL_EVERY = 4  #');
  });
});

describe("Stochastic Weight Averaging: torch.optim.swa_utils' recipe", () => {
  const swaScript = () =>
    toPyTorch({
      runs: [
        {
          optimizer: { type: 'SGD', lr: 0.1 },
          scheduler: { type: 'StepLR', stepSize: 3 },
          swa: { start: 30, swaLr: 0.05, annealEpochs: 5, annealStrategy: 'linear' },
        },
        { optimizer: { type: 'Adam' }, scheduler: { type: 'ReduceLROnPlateau' } },
      ],
    });

  it('AveragedModel and SWALR, the SWA settings by torch name in the runs table', () => {
    const script = swaScript();
    expect(script).toContain('from torch.optim.swa_utils import AveragedModel, SWALR\n');
    expect(unwrapped(script)).toContain(
      '"run-0": ("SGD + StepLR + SWA", run_0, "batch", {"start": 30, "swa_lr": 0.05, "anneal_epochs": 5, "anneal_strategy": "linear"}),',
    );
    expect(script).toContain('"run-1": ("Adam + ReduceLROnPlateau", run_1, "plateau", None),');
    expect(script).toContain('    swa_model = AveragedModel(model) if swa else None\n');
  });

  it("the loop: the run's scheduler rests from epoch start, each epoch's end averages and steps SWALR", () => {
    expect(swaScript()).toContain(
      [
        '        averaging = swa is not None and epoch >= swa["start"]',
        '        if scheduler_steps == "batch" and not averaging:',
        '            scheduler.step()',
        '        if averaging and epoch_done:',
        '            swa_model.update_parameters(model)',
        '            if swa_scheduler is None:  # it takes over the lr from here',
        '                swa_scheduler = SWALR(',
        '                    optimizer,',
        '                    swa_lr=swa["swa_lr"],',
        '                    anneal_epochs=swa["anneal_epochs"],',
        '                    anneal_strategy=swa["anneal_strategy"],',
        '                )',
        '            swa_scheduler.step()',
        '        if step % EVAL_EVERY == 0 or step == TOTAL_STEPS:',
        '            metrics = evaluate(model)',
        '            if scheduler_steps == "plateau" and not averaging:',
        '                scheduler.step(metrics["val_loss"])',
        '            if swa_model is not None and swa_model.n_averaged > 0:',
        '                swa_metrics = evaluate(swa_model)',
      ].join('\n'),
    );
  });

  it('without SWA the script stays as it was: no AveragedModel, a three-field table', () => {
    const script = oneRun({ optimizer: { type: 'SGD' }, scheduler: { type: 'SWALR', swaLr: 0.1 } });
    expect(script).not.toContain('AveragedModel');
    expect(script).not.toContain('averaging');
    expect(script).toContain('from torch.optim.swa_utils import SWALR\n');
    expect(script).toContain('"run-0": ("SGD + SWALR", run_0, "batch"),');
  });
});

describe('lrLambda: a Python lambda printed from the parsed expression', () => {
  it.each([
    ['0.95 ** epoch', '0.95 ** epoch'],
    ['0.5*(1+cos(pi*epoch/60))', '0.5 * (1 + math.cos(math.pi * epoch / 60))'],
    ['-2 ** 2', '-2 ** 2'],
    ['(-2) ** 2', '(-2) ** 2'],
    ['2 ** -epoch', '2 ** -epoch'],
    ['2 ** 3 ** 2', '2 ** 3 ** 2'],
    ['(2 ** 3) ** 2', '(2 ** 3) ** 2'],
    ['1 - (epoch - 1)', '1 - (epoch - 1)'],
    ['(1 - epoch) - 1', '1 - epoch - 1'],
    ['epoch / (2 * 3)', 'epoch / (2 * 3)'],
    ['(epoch + 1) // 4 % 3', '(epoch + 1) // 4 % 3'],
    ['-(epoch + 1)', '-(epoch + 1)'],
    ['max(0.1, min(1, e ** -epoch))', 'max(0.1, min(1, math.e ** -epoch))'],
    ['floor(sqrt(abs(epoch)))', 'math.floor(math.sqrt(abs(epoch)))'],
    ['  1e-3*epoch  ', '0.001 * epoch'],
  ])('%s -> %s', (source, python) => {
    expect(pythonLambda(source)).toBe(`lambda epoch: ${python}`);
  });

  it('imports math only when a lambda needs it', () => {
    const withMath = oneRun({
      optimizer: { type: 'SGD' },
      scheduler: { type: 'LambdaLR', lrLambda: 'exp(-epoch)' },
    });
    expect(withMath).toMatch(/^import math$/m);
    const without = oneRun({
      optimizer: { type: 'SGD' },
      scheduler: { type: 'LambdaLR', lrLambda: '0.9 ** epoch' },
    });
    expect(without).not.toMatch(/^import math$/m);
  });
});

describe('values Python reads back exactly', () => {
  it('float32 data as the shortest decimal that rounds back to the same float32', () => {
    expect(pyFloat32(Math.fround(0.1))).toBe('0.1');
    expect(pyFloat32(1)).toBe('1.0');
    expect(pyFloat32(0)).toBe('0.0');
    expect(pyFloat32(Math.fround(-1e-7))).toBe('-1e-7');
    const random = createRandom(42);
    for (let i = 0; i < 10_000; i++) {
      const value = Math.fround((random.next() - 0.5) * 10 ** random.int(12) * 1e-4);
      const text = pyFloat32(value);
      expect(Math.fround(Number(text)), text).toBe(value);
      expect(text).toMatch(/[.e]/); // a float literal, so torch.tensor makes float32
    }
  });

  it('custom points are embedded as given, in the split the lab makes of them', () => {
    const dataset = {
      type: 'custom' as const,
      points: [
        [0.5, -0.25, 1],
        [2, 3, 0],
        [-1.5, 0.125, 1],
        [0.1, 0.2, 0],
      ] as ClassificationPoint[],
      validationFraction: 0.25,
      seed: 3,
    };
    const script = oneRun({ optimizer: { type: 'SGD' } }, { dataset });
    expect(script).toMatch(
      /^"""An optim-lab experiment as a PyTorch script: 4 custom points, 1 run\./,
    );
    expect(script).toContain('# 4 points drawn or uploaded in optim-lab (a custom dataset, split');
    const parsed = parseExperimentConfig({ dataset, runs: [{ optimizer: { type: 'SGD' } }] });
    const split = createDataset(parsed.dataset);
    // The literals, whitespace aside: a packed list of rows, a trailing comma after the last.
    const code = script.replace(/\s+/g, '');
    const row = (x: Float32Array, i: number) =>
      `[${pyFloat32(x[2 * i])},${pyFloat32(x[2 * i + 1])}]`;
    const train = [0, 1, 2].map((i) => `${row(split.train.x, i)},`).join('');
    const labels = Array.from(split.train.y, (y) => `${pyFloat32(y)},`).join('');
    expect(code).toContain(`TRAIN_X=torch.tensor([${train}])`);
    expect(code).toContain(`TRAIN_Y=torch.tensor([${labels}])`);
    expect(code).toContain(`VAL_X=torch.tensor([${row(split.validation.x, 0)},])`);
    expect(code).toContain(`VAL_Y=torch.tensor([${pyFloat32(split.validation.y[0])},])`);
    // Every given point is in one of the splits.
    const rows = [...[0, 1, 2].map((i) => row(split.train.x, i)), row(split.validation.x, 0)];
    expect(rows.sort()).toEqual(
      dataset.points.map(([a, b]) => `[${pyFloat32(a)},${pyFloat32(b)}]`).sort(),
    );
  });

  it('labels and ids are string literals; a label in a comment stays on one line', () => {
    const script = oneRun({ id: 'a"b', label: 'x\ny "z"', optimizer: { type: 'SGD' } });
    expect(script).toContain('"a\\"b": ("x\\ny \\"z\\"", run_0, None),');
    expect(script).toContain('# a"b: x y "z"\ndef run_0(params):');
  });

  it('the same config gives the same script, and the config is not changed', () => {
    const config = EXPORT_EXPERIMENTS[1].config;
    const before = JSON.stringify(config);
    expect(toPyTorch(config)).toBe(toPyTorch(structuredClone(config)));
    expect(JSON.stringify(config)).toBe(before);
  });

  it('an invalid config is refused with the path of the field, as configure() refuses it', () => {
    expect(() => toPyTorch({ runs: [{ optimizer: { type: 'Adam', lr: -1 } }] })).toThrow(
      /^runs\[0\]\.optimizer\.lr: /,
    );
    expect(() => toPyTorch({ runs: [] })).toThrow(/^runs: /);
  });
});
