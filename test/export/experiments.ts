/**
 * The experiments whose exported PyTorch scripts test/reference/export_reference.py runs
 * (with torch 1.13) into test/reference/export.json, and whose engine losses
 * pytorch-reference.test.ts compares with them. Between them: every optimizer type (and the
 * options that change their update), a range of schedulers stepped per batch, per epoch and
 * on plateaus, both tasks, every activation, L2, partial batches and epochs, no validation.
 *
 * Sized by steps so the engine side takes seconds on the cpu backend; nothing here may
 * diverge (the engine stops a diverged run, the script does not). Changing this list means
 * running `npm run reference` again.
 */
import type { ClassificationPoint, RegressionPoint } from '../../src/protocol/custom-points';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';

export interface ExportExperiment {
  name: string;
  config: ExperimentConfigInput;
}

/** lrLambda expressions whose Python translation the generator evaluates at epochs 0..40. */
export const EXPORT_LAMBDAS: readonly string[] = [
  '0.95 ** epoch',
  '1 / (1 + 0.05 * epoch)',
  '0.5 * (1 + cos(pi * epoch / 20))',
  'max(0.1, 1 - sqrt(epoch) / 5)',
  '0.9 ** floor(epoch / 3) * (1 + epoch % 3) / 3',
  'min(1, (epoch + 1) / 10) * exp(-epoch / 50)',
  '-2 ** 2 + (-2) ** 2 + 2 ** -1 + 1',
  '2 ** 3 ** 0.5 / 10',
  '1 - (epoch - (epoch - 1)) / 2 + abs(-epoch) * 0',
  '(1 + epoch) // 4 / (ceil(epoch / 7) + 1) + log(e) - sin(0)',
  '--0.5 + -(-epoch) * 0.001',
  '1e-3 * epoch + 2.5e2 / 250',
];

/** Rounded to 3 decimals, as a person's clicks would be. */
const milli = (value: number) => Math.round(value * 1000) / 1000 + 0;

/**
 * A hand-drawn XOR: quadrant points at radii up to 2.4 (beyond the generators' [-1, 1]), with
 * every seventh label flipped (a person's mistakes), in the order a person would click them.
 */
const DRAWN_XOR: ClassificationPoint[] = Array.from({ length: 44 }, (_, i) => {
  const x1 = milli(2.4 * Math.sin(1.3 * i + 0.4));
  const x2 = milli(1.6 * Math.cos(2.1 * i + 0.2));
  const label = x1 * x2 > 0 !== (i % 7 === 3) ? 1 : 0;
  return [x1, x2, label];
});

/** A drawn regression: a bump on a slope, x in [-1, 1], unevenly spaced. */
const DRAWN_CURVE: RegressionPoint[] = Array.from({ length: 30 }, (_, i) => {
  const x = milli(Math.sin(0.9 * i));
  return [x, milli(0.5 * x + Math.exp(-8 * x * x) + 0.05 * Math.cos(7 * i))];
});

export const EXPORT_EXPERIMENTS: readonly ExportExperiment[] = [
  {
    name: 'circle: every optimizer',
    config: {
      seed: 11,
      dataset: { type: 'circle', samples: 200 },
      model: { hidden: [8, 8], activation: 'relu', l2: 1e-3 },
      training: { batchSize: 32, epochs: 12 },
      runs: [
        { optimizer: { type: 'SGD', lr: 0.1 } },
        {
          optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 },
        },
        { optimizer: { type: 'SGD', lr: 0.05, momentum: 0.8, dampening: 0.3 } },
        { optimizer: { type: 'Adam', lr: 0.01, amsgrad: true } },
        { optimizer: { type: 'AdamW', lr: 0.01, betas: [0.85, 0.99], weightDecay: 0.05 } },
        { optimizer: { type: 'NAdam', lr: 0.01, momentumDecay: 0.01, weightDecay: 1e-3 } },
        { optimizer: { type: 'RAdam', lr: 0.01, eps: 1e-6 } },
        { optimizer: { type: 'Adamax', lr: 0.02 } },
        {
          optimizer: { type: 'Adagrad', lr: 0.05, lrDecay: 0.01, initialAccumulatorValue: 0.1 },
        },
        { optimizer: { type: 'Adadelta', lr: 1, rho: 0.95 } },
        { optimizer: { type: 'RMSprop', lr: 0.005, centered: true, momentum: 0.5 } },
        {
          optimizer: {
            type: 'Lookahead',
            k: 3,
            alpha: 0.6,
            optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
          },
        },
        { optimizer: { type: 'Lookahead', optimizer: { type: 'AdamW', lr: 0.01 } } },
      ],
    },
  },
  {
    name: 'sine: tanh regression, schedulers per batch',
    config: {
      seed: 5,
      dataset: { type: 'sine', samples: 200 },
      model: { hidden: [16], activation: 'tanh', l2: 1e-4 },
      training: { batchSize: 16, epochs: 10 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
          scheduler: { type: 'StepLR', stepSize: 25, gamma: 0.5 },
        },
        {
          optimizer: { type: 'SGD', lr: 0.2 },
          scheduler: { type: 'MultiStepLR', milestones: [30, 60], gamma: 0.3 },
        },
        {
          optimizer: { type: 'Adam', lr: 0.01 },
          scheduler: { type: 'OneCycleLR', maxLr: 0.03, totalSteps: 100 },
        },
        {
          // issue 11: the ordinary loop's last step() used to throw here.
          optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
          scheduler: {
            type: 'OneCycleLR',
            maxLr: 0.1,
            totalSteps: 100,
            annealStrategy: 'linear',
            threePhase: true,
          },
        },
        {
          optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
          scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 20, tMult: 2, etaMin: 0.001 },
        },
        {
          optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9 },
          scheduler: {
            type: 'CyclicLR',
            baseLr: 0.01,
            maxLr: 0.1,
            stepSizeUp: 15,
            mode: 'triangular2',
          },
        },
        {
          label: 'Adam, warm-up then cosine',
          optimizer: { type: 'Adam', lr: 0.02 },
          scheduler: {
            type: 'SequentialLR',
            schedulers: [
              { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
              { type: 'CosineAnnealingLR', tMax: 90 },
            ],
            milestones: [10],
          },
        },
        {
          optimizer: { type: 'AdamW', lr: 0.02 },
          scheduler: { type: 'LambdaLR', lrLambda: '1 / (1 + 0.05 * epoch)' },
        },
        {
          optimizer: { type: 'RMSprop', lr: 0.005 },
          scheduler: { type: 'ExponentialLR', gamma: 0.98 },
        },
      ],
    },
  },
  {
    name: 'spiral: gelu, schedulers per epoch',
    config: {
      seed: 2,
      dataset: { type: 'spiral', samples: 240, noise: 0.05 },
      model: { hidden: [16, 16], activation: 'gelu' },
      training: { batchSize: 48, epochs: 20 },
      runs: [
        {
          optimizer: { type: 'Adam', lr: 0.02 },
          scheduler: { type: 'MultiStepLR', milestones: [5, 12] },
          schedulerStepOn: 'epoch',
        },
        {
          optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
          scheduler: { type: 'LambdaLR', lrLambda: 'max(0.1, 1 - sqrt(epoch) / 5)' },
          schedulerStepOn: 'epoch',
        },
        {
          optimizer: { type: 'NAdam', lr: 0.01 },
          scheduler: { type: 'CosineAnnealingLR', tMax: 20 },
          schedulerStepOn: 'epoch',
        },
        {
          optimizer: { type: 'RAdam', lr: 0.02 },
          scheduler: { type: 'PolynomialLR', totalIters: 15, power: 2 },
          schedulerStepOn: 'epoch',
        },
        {
          optimizer: { type: 'Adam', lr: 0.01 },
          scheduler: { type: 'OneCycleLR', maxLr: 0.03, totalSteps: 20 },
          schedulerStepOn: 'epoch',
        },
        {
          optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9 },
          scheduler: {
            type: 'MultiplicativeLR',
            lrLambda: '0.9 ** floor(epoch / 3) * (1 + epoch % 3) / 3 + 0.5',
          },
          schedulerStepOn: 'epoch',
        },
      ],
    },
  },
  {
    name: 'moons: leaky ReLU, ReduceLROnPlateau on the validation loss',
    config: {
      seed: 8,
      dataset: { type: 'moons', samples: 200 },
      model: { hidden: [12], activation: 'leakyRelu', l2: 1e-3 },
      training: { batchSize: 20, epochs: 15, evalEvery: 10 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 0.5 },
          scheduler: { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5, threshold: 0.02 },
        },
        {
          optimizer: { type: 'Adam', lr: 0.05 },
          scheduler: {
            type: 'ReduceLROnPlateau',
            patience: 0,
            thresholdMode: 'abs',
            threshold: 0.05,
            cooldown: 2,
            factor: 0.3,
          },
        },
      ],
    },
  },
  {
    name: 'plane: sigmoid, no validation split, steps not a whole number of epochs',
    config: {
      seed: 4,
      dataset: { type: 'plane', samples: 100, validationFraction: 0 },
      model: { hidden: [8], activation: 'sigmoid' },
      training: { batchSize: 25, steps: 50, evalEvery: 5 },
      runs: [
        {
          optimizer: { type: 'Adam', lr: 0.05 },
          scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 0.3 },
        },
        {
          optimizer: { type: 'SGD', lr: 0.5, momentum: 0.5 },
          scheduler: { type: 'StepLR', stepSize: 3, gamma: 0.7 },
          schedulerStepOn: 'epoch',
        },
        { optimizer: { type: 'Adagrad', lr: 0.1 } },
      ],
    },
  },
  {
    name: 'xor: linear activation, Glorot, full batch',
    config: {
      seed: 6,
      dataset: { type: 'xor', samples: 120 },
      model: { hidden: [6], activation: 'linear', init: 'glorot' },
      training: { batchSize: 1000, epochs: 40 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 0.5 },
          scheduler: { type: 'LinearLR', startFactor: 0.25, totalIters: 20 },
        },
        {
          // A label is free text: the script must still parse (string literal and comment).
          label: 'Adam — "halved" \\ for 10 steps,\nthen \'full\' """',
          optimizer: { type: 'Adam', lr: 0.05 },
          scheduler: { type: 'ConstantLR', factor: 0.5, totalIters: 10 },
        },
        {
          optimizer: { type: 'SGD', lr: 0.5 },
          scheduler: { type: 'SWALR', swaLr: 0.1, annealEpochs: 10, annealStrategy: 'linear' },
        },
        {
          optimizer: { type: 'Adamax', lr: 0.05 },
          scheduler: {
            type: 'CyclicLR',
            baseLr: 0.01,
            maxLr: 0.08,
            stepSizeUp: 5,
            stepSizeDown: 8,
            mode: 'exp_range',
            gamma: 0.97,
            cycleMomentum: false,
          },
        },
      ],
    },
  },
  {
    name: 'gaussian: He-initialised tanh, odd batches, Lookahead with a cycled momentum',
    config: {
      seed: 9,
      dataset: { type: 'gaussian', samples: 150, noise: 0.2 },
      model: { hidden: [10, 6], activation: 'tanh', init: 'he', l2: 0.01 },
      training: { batchSize: 7, epochs: 3 },
      runs: [
        { optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9, nesterov: true } },
        {
          optimizer: {
            type: 'Lookahead',
            k: 4,
            optimizer: { type: 'RMSprop', lr: 0.01, momentum: 0.9 },
          },
          scheduler: { type: 'OneCycleLR', maxLr: 0.02, totalSteps: 54 },
        },
      ],
    },
  },
  {
    name: 'checkerboard: ReLU, SequentialLR of three per epoch',
    config: {
      seed: 3,
      dataset: { type: 'checkerboard', samples: 200 },
      model: { hidden: [16, 16] },
      training: { batchSize: 40, epochs: 24 },
      runs: [
        {
          optimizer: { type: 'AdamW', lr: 0.02, weightDecay: 0.1 },
          scheduler: {
            type: 'SequentialLR',
            schedulers: [
              { type: 'LinearLR', startFactor: 0.2, totalIters: 4 },
              { type: 'StepLR', stepSize: 5, gamma: 0.5 },
              { type: 'ExponentialLR', gamma: 0.9 },
            ],
            milestones: [4, 14],
          },
          schedulerStepOn: 'epoch',
        },
      ],
    },
  },
  {
    name: 'custom points: a drawn XOR, outside [-1, 1], with mislabelled points',
    config: {
      seed: 12,
      dataset: { type: 'custom', points: DRAWN_XOR, validationFraction: 0.25, seed: 40 },
      model: { hidden: [8, 8], activation: 'tanh' },
      training: { batchSize: 10, epochs: 8, evalEvery: 3 },
      runs: [
        { optimizer: { type: 'Adam', lr: 0.02 } },
        {
          optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9 },
          scheduler: { type: 'CosineAnnealingLR', tMax: 32 },
        },
      ],
    },
  },
  {
    name: 'moons: Stochastic Weight Averaging after schedulers per batch, per epoch and on plateaus',
    config: {
      seed: 21,
      dataset: { type: 'moons', samples: 160, noise: 0.2 },
      model: { hidden: [12, 8] },
      // 128 training points / batch 16: 8 steps an epoch; evaluations every 6 steps fall
      // between the averages at the epochs' ends.
      training: { batchSize: 16, epochs: 9, evalEvery: 6 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 0.2 },
          swa: { start: 3, swaLr: 0.05, annealEpochs: 3 },
        },
        {
          optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, nesterov: true },
          scheduler: { type: 'OneCycleLR', maxLr: 0.3, totalSteps: 72 },
          swa: { start: 4, swaLr: 0.02, annealEpochs: 0 },
        },
        {
          optimizer: { type: 'Adam', lr: 0.02 },
          scheduler: { type: 'StepLR', stepSize: 2, gamma: 0.5 },
          schedulerStepOn: 'epoch',
          swa: { start: 2, swaLr: 0.01, annealEpochs: 2, annealStrategy: 'linear' },
        },
        {
          optimizer: { type: 'RMSprop', lr: 0.01 },
          scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 0.2 },
          swa: { start: 5, swaLr: 0.004 },
        },
        {
          optimizer: { type: 'Lookahead', k: 3, optimizer: { type: 'AdamW', lr: 0.02 } },
          swa: { start: 0, swaLr: 0.01, annealEpochs: 4, annealStrategy: 'linear' },
        },
        { optimizer: { type: 'SGD', lr: 0.2 } },
      ],
    },
  },
  {
    name: 'sine: SWA regression, no validation split, steps not a whole number of epochs',
    config: {
      seed: 22,
      dataset: { type: 'sine', samples: 90, validationFraction: 0 },
      model: { hidden: [10], activation: 'tanh', l2: 1e-3 },
      // 90 points / batch 20: 5 steps an epoch (the last of 10); 47 steps end mid-epoch.
      training: { batchSize: 20, steps: 47, evalEvery: 5 },
      runs: [
        {
          optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
          scheduler: { type: 'CosineAnnealingLR', tMax: 47 },
          swa: { start: 4, swaLr: 0.02, annealEpochs: 2 },
        },
        {
          optimizer: { type: 'Adam', lr: 0.02 },
          scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 0.3 },
          swa: { start: 1, swaLr: 0.01, annealEpochs: 1, annealStrategy: 'linear' },
        },
      ],
    },
  },
  {
    name: 'custom points: a drawn 1-D regression',
    config: {
      seed: 13,
      dataset: { type: 'custom', points: DRAWN_CURVE },
      model: { hidden: [12], activation: 'relu' },
      training: { batchSize: 8, epochs: 10 },
      runs: [
        { optimizer: { type: 'AdamW', lr: 0.02, weightDecay: 0.01 } },
        { optimizer: { type: 'RMSprop', lr: 0.005 } },
      ],
    },
  },
];
