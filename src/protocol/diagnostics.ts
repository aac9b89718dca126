/**
 * What `getDiagnostics()` reports about the training worker, so that a page (or a test) can
 * see from outside what it holds: TF.js's tensors, the GPU buffers of the fused WebGPU engine
 * and of TF.js's webgpu backend, which backend and engine train, where training stands and
 * how fast it goes. TF-free: the page imports these types only.
 */
import type { BackendName, EngineInfo } from './api';
import type { ExperimentStatus } from './progress';

/** `tf.memory()` in the worker, as TF.js counts it. */
export interface TensorMemory {
  /** Tensors alive: flat across steps, reconfigures and resets when nothing leaks. */
  numTensors: number;
  /** Bytes of those tensors' data. */
  numBytes: number;
  /** Data buffers the backend holds (tensors may share one). */
  numDataBuffers: number;
  /** True when TF.js says its numbers may be off (it gives `reasons`). */
  unreliable: boolean;
  reasons?: string[];
}

/** The buffer pool of TF.js's webgpu backend (its BufferManager). */
export interface TfjsGpuBuffers {
  /** Buffers handed out to tensors now. */
  usedBuffers: number;
  /** Released buffers kept for reuse. */
  freeBuffers: number;
  /** Bytes of the used buffers, and of every buffer the pool allocated (used or free). */
  bytesUsed: number;
  bytesAllocated: number;
}

export interface GpuMemory {
  /** GPUBuffers the fused WebGPU engine holds now (created and not yet destroyed); 0 elsewhere. */
  buffers: number;
  /** Their size in bytes. */
  bytes: number;
  /** TF.js's webgpu backend's own buffers, when webgpu is the active backend; otherwise null. */
  tfjs: TfjsGpuBuffers | null;
}

export interface Diagnostics {
  /** The TF.js backend in use. */
  backend: BackendName;
  /** The engine training the current experiment; null before configure. */
  engine: EngineInfo | null;
  status: ExperimentStatus;
  /** Bumped by every configure and reset (as in progress batches). */
  generation: number;
  /** The furthest step any run has reached, of `totalSteps`. */
  step: number;
  totalSteps: number;
  runs: number;
  /**
   * Optimizer steps per second (each run takes that many) over the last two seconds of
   * training, time between chunks included; null while not training, or before its first chunk.
   */
  stepsPerSecond: number | null;
  tf: TensorMemory;
  gpu: GpuMemory;
}
