import { Adam } from './adam';
import type { ResolvedAdamWConfig } from './resolved';
import type { AdamWConfig } from './types';

/** torch.optim.AdamW: Adam with decoupled weight decay, p *= 1 - lr * weightDecay (before the moments). */
export class AdamW extends Adam {
  static override get className(): string {
    return 'AdamW';
  }

  protected override get decoupledWeightDecay(): boolean {
    return true;
  }

  constructor(config: ResolvedAdamWConfig) {
    super(config);
  }

  override toConfig(): AdamWConfig {
    return { ...super.toConfig(), type: 'AdamW' };
  }
}
