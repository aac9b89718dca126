// Optimizer steps on the real WebGPU backend (SwiftShader in headless Chromium) inside a
// dedicated module Worker, compared with the cpu backend and with torch's own values.
import { describe, expect, it } from 'vitest';
import type { StepsRequest, StepsResponse } from './fixtures/optimizer-steps.worker';
import { gradientCases, mismatches } from './reference';

const CASES = ['Adam lr betas eps', 'SGD momentum'];
// The first WebGPU steps compile shaders, which takes seconds on SwiftShader: keep this small.
const STEPS = 5;

function runInWorker(request: StepsRequest): Promise<StepsResponse> {
  const worker = new Worker(new URL('./fixtures/optimizer-steps.worker.ts', import.meta.url), {
    type: 'module',
  });
  return new Promise<StepsResponse>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<StepsResponse>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

describe('optimizers on the webgpu backend in a Worker', () => {
  it('match the cpu backend and torch over the first steps', async () => {
    const webgpu = await runInWorker({ backend: 'webgpu', caseNames: CASES, steps: STEPS });
    const cpu = await runInWorker({ backend: 'cpu', caseNames: CASES, steps: STEPS });
    if (!webgpu.ok) throw new Error(webgpu.error);
    if (!cpu.ok) throw new Error(cpu.error);
    expect(webgpu.backend).toBe('webgpu');
    expect(cpu.backend).toBe('cpu');
    expect(webgpu.leakedTensors).toBe(0);
    expect(cpu.leakedTensors).toBe(0);

    for (const name of CASES) {
      const torch = gradientCases.find((c) => c.name === name)?.expected ?? [];
      for (let step = 0; step < STEPS; step++) {
        const onGpu = webgpu.trajectories[name][step];
        const onCpu = cpu.trajectories[name][step];
        // WebGPU's sqrt/div may differ from the cpu kernels by a few ulps.
        expect(
          mismatches(onGpu, onCpu, 1e-4, 1e-5),
          `${name}, step ${step + 1}, webgpu vs cpu`,
        ).toEqual([]);
        expect(
          mismatches(onGpu, torch[step], 1e-4, 1e-5),
          `${name}, step ${step + 1}, webgpu vs torch`,
        ).toEqual([]);
      }
    }
  });
});
