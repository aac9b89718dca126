/**
 * The benchmark page: one fresh worker per backend (so no backend inherits another's state),
 * each reply printed to the console as `BENCH <json>` for scripts/bench.mjs to collect; then
 * loss-surface trajectories through the real surface client and worker.
 */
import type { BackendName } from '../src/backend';
import { SHORTHAND_OPTIMIZERS } from '../src/surface/types';
import { createSurfaceClient } from '../workers/surface-client';
import type { BenchReply, BenchRequest } from './bench.worker';

const BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const windowMs = Number(new URLSearchParams(location.search).get('windowMs') ?? 1500);

function measure(backend: BackendName): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      resolve();
    };
    worker.addEventListener('message', (event: MessageEvent<BenchReply>) => {
      console.log(`BENCH ${JSON.stringify(event.data)}`);
      if (event.data.kind !== 'row') finish();
    });
    worker.addEventListener('error', (event) => {
      console.log(
        `BENCH ${JSON.stringify({ kind: 'error', backend, message: event.message || 'worker failed' })}`,
      );
      finish();
    });
    worker.postMessage({ backend, windowMs } satisfies BenchRequest);
  });
}

/**
 * Whole computations of `runs` runs x `steps` steps on Rosenbrock, as the page sees them:
 * from compute() to the first streamed steps (what a drag waits for) and to the result.
 * Median of five, after one warm-up.
 */
async function measureSurface(): Promise<void> {
  const client = createSurfaceClient();
  try {
    await client.ready;
    for (const runs of [12, 1]) {
      for (const steps of [100, 300, 1000]) {
        const optimizers = SHORTHAND_OPTIMIZERS.slice(0, runs).join(' ');
        const totals: number[] = [];
        const firsts: number[] = [];
        for (let round = 0; round <= 5; round++) {
          const started = performance.now();
          let first = NaN;
          await client.compute(
            { function: 'rosenbrock', steps, optimizers },
            {
              onProgress: ({ runs: progress }) => {
                if (Number.isNaN(first) && progress[0].steps > 0)
                  first = performance.now() - started;
              },
            },
          );
          if (round === 0) continue;
          totals.push(performance.now() - started);
          firsts.push(first);
        }
        const median = (values: number[]) => [...values].sort((a, b) => a - b)[2];
        const row = {
          kind: 'surface',
          runs,
          steps,
          totalMs: median(totals),
          firstMs: median(firsts),
        };
        console.log(`BENCH ${JSON.stringify(row)}`);
      }
    }
  } finally {
    client.terminate();
  }
}

for (const backend of BACKENDS) await measure(backend);
await measureSurface();
console.log('BENCH-DONE');
