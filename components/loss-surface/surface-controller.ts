/**
 * The element's side of the surface worker: it owns one SurfaceClient (started on the first
 * computation, terminated when the element leaves the page, so a removed element leaves no
 * worker and nothing that keeps it alive), computes a config's trajectories with streamed
 * progress, and debounces requests: a drag asks for a new start at every pointer move, and
 * only the latest is computed (a newer computation supersedes the one in flight, in the
 * worker too), at least every MAX_WAIT_MS while the pointer keeps moving. Nothing is computed
 * (and no worker started) until the element comes near the screen, so a long post with many
 * pictures does not compute them all at once; asking for the result (`computeComplete`, or
 * playing) computes at once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SurfaceConfig, SurfaceResult } from '../../src/surface/types';
import { createSurfaceClient } from '../../workers/surface-client';
import type { SurfaceClient } from '../../workers/surface-client';

/** Quiet time after the last request before computing it. */
export const DEBOUNCE_MS = 30;
/** While requests keep coming (a drag), the latest is computed at least this often. */
export const MAX_WAIT_MS = 120;
/** How near the screen an element starts computing. */
const NEAR_SCREEN = '200px';

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
  /** Set once the element came near the screen (or its result was asked for). */
  private awake = false;
  private observer: IntersectionObserver | undefined;
  /** The latest config, computed when the element wakes (or again after it was moved). */
  private latest: SurfaceConfig | undefined;
  private interrupted = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly listener: SurfaceListener,
  ) {
    host.addController(this);
  }

  /**
   * Resolves once no computation is waiting or running (the latest one's outcome is in).
   * Asking wakes an element that has not been near the screen yet.
   */
  get computeComplete(): Promise<void> {
    this.wake();
    return this.settled;
  }

  hostConnected(): void {
    if (this.interrupted && this.latest) {
      // Moved in the DOM while computing: the old worker went, start again.
      this.interrupted = false;
      this.compute(this.latest);
    }
    if (this.awake) return;
    if (typeof IntersectionObserver === 'undefined') {
      this.wake();
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.wake();
      },
      { rootMargin: NEAR_SCREEN },
    );
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    // A removed element's worker goes with it (a move in the DOM starts a new one on demand).
    this.observer?.disconnect();
    this.observer = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.generation++;
    this.client?.terminate();
    this.client = undefined;
    if (this.status === 'computing') {
      this.status = 'idle';
      this.interrupted = true;
    }
    this.settle();
  }

  /** Computes now what waited for the element to come near the screen. */
  wake(): void {
    if (this.awake) return;
    this.awake = true;
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.latest && this.status === 'computing' && this.pending === undefined) {
      void this.run(this.latest);
    }
  }

  /** Computes `config` now, superseding whatever is waiting or running. */
  compute(config: SurfaceConfig): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.latest = config;
    if (this.awake) void this.run(config);
    else this.expectResult();
  }

  /** Computes `config` once requests pause for DEBOUNCE_MS (or MAX_WAIT_MS have passed). */
  request(config: SurfaceConfig): void {
    this.latest = config;
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
    if (!this.host.isConnected) {
      // Computed once it is back on a page.
      this.interrupted = true;
      this.status = 'idle';
      this.settle();
      return;
    }
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
