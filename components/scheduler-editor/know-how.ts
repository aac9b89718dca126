/** A few lines of practical advice per scheduler, shown under the form. */
import type { SchedulerType } from '../../src/schedule/types';

export const SCHEDULER_TIPS: Readonly<Record<SchedulerType, readonly string[]>> = {
  None: [
    'The optimizer keeps its lr for the whole run: the baseline to compare schedules against.',
  ],
  StepLR: [
    'Multiplies the lr by gamma every stepSize steps: the classic staircase.',
    'gamma 0.1 every third of training is the old ImageNet recipe.',
  ],
  MultiStepLR: [
    'Like StepLR, but you choose the steps where the lr drops (milestones must increase).',
    'Drop where the loss curve flattens out.',
  ],
  ExponentialLR: [
    'Multiplies the lr by gamma after every step: with per-step stepping, gamma must be very close to 1.',
  ],
  MultiplicativeLR: [
    'Multiplies the lr by your expression after every step: "0.99" is ExponentialLR(0.99).',
    'The factor is applied on top of the previous lr, so it compounds.',
  ],
  LambdaLR: [
    'lr = base lr × your expression in epoch (here: the step count).',
    'Anything you can write as a formula: warm-up, cosine, inverse square root.',
  ],
  LinearLR: [
    'Ramps the lr factor from startFactor to endFactor over totalIters steps: a linear warm-up.',
    'Usually chained with a decay through SequentialLR.',
  ],
  ConstantLR: [
    'Holds the lr at factor × base lr for totalIters steps, then returns to the base lr.',
  ],
  CosineAnnealingLR: [
    'Half a cosine from the base lr down to etaMin over tMax steps: smooth and hard to beat.',
    'Set tMax to the training length; after tMax the curve rises again.',
  ],
  CosineAnnealingWarmRestarts: [
    'Cosine decay that restarts at the base lr every t0 steps (t0 × tMult^i with tMult > 1).',
    'Restarts can shake the model out of a poor basin; snapshot at the minima.',
  ],
  PolynomialLR: ['Decays as (1 − t/totalIters)^power to zero: power 1 is a straight line.'],
  CyclicLR: [
    'Cycles between baseLr and maxLr, and cycles momentum the other way.',
    'Stepped every batch; find maxLr with an lr range test.',
  ],
  OneCycleLR: [
    'OneCycleLR is stepped every batch: totalSteps is the number of optimizer steps.',
    "Rises to maxLr, then anneals far below the start; it overrides the optimizer's lr.",
    'Fast training with large lrs (super-convergence); cycles momentum inversely.',
  ],
  SequentialLR: [
    "A warm-up keeps early steps small while Adam's moment estimates settle.",
    'After the warm-up length, the main scheduler takes over from its own start.',
  ],
  ReduceLROnPlateau: [
    'ReduceLROnPlateau watches the validation loss: it cuts the lr by factor when it stops improving for patience steps.',
    'The preview can only guess: the real curve depends on the losses of the run.',
  ],
  SWALR: [
    'For stochastic weight averaging: anneals the lr to swaLr, then holds it while weights are averaged.',
  ],
};
