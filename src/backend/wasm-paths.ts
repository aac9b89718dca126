/**
 * Where the wasm backend finds its binaries. Vite `?url` imports make the bundler emit the
 * three .wasm files as assets beside the code that imports them (the worker) and hand us
 * their URLs, so the same code finds them under the Vitest dev server and in the built
 * package, whatever path the package is served from.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WasmBinaryName, WasmPaths } from './types';

/** Makes a root-relative or relative asset URL absolute against the running script's page. */
function absolute(url: string): string {
  const base = typeof location === 'undefined' ? undefined : location.href;
  if (base === undefined) return url;
  return new URL(url, base).href;
}

/** The bundled binaries' URLs, one per file name TF.js asks for. */
export function bundledWasmPaths(): Record<WasmBinaryName, string> {
  return {
    'tfjs-backend-wasm.wasm': absolute(wasmUrl),
    'tfjs-backend-wasm-simd.wasm': absolute(simdUrl),
    'tfjs-backend-wasm-threaded-simd.wasm': absolute(threadedSimdUrl),
  };
}

/**
 * The paths to hand to `setWasmPaths`: an explicit override from the page wins (a prefix
 * string, or a map whose missing entries fall back to the bundled files, since TF.js
 * insists on all three names), otherwise the bundled files.
 */
export function resolveWasmPaths(override?: WasmPaths): string | Record<WasmBinaryName, string> {
  if (typeof override === 'string') return override;
  return { ...bundledWasmPaths(), ...override };
}
