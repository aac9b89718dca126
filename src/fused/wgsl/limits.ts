/**
 * Whether a model fits the fused WebGPU engine on a device: every run's weights and state,
 * and every run's scratch, must fit one storage binding when the experiment holds the most
 * runs it may (MAX_RUNS), so adding a run never fails half way.
 */
/// <reference types="@webgpu/types" />
import { MAX_RUNS } from '../../protocol/experiment';
import type { ModelPlan } from '../plan';
import { runStride, scratchLayout } from './layout';

export function whyNotOnDevice(
  device: GPUDevice,
  plan: ModelPlan,
  batchSize: number,
): string | null {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const bytes = (floats: number) => 4 * 2 ** Math.ceil(Math.log2(MAX_RUNS)) * floats;
  const runs = bytes(runStride(plan));
  const scratch = bytes(scratchLayout(plan, batchSize).region);
  const largest = Math.max(runs, scratch);
  if (largest > limit) {
    return `${MAX_RUNS} runs of this model need a ${largest}-byte GPU buffer; this device binds at most ${limit}`;
  }
  return null;
}
