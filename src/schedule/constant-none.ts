import type { ParamGroup } from './param-group';

/** `{ type: 'None' }`: no scheduler; the lr stays what the optimizer was given. */
export class NoScheduler {
  lastEpoch = 0;

  constructor(private readonly group: ParamGroup) {}

  get lastLr(): number {
    return this.group.lr;
  }

  step(): void {
    this.lastEpoch += 1;
  }
}
