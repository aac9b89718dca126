/**
 * The loss-surface worker: TF.js (cpu backend only) and the surface engine, off the page's
 * thread. A worker of its own rather than a method on the trainer worker, so that a page with
 * only <loss-surface> never downloads the MLP trainer and its wasm and WebGPU backends (the
 * embed build bundles this one with tfjs-core and the cpu backend alone). The page talks to
 * it through workers/surface-client.ts.
 */
import * as Comlink from 'comlink';
import { transferConfigErrors } from './error-transfer';
import { holdLifeline } from './lifeline';
import { SurfaceService } from './surface-service';

// Lets the page notice this worker dying even when no error event fires (see lifeline.ts).
holdLifeline(self);
// A refused config reaches the page as a ConfigError, its path and detail intact.
transferConfigErrors();
Comlink.expose(new SurfaceService());
