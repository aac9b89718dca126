/**
 * What WebGPU adapter the browser offers, in words: its name (vendor, architecture, device,
 * description, as far as GPUAdapterInfo tells them) and whether it is a software rasterizer
 * (a fallback adapter, or SwiftShader by name: there is no GPU behind it, and it computes on
 * the same CPU cores the CPU loop would use).
 */
import type { GpuAdapterSummary } from '../protocol/api';

/** The parts of GPUAdapter / GPUAdapterInfo read here (older browsers lack `info`). */
interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<AdapterInfoLike>;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i;

export function summarizeAdapter(
  adapter: AdapterLike,
  info: AdapterInfoLike | undefined,
): GpuAdapterSummary {
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  const name = parts.join(' ') || 'unnamed adapter';
  const fallback = info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
  return { name, software: fallback || SOFTWARE_NAMES.test(name) };
}

/** The adapter navigator.gpu offers now (the one TF.js's webgpu backend also asks for). */
export async function describeAdapter(): Promise<GpuAdapterSummary | undefined> {
  const gpu = (
    globalThis as { navigator?: { gpu?: { requestAdapter(options?: object): Promise<unknown> } } }
  ).navigator?.gpu;
  if (!gpu) return undefined;
  const adapter = (await gpu
    .requestAdapter({ powerPreference: 'high-performance' })
    .catch(() => null)) as AdapterLike | null;
  if (!adapter) return undefined;
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined));
  return summarizeAdapter(adapter, info);
}
