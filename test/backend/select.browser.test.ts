// Backend selection in real headless Chromium (WebGPU and WebGL through SwiftShader, wasm
// from the .wasm files Vite serves via the `?url` imports).
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

async function matMulOnCurrentBackend(): Promise<Float32Array> {
  // [[1,2],[3,4]] x [[5],[6]] = [[17],[39]] by hand.
  const product = tf.tidy(() =>
    tf.matMul(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([[5], [6]]),
    ),
  );
  const values = (await product.data()) as Float32Array;
  product.dispose();
  return values;
}

describe('selectBackend in Chromium', () => {
  it('auto picks webgpu first when an adapter exists', async () => {
    const selection = await selectBackend('auto');
    expect(selection).toEqual({ backend: 'webgpu', requested: 'auto', skipped: [] });
    expect(tf.getBackend()).toBe('webgpu');
    expect(await matMulOnCurrentBackend()).toEqual(new Float32Array([17, 39]));
  });

  it.each(['webgl', 'wasm', 'cpu'] as const)('%s runs when asked for by name', async (name) => {
    const selection = await selectBackend(name);
    expect(selection).toEqual({ backend: name, requested: name, skipped: [] });
    expect(tf.getBackend()).toBe(name);
    expect(await matMulOnCurrentBackend()).toEqual(new Float32Array([17, 39]));
  });
});
