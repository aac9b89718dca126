import { describe, expect, it } from 'vitest';
import {
  attributeForPath,
  DEFAULT_RUN,
  readLabAttributes,
} from '../../components/optim-lab/attributes';
import { experimentHorizon, parseExperimentConfig } from '../../src/protocol/experiment';
import { fillExperimentHorizons } from '../../src/protocol/horizon';

describe('readLabAttributes: attribute -> experiment config', () => {
  it('gives one default run and no problems when nothing is set', () => {
    const setup = readLabAttributes({});
    expect(setup.problems).toEqual([]);
    expect(setup.experiment.runs).toEqual([DEFAULT_RUN]);
    expect(setup.backend).toBe('auto');
    expect(setup.hidden.size).toBe(0);
  });

  it('maps every scalar attribute to its field, forgiving case and dashes', () => {
    const setup = readLabAttributes({
      dataset: 'Spiral',
      hidden: '16, 8,4',
      activation: 'leaky-relu',
      batchSize: '64',
      epochs: '3',
      seed: '42',
      backend: 'CPU',
      hide: 'dataset model, lr-curve',
    });
    expect(setup.problems).toEqual([]);
    expect(setup.experiment.dataset).toEqual({ type: 'spiral' });
    expect(setup.experiment.model).toEqual({ hidden: [16, 8, 4], activation: 'leakyRelu' });
    expect(setup.experiment.training).toEqual({ batchSize: 64, epochs: 3 });
    expect(setup.experiment.seed).toBe(42);
    expect(setup.backend).toBe('cpu');
    expect([...setup.hidden]).toEqual(['dataset', 'model', 'lr-curve']);
  });

  it('gives the default run the lr attribute when there is one', () => {
    expect(readLabAttributes({ lr: '0.3' }).experiment.runs).toEqual([
      { optimizer: { type: 'Adam', lr: 0.3 } },
    ]);
  });

  it('reads layer widths from layers, and from the deprecated hidden only without layers', () => {
    expect(readLabAttributes({ layers: '8, 4' }).experiment.model?.hidden).toEqual([8, 4]);
    const both = readLabAttributes({ layers: '8', hidden: '0' });
    expect(both.problems).toEqual([]);
    expect(both.experiment.model?.hidden).toEqual([8]);
    expect(readLabAttributes({ layers: '0' }).problems[0].message).toMatch(
      /^layers: expected layer widths from 1 to 1024/,
    );
    const { provenance } = readLabAttributes({ layers: '8' });
    expect(attributeForPath('model.hidden[0]', provenance)).toBe('layers');
  });

  it('accepts hidden="none" as a model without hidden layers', () => {
    expect(readLabAttributes({ hidden: 'none' }).experiment.model?.hidden).toEqual([]);
  });

  it('turns an optimizer list into one run each and fills lr where the optimizer has none', () => {
    const setup = readLabAttributes({ optimizer: 'sgd adamw', lr: '0.05' });
    expect(setup.problems).toEqual([]);
    expect(setup.experiment.runs).toEqual([
      { optimizer: { type: 'SGD', lr: 0.05 } },
      { optimizer: { type: 'AdamW', lr: 0.05 } },
    ]);
  });

  it('keeps an lr written in the optimizer JSON over the lr attribute (more specific wins)', () => {
    const setup = readLabAttributes({
      optimizer:
        '[{"type":"SGD","lr":0.5,"momentum":0.9},{"type":"Lookahead","optimizer":{"type":"Adam"}}]',
      lr: '0.01',
    });
    expect(setup.experiment.runs.map((run) => run.optimizer)).toEqual([
      { type: 'SGD', lr: 0.5, momentum: 0.9 },
      { type: 'Lookahead', optimizer: { type: 'Adam', lr: 0.01 } },
    ]);
  });

  it('applies one scheduler to every run, or one per run from an array', () => {
    const one = readLabAttributes({
      optimizer: 'SGD Adam',
      scheduler: '{"type":"StepLR","stepSize":100,"gamma":0.5}',
    });
    expect(one.experiment.runs.map((run) => run.scheduler)).toEqual([
      { type: 'StepLR', stepSize: 100, gamma: 0.5 },
      { type: 'StepLR', stepSize: 100, gamma: 0.5 },
    ]);
    const each = readLabAttributes({
      optimizer: 'SGD Adam',
      scheduler: '[{"type":"None"},{"type":"ExponentialLR","gamma":0.99}]',
    });
    expect(each.experiment.runs.map((run) => run.scheduler)).toEqual([
      { type: 'None' },
      { type: 'ExponentialLR', gamma: 0.99 },
    ]);
  });

  it('applies SWA settings to every run that sets none, one per run from an array, or none', () => {
    const one = readLabAttributes({
      optimizer: 'SGD Adam',
      swa: '{"start":30,"swaLr":0.05}',
    });
    expect(one.problems).toEqual([]);
    expect(one.experiment.runs.map((run) => run.swa)).toEqual([
      { start: 30, swaLr: 0.05 },
      { start: 30, swaLr: 0.05 },
    ]);
    const each = readLabAttributes({
      optimizer: 'SGD Adam',
      swa: '[{"start":3,"swaLr":0.1,"annealEpochs":0},null]',
    });
    expect(each.experiment.runs.map((run) => run.swa)).toEqual([
      { start: 3, swaLr: 0.1, annealEpochs: 0 },
      null,
    ]);
    // A run of the config that sets its own keeps it; "none" leaves the runs without.
    const config = JSON.stringify({
      runs: [
        { optimizer: { type: 'SGD' }, swa: { start: 1, swaLr: 0.2 } },
        { optimizer: { type: 'Adam' } },
      ],
    });
    const mixed = readLabAttributes({ config, swa: '{"start":5,"swaLr":0.01}' });
    expect(mixed.experiment.runs.map((run) => run.swa)).toEqual([
      { start: 1, swaLr: 0.2 },
      { start: 5, swaLr: 0.01 },
    ]);
    expect(readLabAttributes({ swa: 'none' }).experiment.runs[0].swa).toBeNull();
  });

  it('lets schedules that span the training fill their length from the horizon', () => {
    // 400 samples, 20% validation -> 320 training points; batch 32 -> 10 steps per epoch;
    // 5 epochs -> 50 steps in all.
    const setup = readLabAttributes({
      epochs: '5',
      scheduler:
        '{"type":"SequentialLR","schedulers":[{"type":"LinearLR","startFactor":0.1,"totalIters":10},{"type":"CosineAnnealingLR"}],"milestones":[10]}',
    });
    expect(setup.problems).toEqual([]);
    expect(experimentHorizon(setup.experiment)).toEqual({ stepsPerEpoch: 10, totalSteps: 50 });
    // The lab keeps the length left out (it follows the training whatever changes it later);
    // the trainer gets it filled from the horizon of the moment.
    expect(setup.experiment.runs[0].scheduler).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
        { type: 'CosineAnnealingLR' },
      ],
      milestones: [10],
    });
    expect(fillExperimentHorizons(setup.experiment).runs[0].scheduler).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
        { type: 'CosineAnnealingLR', tMax: 40 },
      ],
      milestones: [10],
    });
    const oneCycle = readLabAttributes({
      epochs: '5',
      batchSize: '100',
      scheduler: '{"type":"OneCycleLR","maxLr":0.1}',
    });
    // ceil(320 / 100) = 4 steps per epoch, 20 steps in all.
    expect(fillExperimentHorizons(oneCycle.experiment).runs[0].scheduler).toEqual({
      type: 'OneCycleLR',
      maxLr: 0.1,
      totalSteps: 20,
    });
  });

  it('uses config as the base and lets the scalar attributes override it', () => {
    const config = {
      dataset: { type: 'xor' as const, samples: 200 },
      training: { steps: 500, batchSize: 16 },
      runs: [{ label: 'mine', optimizer: { type: 'RMSprop' as const } }],
    };
    const setup = readLabAttributes({ config: JSON.stringify(config), epochs: '2' });
    expect(setup.problems).toEqual([]);
    expect(setup.experiment.dataset).toEqual({ type: 'xor', samples: 200 });
    expect(setup.experiment.training).toEqual({ batchSize: 16, epochs: 2 });
    expect(setup.experiment.runs).toEqual(config.runs);
  });

  it('never writes into a config object given as a property', () => {
    const config = { runs: [{ optimizer: { type: 'SGD' as const } }] };
    readLabAttributes({ config, lr: '0.1' });
    expect(config).toEqual({ runs: [{ optimizer: { type: 'SGD' } }] });
  });
});

describe('readLabAttributes: bad input names the attribute and what is allowed', () => {
  const cases: Array<[string, Parameters<typeof readLabAttributes>[0], RegExp]> = [
    ['lr="abc"', { lr: 'abc' }, /^lr: expected a positive number, got "abc"$/],
    ['lr="-1"', { lr: '-1' }, /^lr: expected a positive number, got "-1"$/],
    ['lr="1e-2x"', { lr: '1e-2x' }, /^lr: expected a positive number/],
    ['hidden="0"', { hidden: '0' }, /^hidden: expected layer widths from 1 to 1024.*"0"/],
    ['hidden="16,-3"', { hidden: '16,-3' }, /^hidden: expected layer widths.*"-3" is not allowed/],
    ['epochs="2.5"', { epochs: '2.5' }, /^epochs: expected an integer from 1 to/],
    ['batch-size="0"', { batchSize: '0' }, /^batch-size: expected an integer from 1 to/],
    ['seed="-1"', { seed: '-1' }, /^seed: expected an integer from 0 to 4294967295/],
    [
      'dataset="mnist"',
      { dataset: 'mnist' },
      /^dataset: expected one of circle, xor, .*got "mnist"/,
    ],
    ['activation="swish"', { activation: 'swish' }, /^activation: expected one of relu, /],
    [
      'optimizer="Adamm"',
      { optimizer: 'Adamm' },
      /^optimizer: expected an optimizer type \(one of SGD, /,
    ],
    ['optimizer broken JSON', { optimizer: '{"type":"SGD",' }, /^optimizer: not valid JSON/],
    [
      'scheduler type Nope',
      { scheduler: '{"type":"Nope"}' },
      /^scheduler: unknown type "Nope"; allowed: None, StepLR/,
    ],
    ['scheduler broken JSON', { scheduler: '{type: StepLR}' }, /^scheduler: not valid JSON/],
    [
      'scheduler bare word',
      { scheduler: 'StepLR' },
      /^scheduler: expected a scheduler config as JSON/,
    ],
    ['swa bare word', { swa: 'yes' }, /^swa: expected SWA settings as JSON, e\.g\. \{"start":30/],
    [
      'swa not an object',
      { swa: '[3]' },
      /^swa: expected an object like \{"start":30,"swaLr":0\.05\}/,
    ],
    [
      'swa without swaLr',
      { swa: '{"start":3}' },
      /^swa: is required; swa takes start, swaLr, annealEpochs, annealStrategy \(runs\[0\]\.swa\.swaLr\)$/,
    ],
    [
      'swa with a negative start',
      { swa: '{"start":-1,"swaLr":0.1}' },
      /^swa: must be an integer epoch in \[0, 1000000\] \(runs\[0\]\.swa\.start\)$/,
    ],
    [
      'config not an object',
      { config: '[1,2]' },
      /^config: expected an experiment as a JSON object/,
    ],
    [
      'backend="tpu"',
      { backend: 'tpu' },
      /^backend: expected one of auto, webgpu, webgl, wasm, cpu/,
    ],
    [
      'hide="everything"',
      { hide: 'everything' },
      /^hide: unknown section "everything"; allowed: dataset/,
    ],
  ];
  for (const [name, values, pattern] of cases) {
    it(name, () => {
      const setup = readLabAttributes(values);
      expect(setup.problems).toHaveLength(1);
      expect(setup.problems[0].message).toMatch(pattern);
    });
  }

  it('reports every bad attribute at once and still builds a usable experiment', () => {
    const setup = readLabAttributes({ lr: 'abc', hidden: '0', dataset: 'spiral' });
    expect(setup.problems.map((p) => p.attribute)).toEqual(['hidden', 'lr']);
    expect(setup.experiment.dataset).toEqual({ type: 'spiral' });
    expect(setup.experiment.runs).toEqual([DEFAULT_RUN]);
  });

  it('checks the whole experiment and names the attribute behind a bad nested option', () => {
    const scheduler = readLabAttributes({ scheduler: '{"type":"StepLR"}' });
    expect(scheduler.problems.map((p) => p.attribute)).toEqual(['scheduler']);
    expect(scheduler.problems[0].message).toMatch(
      /^scheduler: .* \(runs\[0\]\.scheduler\.stepSize\)$/,
    );
    const optimizer = readLabAttributes({ optimizer: '{"type":"Adam","betas":[0.9,1.5]}' });
    expect(optimizer.problems[0].message).toMatch(/^optimizer: .* \(runs\[0\]\.optimizer\.betas/);
    const config = readLabAttributes({ config: '{"dataset":{"noise":-1}}' });
    expect(config.problems[0].message).toMatch(/^config: .* \(dataset\.noise\)$/);
  });

  it('refuses an swa array whose length does not match the runs', () => {
    const setup = readLabAttributes({ optimizer: 'SGD Adam Adagrad', swa: '[null,null]' });
    expect(setup.problems[0].message).toBe(
      'swa: got 2 SWA settings for 3 runs; give one, or one per run',
    );
  });

  it('refuses a scheduler array whose length does not match the runs', () => {
    const setup = readLabAttributes({
      optimizer: 'SGD Adam Adagrad',
      scheduler: '[{"type":"None"},{"type":"None"}]',
    });
    expect(setup.problems[0].message).toBe(
      'scheduler: got 2 schedulers for 3 runs; give one, or one per run',
    );
  });
});

describe('attributeForPath: trainer errors point back at the attribute', () => {
  it('blames the most specific attribute that set the field', () => {
    const { provenance } = readLabAttributes({
      config: '{"runs":[{"optimizer":{"type":"Adam","betas":[0.9,0.99]}}]}',
      lr: '0.1',
      hidden: '8',
    });
    expect(attributeForPath('runs[0].optimizer.lr', provenance)).toBe('lr');
    expect(attributeForPath('runs[0].optimizer.betas[1]', provenance)).toBe('config');
    expect(attributeForPath('model.hidden[0]', provenance)).toBe('hidden');
    expect(attributeForPath('dataset.noise', provenance)).toBe('config');
  });

  it('blames optimizer / scheduler when they built the runs, and nothing for lab defaults', () => {
    const { provenance } = readLabAttributes({
      optimizer: '{"type":"Adam","betas":[0.9,0.99]}',
      scheduler: '{"type":"StepLR","stepSize":5}',
    });
    expect(attributeForPath('runs[0].optimizer.betas[1]', provenance)).toBe('optimizer');
    expect(attributeForPath('runs[0].scheduler.stepSize', provenance)).toBe('scheduler');
    expect(attributeForPath('training.batchSize', provenance)).toBeUndefined();
  });
});

describe('an attribute whose fault shows only in the whole experiment is left out', () => {
  it('names it, and reads the rest as if it were not there', () => {
    const setup = readLabAttributes({
      optimizer: '{"type":"Lookahead","optimizer":{"type":"Lookahead"}}',
      scheduler: '{"type":"ExponentialLR","gamma":"0.9"}',
      lr: '0.05',
    });
    expect(setup.problems.map((p) => p.attribute).sort()).toEqual(['optimizer', 'scheduler']);
    expect(setup.problems.find((p) => p.attribute === 'scheduler')?.message).toBe(
      'scheduler: must be a finite number > 0, got "0.9" (runs[0].scheduler.gamma)',
    );
    // What is left is a valid experiment: the default run, at the lr that was given.
    expect(setup.experiment.runs).toEqual([{ optimizer: { type: 'Adam', lr: 0.05 } }]);
    expect(() => parseExperimentConfig(setup.experiment)).not.toThrow();
  });

  it('config without a list of runs is named, not ignored', () => {
    const setup = readLabAttributes({ config: '{"runs":"x"}' });
    expect(setup.problems).toEqual([
      { attribute: 'config', message: 'config: must be an array of runs (runs)' },
    ]);
  });
});

describe('a message names the field the author wrote', () => {
  it.each([
    ['{"training":{"evalEvery":-1}}', 'training.evalEvery', 'must be an integer >= 0'],
    ['{"training":{"shuffleSeed":1.5}}', 'training.shuffleSeed', 'must be an integer seed'],
    ['{"training":{"epochs":0}}', 'training.epochs', 'must be an integer in [1, 1000000]'],
  ])('config=%s names %s', (config, path, detail) => {
    const [problem] = readLabAttributes({ config }).problems;
    expect(problem.attribute).toBe('config');
    expect(problem.message).toMatch(
      new RegExp(`^config: ${escape(detail)}.* \\(${escape(path)}\\)$`),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
