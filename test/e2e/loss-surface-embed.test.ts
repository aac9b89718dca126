// <loss-surface> the way a blog embeds it: dist/ copied to a nested path on a plain static
// host, one script tag and `<loss-surface preset="optimizer-zoo" autoplay>` on a page whose
// CSP allows styles from the page's own origin only. It finds its worker beside the embed,
// never loads the trainer or any .wasm, plays to the end, and triggers no CSP violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { EMBED_PREFIX, createSite, launchBrowser, watchedPage } from './site';
import type { Site } from './site';

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

interface Outcome {
  ended: boolean;
  errors: string[];
  violations: string[];
  progress: number;
  trajectories: { label: string; points: number; first: number; last: number }[];
}

describe('dist/optim-lab.js with <loss-surface> on a page under a sub-path', () => {
  it('plays the optimizer zoo in its own worker, under style-src self', async () => {
    site.addPage(
      '/blog/posts/landscape.html',
      `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="style-src 'self'">
    <title>optim-lab loss surface</title>
    <link rel="icon" href="data:,">
    <script type="module" src="${EMBED_PREFIX}optim-lab.js"></script>
    <script>
      window.outcome = { ended: false, errors: [], violations: [], progress: 0 };
      document.addEventListener('securitypolicyviolation', (e) =>
        window.outcome.violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
      document.addEventListener('optim-progress', () => window.outcome.progress++);
      document.addEventListener('optim-error', (e) => window.outcome.errors.push(e.detail.message));
      document.addEventListener('optim-end', (e) => {
        const el = e.target;
        window.outcome.trajectories = el.trajectories.map((t) => ({
          label: t.label, points: t.points.length, first: t.loss[0], last: t.loss[t.loss.length - 1],
        }));
        window.outcome.ended = true;
      });
    </script>
  </head>
  <body>
    <loss-surface preset="optimizer-zoo" autoplay></loss-surface>
  </body>
</html>
`,
    );
    const { page, problems } = await watchedPage(browser);
    const workers: string[] = [];
    const requests: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(`${site.url}/blog/posts/landscape.html`);
    await page.waitForFunction(
      () => (window as unknown as { outcome: Outcome }).outcome.ended,
      null,
      {
        timeout: 60_000,
      },
    );
    const outcome = await page.evaluate(() => (window as unknown as { outcome: Outcome }).outcome);

    expect(problems).toEqual([]);
    expect(outcome.violations).toEqual([]);
    expect(outcome.errors).toEqual([]);
    expect(workers).toEqual([`${site.url}${EMBED_PREFIX}optim-lab-surface.worker.js`]);
    expect(
      requests.filter((url) => url.endsWith('.wasm') || url.endsWith('optim-lab.worker.js')),
    ).toEqual([]);
    expect(outcome.progress).toBeGreaterThan(12);
    expect(outcome.trajectories).toHaveLength(12);
    for (const trajectory of outcome.trajectories) {
      expect(trajectory.points, trajectory.label).toBe(301);
      expect(trajectory.first, trajectory.label).toBe(12.5); // f(-1.5, 2) on Rosenbrock
      expect(trajectory.last, trajectory.label).toBeLessThan(12.5);
    }
    // The picture is there: contour bands, twelve trails, the start control.
    const drawn = await page.evaluate(() => {
      const root = document.querySelector('loss-surface')?.shadowRoot;
      return {
        bands: root?.querySelectorAll('.band').length ?? 0,
        trails: root?.querySelectorAll('.trail').length ?? 0,
        handle: root?.querySelector('[part="start-handle"]')?.getAttribute('role'),
      };
    });
    expect(drawn.bands).toBeGreaterThan(5);
    expect(drawn.trails).toBe(12);
    expect(drawn.handle).toBe('slider');
  }, 90_000);
});
