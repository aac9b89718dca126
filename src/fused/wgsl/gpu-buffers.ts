/**
 * The GPU buffers the fused engine makes, made and destroyed only through here, so their
 * number is known: each engine counts its own, and `liveFusedBuffers()` counts every engine's
 * (the leak tests check both against what the device really created and destroyed), with
 * their bytes in `liveFusedBytes()` (what getDiagnostics reports).
 */
/// <reference types="@webgpu/types" />

let liveEverywhere = 0;
let bytesEverywhere = 0;

/** Label every fused-engine buffer carries, so tests can recognize them on the device. */
export const BUFFER_LABEL_PREFIX = 'optim-lab fused ';

/** Buffers of every fused WebGPU engine still alive. */
export function liveFusedBuffers(): number {
  return liveEverywhere;
}

/** The size in bytes of those buffers. */
export function liveFusedBytes(): number {
  return bytesEverywhere;
}

export class GpuBuffers {
  private readonly live = new Set<GPUBuffer>();

  constructor(private readonly device: GPUDevice) {}

  get count(): number {
    return this.live.size;
  }

  create(name: string, size: number, usage: number): GPUBuffer {
    // WebGPU wants sizes in multiples of 4 (and > 0).
    const bytes = Math.max(16, Math.ceil(size / 16) * 16);
    const buffer = this.device.createBuffer({
      label: BUFFER_LABEL_PREFIX + name,
      size: bytes,
      usage,
    });
    this.live.add(buffer);
    liveEverywhere++;
    bytesEverywhere += bytes;
    return buffer;
  }

  destroy(buffer: GPUBuffer | null | undefined): void {
    if (!buffer || !this.live.delete(buffer)) return;
    bytesEverywhere -= buffer.size;
    buffer.destroy();
    liveEverywhere--;
  }

  destroyAll(): void {
    for (const buffer of [...this.live]) this.destroy(buffer);
  }
}
