import type { Dataset } from '../../src/data/dataset';

/**
 * FNV-1a over the float32 bytes of train.x, train.y, validation.x, validation.y: what
 * test/data/reference_datasets.py computes of its own reimplementation.
 */
export function datasetHash(dataset: Dataset): number {
  let h = 0x811c9dc5;
  for (const array of [
    dataset.train.x,
    dataset.train.y,
    dataset.validation.x,
    dataset.validation.y,
  ]) {
    for (const byte of new Uint8Array(array.buffer, array.byteOffset, array.byteLength)) {
      h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    }
  }
  return h;
}
