/**
 * What a run's training loss did, in one word and a sentence, for step 5 ("apply a schedule
 * based on what the loss did"). The raw mini-batch loss is cut into five equal parts by step
 * and each part's mean m0..m4 (and the last part's spread) compared with the whole drop
 * D = m0 - m4:
 *
 * - rising: m4 >= m0, or a non-finite loss: it went nowhere (or up).
 * - still-falling: m3 - m4 > 0.1 D: the last fifth still gained a tenth of everything.
 * - noisy: the last fifth's standard deviation > 0.1 D: it bounces around a level.
 * - plateau: m2 - m4 < 0.1 D: the whole second half gained less than a tenth.
 * - settled: none of these; it fell and came to rest.
 */
export interface LossShape {
  kind: 'rising' | 'still-falling' | 'noisy' | 'plateau' | 'settled';
  /** The five parts' mean losses. */
  means: number[];
  /** Standard deviation of the loss in the last part. */
  lastSpread: number;
}

/** A tenth of the whole drop: what counts as a real change. */
const SHARE = 0.1;
const PARTS = 5;

function mean(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

/** The shape of `loss` (one value per step, in order); undefined with fewer than 10 points. */
export function lossShape(loss: ArrayLike<number>): LossShape | undefined {
  const n = loss.length;
  if (n < 2 * PARTS) return undefined;
  const bounds = Array.from({ length: PARTS + 1 }, (_, k) => Math.round((k * n) / PARTS));
  const means = Array.from({ length: PARTS }, (_, k) => mean(loss, bounds[k], bounds[k + 1]));
  const [from, to] = [bounds[PARTS - 1], n];
  const m4 = means[PARTS - 1];
  let square = 0;
  for (let i = from; i < to; i++) square += (loss[i] - m4) ** 2;
  const lastSpread = Math.sqrt(square / (to - from));
  const drop = means[0] - m4;
  const shape = (kind: LossShape['kind']): LossShape => ({ kind, means, lastSpread });
  if (!means.every(Number.isFinite) || !(drop > 0)) return shape('rising');
  if (means[3] - m4 > SHARE * drop) return shape('still-falling');
  if (lastSpread > SHARE * drop) return shape('noisy');
  if (means[2] - m4 < SHARE * drop) return shape('plateau');
  return shape('settled');
}

/** What the shape means, in a sentence for the learner. */
export const SHAPE_TEXT: Record<LossShape['kind'], string> = {
  rising:
    'The loss did not come down (or blew up): the lr is too high for a constant rate. A 1cycle schedule starts at a 25th of it and warms up; a lower lr may be the real cure.',
  'still-falling':
    'The loss was still falling when training stopped: there was more to gain at a high rate. OneCycleLR spends the budget near the peak lr and anneals only at the end.',
  noisy:
    'The loss bounced around a level at the end: the lr is too high to settle into the minimum. Dividing it by 10 late in training (MultiStepLR, StepLR) lets it settle.',
  plateau:
    'The loss stopped improving in the second half: a lower rate helps once progress stalls, and ReduceLROnPlateau lowers it exactly then, from the validation loss.',
  settled:
    'The loss fell and came to rest: lowering the rate will change little, but warm restarts (CosineAnnealingWarmRestarts) may find a lower, flatter minimum.',
};
