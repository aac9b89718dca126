/**
 * What workers/surface.worker.ts exposes: the surface engine behind SurfaceApi, one
 * computation at a time. A new compute() stops the one in flight (a drag of the start point
 * restarts every run), and the loop yields to the event loop after every message so that the
 * newer call, or cancel(), is heard within one chunk (~10-20 ms).
 */
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import type {
  SurfaceApi,
  SurfaceComputeOptions,
  SurfaceMessage,
  SurfaceSummary,
} from '../src/protocol/surface';
import { surfaceTransferables } from '../src/protocol/surface';
import { surfaceMessages } from '../src/surface/engine';
import { createDefaultYield } from '../src/train/yield';

interface Job {
  id: number;
  cancelled: boolean;
}

/** Sends without waiting for the page (the computation never blocks on it); arrays transfer. */
function sender(onMessage: (message: SurfaceMessage) => void): (message: SurfaceMessage) => void {
  return (message) => {
    try {
      const delivered: unknown = onMessage(
        Comlink.transfer(message, surfaceTransferables(message)),
      );
      // A proxy call returns a promise; the page's own errors are the page's.
      if (delivered instanceof Promise) delivered.catch(() => {});
    } catch {
      // A released proxy throws synchronously: the page has stopped listening.
    }
  };
}

function release(onMessage: unknown): void {
  const releaseProxy = (onMessage as { [Comlink.releaseProxy]?: unknown })[Comlink.releaseProxy];
  if (typeof releaseProxy === 'function') (releaseProxy as () => void)();
}

export class SurfaceService implements SurfaceApi {
  private current: Job | null = null;
  private backendReady: Promise<{ backend: string }> | null = null;
  private readonly yieldToEventLoop = createDefaultYield();

  init(): Promise<{ backend: string }> {
    this.backendReady ??= (async () => {
      // Two-element tensors: per-op overhead decides, and the cpu backend's is the smallest.
      if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to start');
      await tf.ready();
      return { backend: tf.getBackend() };
    })();
    return this.backendReady;
  }

  async compute(
    id: number,
    config: unknown,
    onMessage: (message: SurfaceMessage) => void,
    options?: SurfaceComputeOptions,
  ): Promise<SurfaceSummary> {
    if (this.current) this.current.cancelled = true;
    const job: Job = { id, cancelled: false };
    this.current = job;
    const send = sender(onMessage);
    const steps: number[] = [];
    try {
      await this.init();
      if (job.cancelled) return { status: 'cancelled', steps };
      // Breaking out of the loop returns the generator, which frees the runs' tensors.
      for await (const message of surfaceMessages(config, options)) {
        if (message.kind === 'begin') steps.push(...message.runs.map(() => 0));
        else for (const run of message.runs) steps[run.run] = run.from + run.count;
        send(message);
        await this.yieldToEventLoop();
        if (job.cancelled) break;
      }
      return { status: job.cancelled ? 'cancelled' : 'done', steps };
    } finally {
      if (this.current === job) this.current = null;
      release(onMessage);
    }
  }

  async cancel(id: number): Promise<void> {
    if (this.current?.id === id) this.current.cancelled = true;
  }
}
