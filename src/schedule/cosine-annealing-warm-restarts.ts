import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { CosineAnnealingWarmRestartsConfig } from './types';

/** torch CosineAnnealingWarmRestarts (SGDR): cosine from the initial lr to etaMin, restarting. */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  private readonly t0: number;
  private readonly tMult: number;
  private readonly etaMin: number;
  private tI: number;
  private tCur: number;

  constructor(group: ParamGroup, config: Required<CosineAnnealingWarmRestartsConfig>) {
    super(group);
    this.t0 = config.t0;
    this.tI = config.t0;
    this.tMult = config.tMult;
    this.etaMin = config.etaMin;
    this.tCur = -1;
    this.attach();
  }

  protected getLr(): number {
    const { etaMin } = this;
    return etaMin + ((this.baseLr - etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2;
  }

  /** torch overrides step() wholesale here; it does not count _step_count. */
  override step(epochArg?: number): void {
    let epoch = epochArg;
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.tCur += 1;
      if (this.tCur >= this.tI) {
        this.tCur -= this.tI;
        this.tI *= this.tMult;
      }
    } else {
      if (epoch < 0) throw new Error(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.t0) {
        if (this.tMult === 1) {
          this.tCur = epoch % this.t0;
        } else {
          // Same float path as torch: int(math.log(x, T_mult)) == trunc(log(x) / log(T_mult)).
          const n = Math.trunc(
            Math.log((epoch / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult),
          );
          this.tCur = epoch - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
          this.tI = this.t0 * this.tMult ** n;
        }
      } else {
        this.tI = this.t0;
        this.tCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    this.group.lr = this.getLr();
    this.lastLr = this.group.lr;
  }
}
