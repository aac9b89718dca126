/**
 * Picks the TF.js backend training runs on: the one asked for, else the first of
 * webgpu -> webgl -> wasm -> cpu that starts and computes a tiny known result. Reports what
 * it passed over and why, so a page can tell a learner why they are on the slow path.
 */
import * as tf from '@tensorflow/tfjs';
// Side-effect imports register the extra backends with TF.js (cpu and webgl come with tfjs).
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as v from 'valibot';
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

function order(preference: BackendPreference): readonly BackendName[] {
  if (preference === 'auto') return BACKEND_ORDER;
  return [preference, ...BACKEND_ORDER.filter((name) => name !== preference)];
}

/**
 * Switches TF.js to `preference` (or the best available backend for `auto`). A named
 * backend that fails falls back in the same order as `auto`, and the result says why.
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
  const skipped: SkippedBackend[] = [];
  for (const name of order(checked.output)) {
    const reason = await tryBackend(name, options);
    if (reason === null) return { backend: name, requested: checked.output, skipped };
    skipped.push({ backend: name, reason });
  }
  const reasons = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new Error(`No TF.js backend could be started (${reasons})`);
}
