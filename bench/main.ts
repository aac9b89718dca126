/**
 * The benchmark page: one fresh worker per backend (so no backend inherits another's state),
 * each reply printed to the console as `BENCH <json>` for scripts/bench.mjs to collect.
 */
import type { BackendName } from '../src/backend';
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

for (const backend of BACKENDS) await measure(backend);
console.log('BENCH-DONE');
