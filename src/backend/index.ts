export { selectBackend } from './select';
export type { SelectBackendOptions } from './select';
export { BACKEND_ORDER } from './types';
export type {
  BackendChoice,
  BackendName,
  BackendPreference,
  BackendSelection,
  SkippedBackend,
  WasmBinaryName,
  WasmPaths,
} from './types';
