import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { OneCycleLRConfig } from './types';

type GroupKey = 'initialLr' | 'maxLr' | 'minLr';
type MomentumKey = 'maxMomentum' | 'baseMomentum';

interface Phase {
  endStep: number;
  startLr: GroupKey;
  endLr: GroupKey;
  startMomentum: MomentumKey;
  endMomentum: MomentumKey;
}

function annealCos(start: number, end: number, pct: number): number {
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2) * cosOut;
}

function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

/**
 * torch OneCycleLR: warm up from maxLr/divFactor to maxLr, then anneal to
 * initial/finalDivFactor (or back down and then to the minimum with threePhase). With
 * cycleMomentum, momentum (SGD, RMSprop) or betas[0] (Adam family) moves inversely to lr.
 *
 * Past the end: step i uses the lr of lastEpoch i, and the last of `totalSteps` steps uses
 * the final lr. The ordinary loop then calls step() once more, after that last optimizer step;
 * torch computes an lr beyond the end of the anneal there (which no step uses), extrapolating
 * it: back up for 'cos', below the final lr and even negative for 'linear'. We hold the final
 * lr (and momentum) instead, so that call never sets an invalid lr. One step() more than that
 * throws, as torch raises ValueError.
 */
export class OneCycleLR extends LRScheduler {
  private readonly totalSteps: number;
  private readonly pctSteps: number;
  private readonly phases: Phase[];
  private readonly anneal: (start: number, end: number, pct: number) => number;
  private readonly cycleMomentum: boolean;
  private readonly useBeta1: boolean = false;

  constructor(group: ParamGroup, config: Required<OneCycleLRConfig>) {
    super(group);
    const { totalSteps, pctStart } = config;
    this.totalSteps = totalSteps;
    this.pctSteps = pctStart * totalSteps;
    this.phases = config.threePhase
      ? [
          phase(pctStart * totalSteps - 1, 'initialLr', 'maxLr', 'maxMomentum', 'baseMomentum'),
          phase(2 * pctStart * totalSteps - 2, 'maxLr', 'initialLr', 'baseMomentum', 'maxMomentum'),
          phase(totalSteps - 1, 'initialLr', 'minLr', 'maxMomentum', 'maxMomentum'),
        ]
      : [
          phase(pctStart * totalSteps - 1, 'initialLr', 'maxLr', 'maxMomentum', 'baseMomentum'),
          phase(totalSteps - 1, 'maxLr', 'minLr', 'baseMomentum', 'maxMomentum'),
        ];
    this.anneal = config.annealStrategy === 'cos' ? annealCos : annealLinear;
    group.initialLr = config.maxLr / config.divFactor;
    group.maxLr = config.maxLr;
    group.minLr = group.initialLr / config.finalDivFactor;
    this.cycleMomentum = config.cycleMomentum;
    if (this.cycleMomentum) {
      if (!group.hasMomentum && !group.hasBetas) {
        throw new Error(
          'OneCycleLR: optimizer must support momentum or betas with cycleMomentum enabled; ' +
            'set cycleMomentum: false',
        );
      }
      this.useBeta1 = !group.hasMomentum && group.hasBetas;
      if (this.useBeta1) group.setBeta1(config.maxMomentum);
      else group.setMomentum(config.maxMomentum);
      group.maxMomentum = config.maxMomentum;
      group.baseMomentum = config.baseMomentum;
    }
    this.attach();
  }

  protected getLr(): number {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new Error(
        `OneCycleLR: tried to step ${stepNum + 1} times; totalSteps is ${this.totalSteps} ` +
          '(construction counts as one step; make totalSteps at least the number of step() calls)',
      );
    }
    const g = this.group;
    let startStep = 0;
    let lr = Number.NaN;
    let momentum = Number.NaN;
    for (let i = 0; i < this.phases.length; i++) {
      const p = this.phases[i];
      if (stepNum <= p.endStep || i === this.phases.length - 1) {
        if (p.endStep === startStep) {
          // Python raises ZeroDivisionError here; say why instead of producing NaN.
          throw new Error(
            `OneCycleLR: phase ${i + 1} has zero length (pctStart * totalSteps = ${this.pctSteps}); ` +
              'change pctStart or totalSteps',
          );
        }
        // Only the last phase can see stepNum past its end (stepNum = totalSteps): hold there.
        const pct = Math.min(1, (stepNum - startStep) / (p.endStep - startStep));
        lr = this.anneal(read(g, p.startLr), read(g, p.endLr), pct);
        if (this.cycleMomentum) {
          momentum = this.anneal(read(g, p.startMomentum), read(g, p.endMomentum), pct);
        }
        break;
      }
      startStep = p.endStep;
    }
    if (this.cycleMomentum) {
      if (this.useBeta1) g.setBeta1(momentum);
      else g.setMomentum(momentum);
    }
    return lr;
  }
}

function phase(
  endStep: number,
  startLr: GroupKey,
  endLr: GroupKey,
  startMomentum: MomentumKey,
  endMomentum: MomentumKey,
): Phase {
  return { endStep, startLr, endLr, startMomentum, endMomentum };
}

function read(group: ParamGroup, key: GroupKey | MomentumKey): number {
  const value = group[key];
  if (value === undefined) throw new Error(`OneCycleLR: param group has no ${key}`);
  return value;
}
