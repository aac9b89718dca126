/**
 * The element's side of the surface worker: it owns one SurfaceClient (started on the first
 * computation, terminated when the element leaves the page, so a removed element leaves no
 * worker and nothing that keeps it alive), computes a config's trajectories with streamed
 * progress, and debounces requests: a drag asks for a new start at every pointer move, and
 * only the latest is computed (a newer computation supersedes the one in flight, in the
 * worker too), at least every MAX_WAIT_MS while the pointer keeps moving.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SurfaceConfig, SurfaceResult } from '../../src/surface/types';
import { createSurfaceClient } from '../../workers/surface-client';
import type { SurfaceClient } from '../../workers/surface-client';

/** Quiet time after the last request before computing it. */
export const DEBOUNCE_MS = 30;
/** While requests keep coming (a drag), the latest is computed at least this often. */
export const MAX_WAIT_MS = 120;

export type ComputeStatus = 'idle' | 'computing' | 'done' | 'error';

export interface SurfaceListener {
  /** The trajectories so far (the same run objects, filled further, until done). */
  onProgress(result: SurfaceResult): void;
  onDone(result: SurfaceResult): void;
  onError(error: Error): void;
}

export class SurfaceController implements ReactiveController {
  status: ComputeStatus = 'idle';
  result: SurfaceResult | undefined;
  private client: SurfaceClient | undefined;
  private pending: SurfaceConfig | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstRequestAt = 0;
  /** Counts computations: an answer for an older one is dropped. */
  private generation = 0;
  private settled: Promise<void> = Promise.resolve();
  private settle: () => void = () => {};

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly listener: SurfaceListener,
  ) {
    host.addController(this);
  }

  /** Resolves once no computation is waiting or running (the latest one's outcome is in). */
  get computeComplete(): Promise<void> {
    return this.settled;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // A removed element's worker goes with it (a move in the DOM starts a new one on demand).
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.generation++;
    this.client?.terminate();
    this.client = undefined;
    if (this.status === 'computing') this.status = 'idle';
    this.settle();
  }

  /** Computes `config` now, superseding whatever is waiting or running. */
  compute(config: SurfaceConfig): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    void this.run(config);
  }

  /** Computes `config` once requests pause for DEBOUNCE_MS (or MAX_WAIT_MS have passed). */
  request(config: SurfaceConfig): void {
    const now = performance.now();
    if (this.pending === undefined) this.firstRequestAt = now;
    this.pending = config;
    this.expectResult();
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstRequestAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      const next = this.pending;
      this.pending = undefined;
      this.timer = undefined;
      if (next) void this.run(next);
    }, wait);
  }

  private expectResult(): void {
    if (this.status === 'computing') return;
    this.status = 'computing';
    this.settled = new Promise<void>((resolve) => (this.settle = resolve));
  }

  private async run(config: SurfaceConfig): Promise<void> {
    if (!this.host.isConnected) return;
    const generation = ++this.generation;
    this.expectResult();
    this.client ??= createSurfaceClient();
    const client = this.client;
    try {
      const result = await client.compute(config, {
        onProgress: (progress) => {
          if (generation !== this.generation) return;
          this.result = progress;
          this.listener.onProgress(progress);
        },
      });
      if (generation !== this.generation) return;
      this.result = result;
      this.status = 'done';
      this.listener.onDone(result);
    } catch (error) {
      // Superseded (AbortError) or the element left: the newer computation answers.
      if (generation !== this.generation) return;
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.status = 'error';
      if (client.closed && this.client === client) this.client = undefined; // not reused
      this.listener.onError(error instanceof Error ? error : new Error(String(error)));
    }
    if (generation === this.generation && this.pending === undefined) this.settle();
  }
}
