import type { BackendChoice, BackendInfo, BackendName } from '../protocol/api';

export type { BackendChoice, BackendName };

/** Every backend, best on real hardware first (the order they are listed in). */
export const BACKEND_ORDER = [
  'webgpu',
  'webgl',
  'wasm',
  'cpu',
] as const satisfies readonly BackendName[];

/** What a page may ask for: one backend by name, or `auto` (the fastest, measured). */
export type BackendPreference = BackendChoice;

export type WasmBinaryName =
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/** Where the wasm backend's binaries live: a folder prefix (ending in '/') or one URL per binary. */
export type WasmPaths = string | Partial<Record<WasmBinaryName, string>>;

/** A backend that was tried (or ruled out) before the one in use, and why, in words. */
export type SkippedBackend = BackendInfo['skipped'][number];

/** The protocol's BackendInfo plus what was asked for. */
export interface BackendSelection extends BackendInfo {
  requested: BackendPreference;
}
