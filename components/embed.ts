/**
 * Entry of the one-file embed, dist/optim-lab.js: `<script type="module" src=".../optim-lab.js">`
 * registers every element. The build (scripts/build/plugins.mjs) points the clients' workers
 * at dist/optim-lab.worker.js and dist/optim-lab-surface.worker.js beside this file, resolved
 * from this module's own URL, so the embed works from any path on any static host. The
 * clients are exported too, so a page script can drive the trainer or the surface engine
 * without the elements.
 */
import './index';

export { createTrainerClient } from '../workers/client';
export type { TrainerClient, TrainerClientOptions } from '../workers/client';
// What client.getDiagnostics() answers (memory, GPU buffers, backend, steps per second).
export type {
  Diagnostics,
  GpuMemory,
  TensorMemory,
  TfjsGpuBuffers,
} from '../src/protocol/diagnostics';
// The loss-surface worker's client (its own worker: TF.js cpu only, no trainer).
export { createSurfaceClient } from '../workers/surface-client';
export type {
  SurfaceClient,
  SurfaceClientOptions,
  SurfaceComputeCallOptions,
} from '../workers/surface-client';
// TF-free helpers for a small grid search driven from a page script.
export { gridRuns, rankRuns } from '../src/train/grid-search';
// The schedule maths (pure TS), for pages that draw or tabulate LR curves themselves.
export { sampleSchedule, parseSchedulerConfig } from '../src/schedule/index';
