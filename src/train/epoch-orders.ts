/**
 * The batch order as row indices, for engines that gather batches themselves (the fused
 * ones): the same permutations BatchSource gathers into tensors (epochOrder), cut into the
 * same batches, so every engine sees the same points in the same order at every step.
 */
import { createRandom, permutation } from '../data/random';
import { deriveSeed } from '../protocol/experiment';

/** The permutation of the training points epoch `epoch` visits them in. */
export function epochOrder(trainCount: number, shuffleSeed: number, epoch: number): Int32Array {
  return permutation(trainCount, createRandom(deriveSeed(shuffleSeed, epoch)));
}

export interface BatchRows {
  /** The epoch's permutation of the training points. */
  rows: Int32Array;
  /** The batch is rows[start, start + size). */
  start: number;
  size: number;
}

export class EpochOrders {
  private readonly epochs = new Map<number, Int32Array>();
  readonly stepsPerEpoch: number;

  constructor(
    private readonly trainCount: number,
    private readonly batchSize: number,
    private readonly shuffleSeed: number,
    /** Epochs kept; runs move forward together, rarely more than a few epochs apart. */
    private readonly cached = 8,
  ) {
    this.stepsPerEpoch = Math.ceil(trainCount / batchSize);
  }

  /** The batch of 0-based step `step`. */
  batch(step: number): BatchRows {
    const epoch = Math.floor(step / this.stepsPerEpoch);
    const start = (step % this.stepsPerEpoch) * this.batchSize;
    return {
      rows: this.order(epoch),
      start,
      size: Math.min(this.batchSize, this.trainCount - start),
    };
  }

  order(epoch: number): Int32Array {
    let rows = this.epochs.get(epoch);
    if (rows === undefined) {
      if (this.epochs.size >= this.cached) this.epochs.delete(Math.min(...this.epochs.keys()));
      rows = epochOrder(this.trainCount, this.shuffleSeed, epoch);
      this.epochs.set(epoch, rows);
    }
    return rows;
  }
}
