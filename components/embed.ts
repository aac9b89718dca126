/**
 * Entry of the one-file embed, dist/optim-lab.js: `<script type="module" src=".../optim-lab.js">`
 * registers every element. The build (scripts/build/plugins.mjs) points the client's worker
 * at dist/optim-lab.worker.js beside this file, resolved from this module's own URL, so the
 * embed works from any path on any static host. The client is exported too, so a page script
 * can drive the trainer without the elements.
 */
import './index';

export { createTrainerClient } from '../workers/client';
export type { TrainerClient, TrainerClientOptions } from '../workers/client';
// TF-free helpers for a small grid search driven from a page script.
export { gridRuns, rankRuns } from '../src/train/grid-search';
// The schedule maths (pure TS), for pages that draw or tabulate LR curves themselves.
export { sampleSchedule, parseSchedulerConfig } from '../src/schedule/index';
