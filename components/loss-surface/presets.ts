/**
 * The lessons `<loss-surface preset="...">` opens with: each one a surface config and two or
 * three sentences of know-how (after the lesson, /work/shared/LESSON.md, in our own words).
 * The list lives here and nowhere else: the element, its stories, the demo page and the
 * tests that check each lesson makes its point (test/components/loss-surface-presets.test.ts)
 * all read it. The settings were chosen so that the point is visible, not just true: see the
 * test for what each one shows, measured from the trajectories.
 */
import type { OptimizerConfig } from '../../src/optim/types';
import { SHORTHAND_OPTIMIZERS } from '../../src/surface/types';
import type { SurfaceConfigInput } from '../../src/surface/types';

export interface SurfacePreset {
  /** The `preset` attribute's value. */
  id: string;
  title: string;
  /** Two or three sentences for a learner. */
  knowHow: readonly string[];
  config: SurfaceConfigInput;
}

const sgdMomentum = (lr: number, nesterov = false): OptimizerConfig =>
  nesterov ? { type: 'SGD', lr, momentum: 0.9, nesterov } : { type: 'SGD', lr, momentum: 0.9 };

export const PRESETS: readonly SurfacePreset[] = [
  {
    id: 'optimizer-zoo',
    title: 'The optimizer zoo',
    knowHow: [
      "Every optimizer in torch.optim sets off from the same point on Rosenbrock's banana-shaped valley, each with its own learning rate.",
      'Getting into the valley is easy; following its curved floor to the minimum at (1, 1) is what separates them.',
      'Adam and its relatives rescale each coordinate, so they keep moving where the floor is flat; plain SGD crawls.',
    ],
    config: { function: 'rosenbrock', steps: 300, optimizers: SHORTHAND_OPTIMIZERS.join(' ') },
  },
  {
    id: 'momentum-vs-nesterov',
    title: 'Momentum vs Nesterov',
    knowHow: [
      'In a narrow ravine momentum builds up speed across the steep walls and overshoots the floor, again and again.',
      'Nesterov takes the gradient where the momentum is about to carry it, so it starts braking before the overshoot.',
      'Same learning rate and momentum for both: the only difference is nesterov=True.',
    ],
    config: {
      function: 'quadratic',
      condition: 50,
      steps: 150,
      runs: [
        { label: 'SGD + momentum', optimizer: sgdMomentum(0.01) },
        { label: 'Nesterov', optimizer: sgdMomentum(0.01, true) },
      ],
    },
  },
  {
    id: 'adam-vs-adamw',
    title: 'Adam vs AdamW',
    knowHow: [
      "Adam's weightDecay adds λθ to the gradient, and the adaptive step divides it away wherever the gradient is large: the decay barely acts.",
      'AdamW shrinks the weights directly, outside the moment estimates, so the same λ pulls the path towards the origin.',
      'Use AdamW when you want weight decay.',
    ],
    config: {
      function: 'himmelblau',
      steps: 300,
      runs: [
        { label: 'Adam', optimizer: { type: 'Adam', lr: 0.1 } },
        {
          label: 'Adam, weightDecay 0.5 (L2 in g)',
          optimizer: { type: 'Adam', lr: 0.1, weightDecay: 0.5 },
        },
        {
          label: 'AdamW, weightDecay 0.5 (decoupled)',
          optimizer: { type: 'AdamW', lr: 0.1, weightDecay: 0.5 },
        },
      ],
    },
  },
  {
    id: 'adaptive-steps',
    title: "Adagrad's fading steps vs RMSprop and Adadelta",
    knowHow: [
      'Adagrad divides by the square root of every squared gradient it has ever seen, so after the steep start its steps stay tiny for good.',
      'RMSprop and Adadelta keep a moving average instead, a window that forgets: their steps grow again on the flat valley floor.',
    ],
    config: {
      function: 'rosenbrock',
      steps: 500,
      runs: [
        { label: 'Adagrad', optimizer: { type: 'Adagrad', lr: 1 } },
        { label: 'RMSprop', optimizer: { type: 'RMSprop', lr: 0.02 } },
        { label: 'Adadelta', optimizer: { type: 'Adadelta', lr: 10 } },
      ],
    },
  },
  {
    id: 'saddle',
    title: 'Escaping a saddle',
    knowHow: [
      'Near a saddle point the gradient almost vanishes in the direction that leads down, so plain SGD slides towards the saddle and lingers there.',
      'Momentum remembers the small push and speeds up; RMSprop and Adam divide by the gradient scale, so even a tiny slope gets a full-sized step.',
    ],
    config: {
      function: 'saddle',
      start: [1.5, 0.01],
      steps: 200,
      runs: [
        { label: 'SGD', optimizer: { type: 'SGD', lr: 0.01 } },
        { label: 'SGD + momentum', optimizer: sgdMomentum(0.01) },
        { label: 'RMSprop', optimizer: { type: 'RMSprop', lr: 0.01 } },
        { label: 'Adam', optimizer: { type: 'Adam', lr: 0.01 } },
      ],
    },
  },
  {
    id: 'warm-restarts',
    title: 'Warm restarts',
    knowHow: [
      'Rastrigin is a bowl covered in dimples: plain SGD with a small learning rate settles in the first dimple it finds.',
      'CosineAnnealingWarmRestarts anneals the learning rate to zero and then jumps back up: every restart kicks SGD out of its dimple, and it settles in a lower one.',
    ],
    config: {
      function: 'rastrigin',
      steps: 360,
      runs: [
        { label: 'SGD, lr 0.002', optimizer: { type: 'SGD', lr: 0.002 } },
        {
          label: 'SGD + warm restarts (lr 0.013, T0 60)',
          optimizer: { type: 'SGD', lr: 0.013 },
          scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 60 },
        },
      ],
    },
  },
  {
    id: 'schedules',
    title: 'A schedule on the landscape',
    knowHow: [
      'StepLR cuts the learning rate by a factor every few steps: the path slows down at each cut, at step 50 and again at 100.',
      'OneCycleLR warms up from a small rate, so it survives a peak rate that blows StepLR up on its first steps, and its large middle carries it to another minimum.',
    ],
    config: {
      function: 'himmelblau',
      steps: 300,
      runs: [
        {
          label: 'StepLR from lr 0.002 (×0.3 every 50)',
          optimizer: sgdMomentum(0.002),
          scheduler: { type: 'StepLR', stepSize: 50, gamma: 0.3 },
        },
        {
          label: 'StepLR from lr 0.03',
          optimizer: sgdMomentum(0.03),
          scheduler: { type: 'StepLR', stepSize: 50, gamma: 0.3 },
        },
        {
          label: 'OneCycleLR up to 0.03',
          optimizer: sgdMomentum(0.03),
          scheduler: { type: 'OneCycleLR', maxLr: 0.03, totalSteps: 300 },
        },
      ],
    },
  },
];

export const PRESET_IDS: readonly string[] = PRESETS.map((preset) => preset.id);

export function presetById(id: string): SurfacePreset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
