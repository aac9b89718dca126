/**
 * What the worker's backend holds now, for getDiagnostics: TF.js's own count of tensors,
 * the GPU buffers of the fused WebGPU engine (counted where it makes and destroys them:
 * src/fused/wgsl/gpu-buffers.ts), and, on webgpu, the buffer pool of TF.js's backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { liveFusedBuffers, liveFusedBytes } from '../fused';
import type { GpuMemory, TensorMemory, TfjsGpuBuffers } from '../protocol/diagnostics';

export function tensorMemory(): TensorMemory {
  const { numTensors, numBytes, numDataBuffers, unreliable, reasons } = tf.memory();
  const memory: TensorMemory = { numTensors, numBytes, numDataBuffers, unreliable: !!unreliable };
  if (reasons && reasons.length > 0) memory.reasons = [...reasons];
  return memory;
}

/** The webgpu backend's buffer pool (tfjs-backend-webgpu 4.22's BufferManager), when active. */
function tfjsGpuBuffers(): TfjsGpuBuffers | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const { bufferManager } = tf.backend() as unknown as WebGPUBackend;
  return {
    usedBuffers: bufferManager.getNumUsedBuffers(),
    freeBuffers: bufferManager.getNumFreeBuffers(),
    bytesUsed: bufferManager.numBytesUsed,
    bytesAllocated: bufferManager.numBytesAllocated,
  };
}

export function gpuMemory(): GpuMemory {
  return { buffers: liveFusedBuffers(), bytes: liveFusedBytes(), tfjs: tfjsGpuBuffers() };
}
