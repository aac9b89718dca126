// Backend selection in Node: no WebGPU, no WebGL, so every fallback path is exercised for
// real (the browser test covers the backends that do exist in Chromium).
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('selectBackend in Node', () => {
  it('runs on cpu when asked for cpu, skipping nothing', async () => {
    const selection = await selectBackend('cpu');
    expect(selection).toEqual({
      backend: 'cpu',
      requested: 'cpu',
      skipped: [],
      reason: 'cpu: asked for by name',
      engine: 'fused',
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('under auto, measures the CPU loop and says why webgpu was not used', async () => {
    const selection = await selectBackend('auto');
    expect(selection.requested).toBe('auto');
    expect(selection.skipped[0]).toEqual({
      backend: 'webgpu',
      reason: 'navigator.gpu is not available',
    });
    expect(selection.measured).toHaveLength(1);
    expect(selection.measured![0].backend).toBe(selection.backend);
    expect(selection.measured![0].stepsPerSecond).toBeGreaterThan(0);
    expect(selection.reason).toMatch(
      new RegExp(
        `^${selection.backend}: the fused CPU loop, [\\d,]+ steps/s here .*webgpu: navigator.gpu is not available$`,
      ),
    );
    expect(selection.engine).toBe('fused');
    // Whatever won actually computes on TF.js now.
    expect(tf.getBackend()).toBe(selection.backend);
    expect(['wasm', 'cpu']).toContain(selection.backend);
    const sum = tf.add(tf.scalar(2), tf.scalar(3));
    expect(await sum.data()).toEqual(new Float32Array([5]));
    sum.dispose();
  });

  it('falls back from a named backend that cannot start and says why', async () => {
    const selection = await selectBackend('webgl');
    expect(selection.skipped[0]).toEqual({
      backend: 'webgl',
      reason: 'neither OffscreenCanvas nor document is available',
    });
    // The fallback is auto's measured choice among the others, without retrying webgl.
    expect(selection.skipped.map((s) => s.backend)).not.toContain(selection.backend);
    expect(selection.skipped.filter((s) => s.backend === 'webgl')).toHaveLength(1);
    expect(tf.getBackend()).toBe(selection.backend);
  });

  it('rejects an unknown preference naming the field and the allowed values', async () => {
    await expect(selectBackend('tpu' as never)).rejects.toThrow(
      "backend must be one of 'auto', 'webgpu', 'webgl', 'wasm', 'cpu'; got \"tpu\"",
    );
  });
});
