/**
 * The fused training engines and the one decision of which engine trains an experiment:
 * the fused engine of the current TF.js backend where it can run the config, else the
 * op-by-op reference (saying why).
 */
import type { EngineChoice, TrainingEngine } from '../train/engine';
import { OpsEngine } from '../train/ops-engine';
import type { Session } from '../train/session';
import { CpuFusedEngine } from './cpu/engine';
import { fusedSupport, modelPlan } from './plan';
import { WebGpuFusedEngine } from './wgsl/engine';
import { whyNotOnDevice } from './wgsl/limits';
import { tfjsDevice } from './wgsl/pipelines';

export { CpuFusedEngine, WebGpuFusedEngine };
export { liveFusedBuffers, liveFusedBytes, BUFFER_LABEL_PREFIX } from './wgsl/gpu-buffers';

/**
 * Why the fused path cannot train this experiment on the current backend, or null. On webgpu
 * the fused engine is the WGSL kernels; on every other backend (wasm, cpu, and webgl, which
 * has no fused kernels) it is the CPU loop, which does not use TF.js at all.
 */
export function whyNotFused(session: Session): string | null {
  const plan = modelPlan(session.spec);
  const unsupported = fusedSupport(plan, session.batchSize);
  if (unsupported !== null) return unsupported;
  const device = tfjsDevice();
  return device ? whyNotOnDevice(device, plan, session.batchSize) : null;
}

export function createEngine(session: Session, choice: EngineChoice): TrainingEngine {
  if (choice === 'ops') return new OpsEngine(session);
  const reason = whyNotFused(session);
  if (reason !== null) return new OpsEngine(session, reason);
  const device = tfjsDevice();
  return device ? new WebGpuFusedEngine(session, device) : new CpuFusedEngine(session);
}
