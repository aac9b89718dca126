// How auto turns measurements into a choice and a reason (the numbers here are made up, so
// the rules are what is tested: measuring itself is covered where real backends run).
import { describe, expect, it } from 'vitest';
import { decide, HARDWARE_GPU_MARGIN } from '../../src/backend/select';

const software = { name: 'google swiftshader', software: true };
const hardware = { name: 'nvidia ampere', software: false };
const cpu = (stepsPerSecond: number) => ({ backend: 'wasm' as const, probe: { stepsPerSecond } });
const gpu = (adapter: typeof software, stepsPerSecond: number) => ({
  adapter,
  probe: { stepsPerSecond },
});

describe('decide', () => {
  it('a software adapter gets no preference: the faster wins, and the reason says by how much', () => {
    expect(decide({ cpu: cpu(1800), gpu: gpu(software, 200) })).toEqual({
      backend: 'wasm',
      reason:
        'wasm: 9.0x faster than webgpu (software adapter: google swiftshader) here (1,800 steps/s vs 200 steps/s, 8 runs of the fused step)',
    });
    expect(decide({ cpu: cpu(100), gpu: gpu(software, 150) }).backend).toBe('webgpu');
  });

  it(`a hardware GPU is kept unless the CPU loop is ${HARDWARE_GPU_MARGIN}x faster`, () => {
    expect(decide({ cpu: cpu(3000), gpu: gpu(hardware, 1000) }).backend).toBe('wasm');
    const kept = decide({ cpu: cpu(1500), gpu: gpu(hardware, 1000) });
    expect(kept.backend).toBe('webgpu');
    expect(kept.reason).toMatch(
      /^webgpu: hardware GPU: nvidia ampere, kept although the CPU loop is 1\.5x faster/,
    );
    expect(decide({ cpu: cpu(1000), gpu: gpu(hardware, 4000) }).reason).toMatch(
      /^webgpu: 4\.0x faster than the CPU loop here \(hardware GPU: nvidia ampere;/,
    );
  });

  it('a GPU probe that did not finish, or no GPU at all, leaves the CPU loop', () => {
    const late = decide({
      cpu: cpu(1000),
      gpu: {
        adapter: software,
        probe: {
          stepsPerSecond: NaN,
          unfinished: 'its fused kernels did not compile within 150 ms',
        },
      },
    });
    expect(late).toEqual({
      backend: 'wasm',
      reason:
        'wasm: webgpu (software adapter: google swiftshader) gave no measurement: its fused kernels did not compile within 150 ms; the fused CPU loop ran 1,000 steps/s (8 runs of the fused step)',
    });
    expect(
      decide({ cpu: cpu(1000), gpu: null, gpuMissing: 'navigator.gpu is not available' }).reason,
    ).toBe(
      'wasm: the fused CPU loop, 1,000 steps/s here (8 runs of the fused step); webgpu: navigator.gpu is not available',
    );
  });
});
