/**
 * Picks the TF.js backend training runs on: the one asked for, or for `auto` the one where
 * the fused training step measures fastest here (a short probe on each that starts and
 * computes a tiny known result). Reports what it chose and why, and what could not start.
 */
/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
// Side-effect imports register the extra backends with TF.js (cpu and webgl come with tfjs).
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as v from 'valibot';
import { fusedPipelines, tfjsDevice } from '../fused/wgsl/pipelines';
import type { BackendMeasurement, GpuAdapterSummary } from '../protocol/api';
import { describeAdapter } from './adapter';
import { PROBE_RUNS, probeCpuLoop, probeWebGpu } from './measure';
import type { ProbeResult } from './measure';
import { whyUnavailable } from './probe';
import { BACKEND_ORDER } from './types';
import type {
  BackendName,
  BackendPreference,
  BackendSelection,
  SkippedBackend,
  WasmPaths,
} from './types';
import { resolveWasmPaths } from './wasm-paths';

export interface SelectBackendOptions {
  /** Overrides where the wasm binaries are fetched from (prefix or per-file URLs). */
  wasmPaths?: WasmPaths;
}

const PreferenceSchema = v.picklist(['auto', ...BACKEND_ORDER]);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Throws unless the backend really computes: matMul and add, read back asynchronously. */
async function smokeTest(): Promise<void> {
  // [1 2] x [3 4]^T = 11, plus 1 = 12: touches the kernels every MLP step uses.
  const result = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).add(1));
  try {
    // data(), not dataSync(): dataSync is unreliable on WebGPU.
    const [value] = await result.data();
    if (value !== 12) throw new Error(`expected 12 from a test matMul, got ${value}`);
  } finally {
    result.dispose();
  }
}

/**
 * TF.js only says "setBackend returned false" (and logs the cause) when the wasm binary
 * cannot be loaded; fetching the binary it most likely wanted names the URL that failed,
 * the usual mistake when embedding.
 */
async function explainWasmFailure(paths: ReturnType<typeof resolveWasmPaths>): Promise<string> {
  const threaded = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const name = threaded ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm';
  const url = typeof paths === 'string' ? `${paths}${name}` : paths[name];
  try {
    const response = await fetch(url);
    if (!response.ok) return `could not load ${url} (HTTP ${response.status})`;
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Every wasm module starts with "\0asm"; anything else (an HTML fallback page) is not one.
    if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
      return `${url} is not a WebAssembly file`;
    }
    return 'setBackend returned false';
  } catch (error) {
    return `could not load ${url} (${messageOf(error)})`;
  }
}

/** Tries one backend; returns why it was skipped, or null when TF.js now runs on it. */
async function tryBackend(
  name: BackendName,
  options: SelectBackendOptions,
): Promise<string | null> {
  const unavailable = await whyUnavailable(name);
  if (unavailable !== null) return unavailable;
  try {
    const wasmPaths = name === 'wasm' ? resolveWasmPaths(options.wasmPaths) : undefined;
    if (wasmPaths !== undefined) setWasmPaths(wasmPaths);
    const started = await tf.setBackend(name);
    if (!started)
      return wasmPaths !== undefined ? explainWasmFailure(wasmPaths) : 'setBackend returned false';
    await smokeTest();
    return null;
  } catch (error) {
    return messageOf(error);
  }
}

const CPU_CLASS = ['wasm', 'cpu'] as const;
type CpuBackend = (typeof CPU_CLASS)[number];

/** How many times faster the CPU loop must be before auto passes over a hardware GPU. */
export const HARDWARE_GPU_MARGIN = 2;

const rate = (stepsPerSecond: number) =>
  `${Math.round(stepsPerSecond).toLocaleString('en-US')} steps/s`;
const times = (ratio: number) => `${ratio.toFixed(ratio < 10 ? 1 : 0)}x`;

function adapterWords(adapter: GpuAdapterSummary | undefined): string {
  if (!adapter) return 'adapter unknown';
  return adapter.software ? `software adapter: ${adapter.name}` : `hardware GPU: ${adapter.name}`;
}

export interface Measured {
  /** The CPU-class backend that started (wasm preferred), and the CPU loop's speed. */
  cpu: { backend: CpuBackend; probe: ProbeResult } | null;
  /** WebGPU, when it started: its adapter and its fused kernels' speed (or why none). */
  gpu: { adapter: GpuAdapterSummary | undefined; probe: ProbeResult } | null;
  /** Why WebGPU was not measured, when it was not. */
  gpuMissing?: string;
}

/**
 * The measured choice and its reason: the faster backend, except that a hardware GPU is kept
 * unless the CPU loop is HARDWARE_GPU_MARGIN times faster (a GPU leaves the CPU to the page
 * and scales with the model); a software adapter gets no such preference.
 */
export function decide(measured: Measured): { backend: BackendName; reason: string } {
  const { cpu, gpu } = measured;
  const gpuRate = gpu?.probe.stepsPerSecond ?? NaN;
  const cpuRate = cpu?.probe.stepsPerSecond ?? NaN;
  const runs = `${PROBE_RUNS} runs of the fused step`;
  if (!cpu) {
    return {
      backend: 'webgpu',
      reason: `webgpu: no CPU backend could start (${adapterWords(gpu?.adapter)})`,
    };
  }
  if (!gpu) {
    return {
      backend: cpu.backend,
      reason: `${cpu.backend}: the fused CPU loop, ${rate(cpuRate)} here (${runs}); webgpu: ${measured.gpuMissing ?? 'unavailable'}`,
    };
  }
  const where = adapterWords(gpu.adapter);
  if (!Number.isFinite(gpuRate)) {
    return {
      backend: cpu.backend,
      reason: `${cpu.backend}: webgpu (${where}) gave no measurement: ${gpu.probe.unfinished ?? 'no result'}; the fused CPU loop ran ${rate(cpuRate)} (${runs})`,
    };
  }
  const hardware = gpu.adapter !== undefined && !gpu.adapter.software;
  const cpuWins = hardware ? cpuRate >= HARDWARE_GPU_MARGIN * gpuRate : cpuRate > gpuRate;
  const versus = `${rate(Math.max(cpuRate, gpuRate))} vs ${rate(Math.min(cpuRate, gpuRate))}, ${runs}`;
  if (cpuWins) {
    return {
      backend: cpu.backend,
      reason: `${cpu.backend}: ${times(cpuRate / gpuRate)} faster than webgpu (${where}) here (${versus})`,
    };
  }
  if (gpuRate >= cpuRate) {
    return {
      backend: 'webgpu',
      reason: `webgpu: ${times(gpuRate / cpuRate)} faster than the CPU loop here (${where}; ${versus})`,
    };
  }
  return {
    backend: 'webgpu',
    reason: `webgpu: ${where}, kept although the CPU loop is ${times(cpuRate / gpuRate)} faster here (under ${HARDWARE_GPU_MARGIN}x; ${versus})`,
  };
}

/** auto: start the candidates, measure the fused step on each, keep the fastest. */
async function selectMeasured(
  requested: BackendPreference,
  options: SelectBackendOptions,
  exclude: readonly BackendName[],
  skipped: SkippedBackend[],
): Promise<BackendSelection> {
  const measured: Measured = { cpu: null, gpu: null };
  let device: GPUDevice | null = null;
  let adapter: GpuAdapterSummary | undefined;
  if (!exclude.includes('webgpu')) {
    const why = await tryBackend('webgpu', options);
    device = why === null ? tfjsDevice() : null;
    if (device) {
      adapter = await describeAdapter();
      // Compiling runs in the background while the CPU candidates start and are measured.
      fusedPipelines(device).catch(() => undefined);
    } else {
      measured.gpuMissing = why ?? 'no device';
      skipped.push({ backend: 'webgpu', reason: measured.gpuMissing });
    }
  }
  for (const name of CPU_CLASS) {
    if (exclude.includes(name)) continue;
    const why = await tryBackend(name, options);
    if (why === null) {
      measured.cpu = { backend: name, probe: await probeCpuLoop() };
      break;
    }
    skipped.push({ backend: name, reason: why });
  }
  if (device) {
    const probe = await probeWebGpu(device).catch((error: unknown): ProbeResult => ({
      stepsPerSecond: NaN,
      unfinished: messageOf(error),
    }));
    measured.gpu = { adapter, probe };
  }
  if (!measured.cpu && !device) {
    const reasons = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
    throw new Error(`No TF.js backend could be started (${reasons})`);
  }
  const { backend, reason } = decide(measured);
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
  const list: BackendMeasurement[] = [];
  if (measured.cpu)
    list.push({ backend: measured.cpu.backend, stepsPerSecond: measured.cpu.probe.stepsPerSecond });
  if (measured.gpu)
    list.push({ backend: 'webgpu', stepsPerSecond: measured.gpu.probe.stepsPerSecond });
  list.sort((a, b) => (b.stepsPerSecond || 0) - (a.stepsPerSecond || 0));
  return {
    backend,
    requested,
    skipped,
    reason,
    engine: 'fused',
    measured: list,
    ...(adapter ? { adapter } : {}),
  };
}

/**
 * Switches TF.js to `preference`, or for `auto` to the backend where the fused training step
 * measures fastest (see decide). A named backend that fails to start falls back to auto's
 * choice among the others, and the result says why.
 */
export async function selectBackend(
  preference: BackendPreference = 'auto',
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const checked = v.safeParse(PreferenceSchema, preference);
  if (!checked.success) {
    throw new TypeError(
      `backend must be one of ${['auto', ...BACKEND_ORDER].map((b) => `'${b}'`).join(', ')}; got ${JSON.stringify(preference)}`,
    );
  }
  const requested = checked.output;
  if (requested === 'auto') return selectMeasured(requested, options, [], []);
  const why = await tryBackend(requested, options);
  if (why !== null) {
    return selectMeasured(requested, options, [requested], [{ backend: requested, reason: why }]);
  }
  const adapter = requested === 'webgpu' ? await describeAdapter() : undefined;
  return {
    backend: requested,
    requested,
    skipped: [],
    reason:
      `${requested}: asked for by name` +
      (adapter ? ` (${adapterWords(adapter)})` : '') +
      (requested === 'webgl'
        ? '; there are no fused WebGL kernels, so the fused CPU loop trains'
        : ''),
    engine: 'fused',
    ...(adapter ? { adapter } : {}),
  };
}
