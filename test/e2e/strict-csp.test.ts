// Every element of dist/optim-lab.js on a page served with the strict Content-Security-Policy
// the README gives (read from it, so the two cannot drift apart), sent as an HTTP header with
// every file: the workers take their policy from their own script's response, not from the
// page. The lab trains on wasm and nothing, in the page or in a worker, violates the policy.
// Without 'wasm-unsafe-eval' the lab says why wasm is out and trains on what is left, and the
// only violations are the refused WebAssembly compilations.
//
// A violation inside a worker fires no event the page can hear, so the policy carries a
// `report-uri` to a collector. Reports travel on their own; before the collected ones are
// read, the page breaks the policy once on purpose (an image the policy forbids) and the test
// waits for that report, which arrives after those of violations long past.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { WASM_CSP_BLOCKED } from '../../src/backend/wasm-csp';
import type { BackendInfo } from '../../src/protocol/api';
import { EMBED_PREFIX, collectCspReports, createSite, launchBrowser, watchedPage } from './site';
import type { CspReport, CspReportCollector, Site } from './site';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const README_POLICY = /^Content-Security-Policy: (.+)$/m.exec(README)?.[1] ?? '';
const WASM_KEYWORD = " 'wasm-unsafe-eval'";
const WITHOUT_WASM = README_POLICY.replace(WASM_KEYWORD, '');
const SENTINEL = 'csp-sentinel.png';

/** What the page script records (csp-watch.js below). */
interface Watch {
  violations: string[];
  progress: { from: string; loss: number }[];
  ended: string[];
  errors: string[];
}

// No inline script: script-src 'self' forbids it, so the page's own script is a file too.
const WATCH_SCRIPT = `window.watch = { violations: [], progress: [], ended: [], errors: [] };
document.addEventListener('securitypolicyviolation', (e) =>
  watch.violations.push([e.effectiveDirective, e.blockedURI, e.sample].join(' ')));
document.addEventListener('optim-progress', (e) =>
  watch.progress.push({ from: e.target.localName, loss: e.detail.loss }));
document.addEventListener('optim-end', (e) => watch.ended.push(e.target.localName));
document.addEventListener('optim-error', (e) => watch.errors.push(e.target.localName + ': ' + e.detail.message));
customElements.whenDefined('loss-plot').then(() => {
  const plot = document.querySelector('body > loss-plot');
  plot.setRuns([{ id: 'a', label: 'given colour', color: 'rebeccapurple' }, { id: 'b', label: 'palette' }]);
  plot.appendLoss('a', { steps: [0, 1, 2, 3], loss: [1, 0.7, 0.5, 0.4] });
  plot.appendLoss('b', { steps: [0, 1, 2, 3], loss: [1, 0.9, 0.8, 0.75] });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>optim-lab under a strict CSP</title>
    <script src="/blog/posts/csp-watch.js"></script>
    <script type="module" src="${EMBED_PREFIX}optim-lab.js"></script>
  </head>
  <body>
    <optim-lab autoplay epochs="3" backend="wasm"></optim-lab>
    <optim-procedure backend="wasm"></optim-procedure>
    <loss-surface autoplay steps="60"></loss-surface>
    <optimizer-picker></optimizer-picker>
    <scheduler-editor></scheduler-editor>
    <lr-curve schedule='{"type":"CosineAnnealingLR","tMax":100}' base-lr="0.1" steps="100"></lr-curve>
    <loss-plot></loss-plot>
  </body>
</html>
`;

let browser: Browser;
let site: Site | undefined;
let collector: CspReportCollector | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await site?.close();
  await collector?.close();
  site = collector = undefined;
});

afterAll(async () => {
  await browser?.close();
});

/** The page under `policy` (plus a report-uri), every report it causes collected. */
async function openPage(policy: string): Promise<{
  page: Page;
  problems: string[];
  reports: CspReport[];
}> {
  collector = await collectCspReports();
  site = await createSite({
    headers: { 'Content-Security-Policy': `${policy}; report-uri ${collector.url}` },
  });
  site.addPage('/blog/posts/csp-watch.js', WATCH_SCRIPT);
  site.addPage('/blog/posts/strict.html', PAGE);
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${site.url}/blog/posts/strict.html`);
  return { page, problems, reports: collector.reports };
}

const watchOf = (page: Page) => page.evaluate(() => (window as unknown as { watch: Watch }).watch);

async function waitForEnd(page: Page, tag: string, timeout: number): Promise<void> {
  await page.waitForFunction(
    (name) => {
      const { ended, errors } = (window as unknown as { watch: Watch }).watch;
      return ended.includes(name) || errors.length > 0;
    },
    tag,
    { timeout },
  );
}

/** Breaks the policy once on purpose and waits until its report and event are in. */
async function flushReports(page: Page, reports: CspReport[]): Promise<void> {
  await page.evaluate((name) => {
    new Image().src = `/${name}`;
  }, SENTINEL);
  await expect
    .poll(() => reports.some((r) => r['blocked-uri'].endsWith(SENTINEL)), { timeout: 10_000 })
    .toBe(true);
  await page.waitForFunction(
    (name) =>
      (window as unknown as { watch: Watch }).watch.violations.some((v) => v.includes(name)),
    SENTINEL,
  );
}

const notSentinel = (text: string) => !text.includes(SENTINEL);

function backendInfo(page: Page): Promise<{ info: BackendInfo | undefined; line: string }> {
  return page.evaluate(() => {
    const lab = document.querySelector('optim-lab') as HTMLElement & { backendInfo?: BackendInfo };
    const line = lab.shadowRoot?.querySelector('[part="backend"]')?.textContent ?? '';
    return { info: lab.backendInfo, line: line.replace(/\s+/g, ' ').trim() };
  });
}

describe('the embed under the README Content-Security-Policy', () => {
  it('the README gives a policy with wasm-unsafe-eval', () => {
    expect(README_POLICY).toContain("style-src 'self'");
    expect(README_POLICY).not.toContain('unsafe-inline');
    expect(WITHOUT_WASM).not.toBe(README_POLICY);
  });

  it('every element renders and the lab trains on wasm with no violation', async () => {
    const { page, problems, reports } = await openPage(README_POLICY);
    await waitForEnd(page, 'optim-lab', 120_000);
    // <loss-surface> starts once it is on screen.
    await page.locator('loss-surface').scrollIntoViewIfNeeded();
    await waitForEnd(page, 'loss-surface', 60_000);
    // Open every panel, in every shadow root, so that what they hold renders too.
    await page.evaluate(async () => {
      const open = (root: ParentNode) => {
        for (const details of root.querySelectorAll('details')) details.open = true;
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) open(el.shadowRoot);
      };
      open(document);
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      open(document);
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    });
    await flushReports(page, reports);
    const watch = await watchOf(page);

    expect(reports.map((r) => r['blocked-uri']).filter(notSentinel)).toEqual([]);
    expect(watch.violations.filter(notSentinel)).toEqual([]);
    expect(problems.filter(notSentinel)).toEqual([]);
    expect(watch.errors).toEqual([]);

    const { info, line } = await backendInfo(page);
    expect(info?.backend).toBe('wasm');
    expect(info?.skipped).toEqual([]);
    expect(line).toContain('Backend: wasm');
    const lab = watch.progress.filter((p) => p.from === 'optim-lab');
    expect(lab.length).toBeGreaterThan(0);
    for (const { loss } of lab) expect(Number.isFinite(loss)).toBe(true);
    expect(watch.progress.some((p) => p.from === 'loss-surface')).toBe(true);

    // The inline styles are in place, set through CSSOM: a run's colour, the legend's
    // swatches, the canvas's size, the cursor area over the plot's inner box.
    const styles = await page.evaluate(() => {
      const deep = (root: ParentNode, selector: string): HTMLElement[] => {
        const found = [...root.querySelectorAll<HTMLElement>(selector)];
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) found.push(...deep(el.shadowRoot, selector));
        }
        return found;
      };
      const plot = document.querySelector('body > loss-plot')!.shadowRoot!;
      return {
        runColors: deep(document, 'li.run').map((li) => li.style.getPropertyValue('--_run-color')),
        swatches: [...plot.querySelectorAll<HTMLElement>('.swatch')].map((s) =>
          s.style.getPropertyValue('--swatch'),
        ),
        canvasWidth: plot.querySelector('canvas')!.style.width,
        cursorLeft: deep(document, '.cursor-area').map((area) => area.style.left),
      };
    });
    expect(styles.runColors.length).toBeGreaterThan(0);
    expect(styles.runColors[0]).toBe('var(--_series-1)');
    expect(styles.swatches).toEqual(['rebeccapurple', 'var(--loss-plot-color-2)']);
    expect(styles.canvasWidth).toMatch(/^\d+(\.\d+)?px$/);
    expect(styles.cursorLeft.length).toBeGreaterThan(1);
    for (const left of styles.cursorLeft) expect(left).toMatch(/^\d+(\.\d+)?px$/);
  }, 240_000);

  // The fallback is auto's measured choice among webgpu (SwiftShader here) and cpu; a WebGPU
  // choice compiles its shaders for tens of seconds first, hence the timeout.
  it("without 'wasm-unsafe-eval', says why wasm is out and trains on another backend", async () => {
    const { page, problems, reports } = await openPage(WITHOUT_WASM);
    await waitForEnd(page, 'optim-lab', 240_000);
    await flushReports(page, reports);
    const watch = await watchOf(page);

    const { info, line } = await backendInfo(page);
    expect(info?.skipped).toContainEqual({ backend: 'wasm', reason: WASM_CSP_BLOCKED });
    expect(info?.backend).not.toBe('wasm');
    expect(line).toContain("wasm: blocked by Content-Security-Policy (needs 'wasm-unsafe-eval')");
    expect(watch.errors).toEqual([]);
    const lab = watch.progress.filter((p) => p.from === 'optim-lab');
    expect(lab.length).toBeGreaterThan(0);
    for (const { loss } of lab) expect(Number.isFinite(loss)).toBe(true);

    // The only violations: WebAssembly compiles refused in the trainer's worker.
    const refused = reports.filter((r) => !r['blocked-uri'].endsWith(SENTINEL));
    expect(refused.length).toBeGreaterThan(0);
    for (const report of refused) {
      expect(report['effective-directive']).toBe('script-src');
      expect(report['blocked-uri']).toBe('wasm-eval');
      expect(report['document-uri']).toMatch(/\/optim-lab(-surface)?\.worker\.js$/);
    }
    expect(refused.map((r) => r['document-uri'])).toContain(
      `${site!.url}${EMBED_PREFIX}optim-lab.worker.js`,
    );
    expect(watch.violations.filter(notSentinel)).toEqual([]);
    expect(problems.filter(notSentinel)).toEqual([]);
  }, 300_000);
});
