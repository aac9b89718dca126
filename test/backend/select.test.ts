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
    expect(selection).toEqual({ backend: 'cpu', requested: 'cpu', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('explains why webgpu and webgl were skipped under auto', async () => {
    const selection = await selectBackend('auto');
    expect(selection.requested).toBe('auto');
    expect(selection.skipped.slice(0, 2)).toEqual([
      { backend: 'webgpu', reason: 'navigator.gpu is not available' },
      { backend: 'webgl', reason: 'neither OffscreenCanvas nor document is available' },
    ]);
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
    // The fallback then follows the auto order, without retrying webgl.
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
