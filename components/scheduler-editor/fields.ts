/**
 * Which control each scheduler option gets. Ranges are not repeated here: every edit is
 * checked with parseSchedulerConfig (src/schedule), whose messages name the field.
 */
import type { SchedulerType } from '../../src/schedule/types';

export type FieldSpec =
  | { kind: 'number'; key: string; label: string; placeholder?: string }
  | { kind: 'choice'; key: string; label: string; options: readonly string[] }
  | { kind: 'toggle'; key: string; label: string }
  | { kind: 'milestones'; key: 'milestones'; label: string }
  | { kind: 'expression'; key: 'lrLambda'; label: string };

const num = (key: string, label: string, placeholder?: string): FieldSpec => ({
  kind: 'number',
  key,
  label,
  placeholder,
});
const choice = (key: string, label: string, options: readonly string[]): FieldSpec => ({
  kind: 'choice',
  key,
  label,
  options,
});
const toggle = (key: string, label: string): FieldSpec => ({ kind: 'toggle', key, label });

const gamma = num('gamma', 'Decay factor (gamma)');
const etaMin = num('etaMin', 'Minimum lr (etaMin)');
const lrLambda: FieldSpec = { kind: 'expression', key: 'lrLambda', label: 'Factor (lrLambda)' };
const momentumCycle = [
  toggle('cycleMomentum', 'cycleMomentum'),
  num('baseMomentum', 'Base momentum (baseMomentum)'),
  num('maxMomentum', 'Max momentum (maxMomentum)'),
];

/** SequentialLR has its own "warm-up, then …" layout and is not listed here. */
export const FIELD_SPECS: Readonly<
  Record<Exclude<SchedulerType, 'SequentialLR'>, readonly FieldSpec[]>
> = {
  None: [],
  StepLR: [num('stepSize', 'Step size (stepSize)'), gamma],
  MultiStepLR: [{ kind: 'milestones', key: 'milestones', label: 'Milestones (steps)' }, gamma],
  ExponentialLR: [gamma],
  MultiplicativeLR: [lrLambda],
  LambdaLR: [lrLambda],
  LinearLR: [
    num('startFactor', 'Start factor (startFactor)'),
    num('endFactor', 'End factor (endFactor)'),
    num('totalIters', 'Length (totalIters)'),
  ],
  ConstantLR: [num('factor', 'Factor (factor)'), num('totalIters', 'Length (totalIters)')],
  CosineAnnealingLR: [num('tMax', 'Half period (tMax)'), etaMin],
  CosineAnnealingWarmRestarts: [
    num('t0', 'First period (t0)'),
    num('tMult', 'Period multiplier (tMult)'),
    etaMin,
  ],
  PolynomialLR: [num('totalIters', 'Length (totalIters)'), num('power', 'Power (power)')],
  CyclicLR: [
    num('baseLr', 'Lowest lr (baseLr)'),
    num('maxLr', 'Highest lr (maxLr)'),
    num('stepSizeUp', 'Steps up (stepSizeUp)'),
    num('stepSizeDown', 'Steps down (stepSizeDown)', '= stepSizeUp'),
    choice('mode', 'Mode (mode)', ['triangular', 'triangular2', 'exp_range']),
    gamma,
    ...momentumCycle,
  ],
  OneCycleLR: [
    num('maxLr', 'Peak lr (maxLr)'),
    num('totalSteps', 'Total steps (totalSteps)'),
    num('pctStart', 'Rising share (pctStart)'),
    choice('annealStrategy', 'Anneal (annealStrategy)', ['cos', 'linear']),
    num('divFactor', 'Start = maxLr / divFactor'),
    num('finalDivFactor', 'End = start / finalDivFactor'),
    ...momentumCycle,
    toggle('threePhase', 'threePhase'),
  ],
  ReduceLROnPlateau: [
    choice('mode', 'Mode (mode)', ['min', 'max']),
    num('factor', 'Factor (factor)'),
    num('patience', 'Patience (patience)'),
    num('threshold', 'Threshold (threshold)'),
    choice('thresholdMode', 'Threshold mode (thresholdMode)', ['rel', 'abs']),
    num('cooldown', 'Cooldown (cooldown)'),
    num('minLr', 'Minimum lr (minLr)'),
    num('eps', 'Smallest change (eps)'),
  ],
  SWALR: [
    num('swaLr', 'SWA lr (swaLr)'),
    num('annealEpochs', 'Anneal steps (annealEpochs)'),
    choice('annealStrategy', 'Anneal (annealStrategy)', ['cos', 'linear']),
  ],
};
