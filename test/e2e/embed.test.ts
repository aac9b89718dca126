// The blog author's path end to end (issue 4, sections 7 and 12): copy dist/ to a nested path
// on a plain static host, paste one script tag and `<optim-lab autoplay>`, and the lab trains
// in its worker with the loss falling. Nothing goes through Vite; every request must succeed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { EMBED_PREFIX, createSite, htmlPage, launchBrowser, watchedPage } from './site';
import type { Site } from './site';

interface ProgressDetail {
  run: string | number;
  step: number;
  epoch: number;
  loss: number;
  lr: number;
}

let site: Site;
let browser: Browser;

beforeAll(async () => {
  site = await createSite();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

describe('dist/optim-lab.js embedded in a plain page served from a sub-path', () => {
  it('a page script trains through the exported client on wasm, binaries found beside the worker', async () => {
    site.addPage(
      '/blog/posts/script.html',
      htmlPage(`
    <script type="module">
      import { createTrainerClient } from '${EMBED_PREFIX}optim-lab.js';
      window.result = (async () => {
        const client = createTrainerClient({ backend: 'wasm' });
        try {
          const { backend } = await client.ready;
          const losses = [];
          await client.subscribe((batch) => {
            for (const run of batch.runs) losses.push(...run.loss);
          });
          await client.configure({
            seed: 3,
            dataset: { type: 'circle', samples: 200 },
            training: { batchSize: 20, steps: 60 },
            runs: [{ optimizer: { type: 'Adam', lr: 0.02 } }],
          });
          await client.start();
          await client.waitForStop();
          // The last batch of points may still be in flight after the loop stops.
          const deadline = Date.now() + 5000;
          while (losses.length < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          return { backend, losses };
        } finally {
          client.terminate();
        }
      })().catch((error) => ({ error: String(error?.message ?? error) }));
    </script>`),
    );
    const { page, problems } = await watchedPage(browser);
    const wasmRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.wasm')) wasmRequests.push(request.url());
    });

    await page.goto(`${site.url}/blog/posts/script.html`);
    const result = (await page.evaluate(
      () => (window as unknown as { result: Promise<unknown> }).result,
    )) as { backend: string; losses: number[] } | { error: string };

    expect(result).not.toHaveProperty('error');
    const { backend, losses } = result as { backend: string; losses: number[] };
    expect(backend).toBe('wasm');
    expect(problems).toEqual([]);
    expect(wasmRequests.length).toBeGreaterThan(0);
    for (const url of wasmRequests) expect(url.startsWith(`${site.url}${EMBED_PREFIX}`)).toBe(true);
    expect(losses).toHaveLength(60);
    expect(mean(losses.slice(-6))).toBeLessThan(mean(losses.slice(0, 6)));
  }, 60_000);

  // The author's markup exactly, so the backend is 'auto': WebGPU on SwiftShader here, whose
  // shader compilation alone takes tens of seconds before the first step; hence the timeout.
  it('<optim-lab autoplay epochs="3"> trains in its worker and the loss falls', async () => {
    site.addPage(
      '/blog/posts/optimizers.html',
      htmlPage(`
    <script type="module" src="${EMBED_PREFIX}optim-lab.js"></script>
    <script>
      // Listeners go on the document before the element upgrades: events bubble and compose.
      window.progress = [];
      window.outcome = null;
      document.addEventListener('optim-progress', (e) => window.progress.push(e.detail));
      document.addEventListener('optim-end', () => { window.outcome = { ended: true }; });
      document.addEventListener('optim-error', (e) => { window.outcome = { error: e.detail.message }; });
    </script>
    <optim-lab autoplay epochs="3"></optim-lab>`),
    );
    const { page, problems } = await watchedPage(browser);
    const workerUrls: string[] = [];
    page.on('worker', (worker) => workerUrls.push(worker.url()));

    await page.goto(`${site.url}/blog/posts/optimizers.html`);
    await page.waitForFunction(
      () => (window as unknown as { outcome: unknown }).outcome !== null,
      null,
      {
        timeout: 240_000,
      },
    );

    const outcome = await page.evaluate(() => (window as unknown as { outcome: unknown }).outcome);
    const progress = await page.evaluate(
      () => (window as unknown as { progress: ProgressDetail[] }).progress,
    );
    expect(outcome).toEqual({ ended: true });
    expect(problems).toEqual([]);
    expect(workerUrls).toContain(`${site.url}${EMBED_PREFIX}optim-lab.worker.js`);

    expect(progress.length).toBeGreaterThan(0);
    for (const detail of progress) {
      expect(Number.isFinite(detail.loss), `finite loss at step ${detail.step}`).toBe(true);
      expect(detail.lr).toBeGreaterThan(0);
    }
    const firstRun = progress.filter((detail) => detail.run === progress[0].run);
    const steps = firstRun.map((detail) => detail.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(Math.max(...firstRun.map((detail) => detail.epoch))).toBeGreaterThanOrEqual(2);
    // Falling loss: the last tenth of the steps averages below the first tenth.
    const tenth = Math.max(1, Math.floor(firstRun.length / 10));
    const early = mean(firstRun.slice(0, tenth).map((detail) => detail.loss));
    const late = mean(firstRun.slice(-tenth).map((detail) => detail.loss));
    expect(late).toBeLessThan(early);
  }, 270_000);
});

// A page that only computes loss-surface trajectories finds optim-lab-surface.worker.js beside
// the embed and never requests the trainer worker or any .wasm file.
describe('the surface client in dist/optim-lab.js', () => {
  it('computes trajectories in its own worker, loading nothing of the trainer', async () => {
    site.addPage(
      '/blog/posts/surface.html',
      htmlPage(`
    <script type="module">
      import { createSurfaceClient } from '${EMBED_PREFIX}optim-lab.js';
      window.result = (async () => {
        const client = createSurfaceClient();
        try {
          const { backend } = await client.ready;
          const { runs } = await client.compute({ function: 'himmelblau', steps: 200, optimizers: 'SGD Adam' });
          return { backend, runs: runs.map((run) => ({ label: run.label, steps: run.steps, first: run.loss[0], last: run.loss[run.steps] })) };
        } finally {
          client.terminate();
        }
      })().catch((error) => ({ error: String(error?.message ?? error) }));
    </script>`),
    );
    const { page, problems } = await watchedPage(browser);
    const workers: string[] = [];
    const requests: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(`${site.url}/blog/posts/surface.html`);
    const result = (await page.evaluate(
      () => (window as unknown as { result: Promise<unknown> }).result,
    )) as {
      backend: string;
      runs: { label: string; steps: number; first: number; last: number }[];
    };

    expect(result).not.toHaveProperty('error');
    expect(problems).toEqual([]);
    expect(result.backend).toBe('cpu');
    expect(workers).toEqual([`${site.url}${EMBED_PREFIX}optim-lab-surface.worker.js`]);
    expect(
      requests.filter((url) => url.endsWith('.wasm') || url.endsWith('optim-lab.worker.js')),
    ).toEqual([]);
    expect(result.runs.map((run) => [run.label, run.steps])).toEqual([
      ['SGD', 200],
      ['Adam', 200],
    ]);
    // Both settle in one of Himmelblau's minima (f = 0) from f(-0.5, -1) = 180.3.
    for (const run of result.runs) {
      expect(run.first).toBeCloseTo(180.3125, 6);
      expect(run.last).toBeLessThan(1e-3);
    }
  }, 60_000);
});
