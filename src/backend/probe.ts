/**
 * Cheap checks that say, in words a page can show, why a backend cannot run here before
 * TF.js tries it (its own failures only reach the console as warnings).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './types';
import { whyWasmCannotCompile } from './wasm-csp';

/** The part of the WebGPU API the probe touches (the DOM lib here has no WebGPU types). */
interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

function webGpu(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu;
}

async function whyNoWebGpu(): Promise<string | null> {
  const gpu = webGpu();
  if (gpu === undefined) return 'navigator.gpu is not available';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (adapter === null || adapter === undefined) {
    return 'navigator.gpu.requestAdapter() found no WebGPU adapter';
  }
  return null;
}

function whyNoWebGl(): string | null {
  // In a worker TF.js draws into an OffscreenCanvas; on a page it may use a <canvas>.
  const canvas =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1)
      : typeof document !== 'undefined'
        ? document.createElement('canvas')
        : undefined;
  if (canvas === undefined) return 'neither OffscreenCanvas nor document is available';
  const context = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (context === null) return 'a WebGL context could not be created';
  // Free the probe's context now: browsers cap the number of live WebGL contexts.
  (context as WebGLRenderingContext).getExtension('WEBGL_lose_context')?.loseContext();
  return null;
}

/** Why `name` cannot be tried here, or null when it is worth asking TF.js for it. */
export async function whyUnavailable(name: BackendName): Promise<string | null> {
  // The platform's own answer first: it says more than "not registered" does.
  const missing = await whyPlatformLacks(name);
  if (missing !== null) return missing;
  if (tf.findBackendFactory(name) == null) {
    return `the ${name} backend is not registered in this environment`;
  }
  return null;
}

async function whyPlatformLacks(name: BackendName): Promise<string | null> {
  switch (name) {
    case 'webgpu':
      return whyNoWebGpu();
    case 'webgl':
      return whyNoWebGl();
    case 'wasm':
      return typeof WebAssembly === 'undefined'
        ? 'WebAssembly is not available'
        : whyWasmCannotCompile();
    case 'cpu':
      return null;
  }
}
