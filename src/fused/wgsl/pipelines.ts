/**
 * The compiled fused pipelines of a device, compiled once (asynchronously) and shared by every
 * engine on it: the shader describes the model at run time, so no experiment recompiles it.
 */
/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { SHADER } from './shader';

export interface FusedPipelines {
  train: GPUComputePipeline;
  predict: GPUComputePipeline;
  update: GPUComputePipeline;
}

const compiled = new WeakMap<GPUDevice, Promise<FusedPipelines>>();

/** The GPUDevice of TF.js's webgpu backend, when that backend is the current one. */
export function tfjsDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as WebGPUBackend).device;
}

async function compile(device: GPUDevice): Promise<FusedPipelines> {
  const module = device.createShaderModule({ label: 'optim-lab fused step', code: SHADER });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((message) => message.type === 'error');
  if (errors.length > 0) {
    const text = errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ');
    throw new Error(`fused WGSL did not compile: ${text}`);
  }
  const pipeline = (entryPoint: string) =>
    device.createComputePipelineAsync({
      label: `optim-lab fused ${entryPoint}`,
      layout: 'auto',
      compute: { module, entryPoint },
    });
  const [train, predict, update] = await Promise.all(['train', 'predict', 'update'].map(pipeline));
  return { train, predict, update };
}

/** The device's pipelines (compiled on first use; a failed compile is retried next time). */
export function fusedPipelines(device: GPUDevice): Promise<FusedPipelines> {
  let pipelines = compiled.get(device);
  if (!pipelines) {
    pipelines = compile(device);
    compiled.set(device, pipelines);
    pipelines.catch(() => compiled.delete(device));
  }
  return pipelines;
}
