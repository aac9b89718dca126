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
  it('auto measures the fused step on webgpu and wasm and keeps the faster, naming the adapter', async () => {
    const selection = await selectBackend('auto');
    expect(selection).toMatchObject({ requested: 'auto', skipped: [], engine: 'fused' });
    // SwiftShader here: a fallback adapter, named as software.
    expect(selection.adapter).toEqual({ name: 'google swiftshader', software: true });
    const measured = new Map(selection.measured!.map((m) => [m.backend, m.stepsPerSecond]));
    expect([...measured.keys()].sort()).toEqual(['wasm', 'webgpu']);
    const cpu = measured.get('wasm')!;
    const gpu = measured.get('webgpu')!;
    expect(cpu).toBeGreaterThan(0);
    // A software adapter gets no preference: whichever measured faster (or alone) wins.
    expect(selection.backend).toBe(Number.isFinite(gpu) && gpu > cpu ? 'webgpu' : 'wasm');
    expect(selection.reason).toContain('software adapter: google swiftshader');
    expect(selection.reason.startsWith(`${selection.backend}: `)).toBe(true);
    expect(tf.getBackend()).toBe(selection.backend);
    expect(await matMulOnCurrentBackend()).toEqual(new Float32Array([17, 39]));
  });

  it.each(['webgpu', 'webgl', 'wasm', 'cpu'] as const)(
    '%s runs when asked for by name',
    async (name) => {
      const selection = await selectBackend(name);
      expect(selection).toMatchObject({
        backend: name,
        requested: name,
        skipped: [],
        engine: 'fused',
      });
      expect(selection.reason.startsWith(`${name}: asked for by name`)).toBe(true);
      expect(tf.getBackend()).toBe(name);
      expect(await matMulOnCurrentBackend()).toEqual(new Float32Array([17, 39]));
    },
  );
});
