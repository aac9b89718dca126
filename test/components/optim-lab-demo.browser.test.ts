// The demo page's content (demo/index.html) as a reader gets it: every embedded lab is
// valid (no attribute problems, and the worker accepts its experiment), the page is
// accessible (axe), and nothing overflows a 360 px wide phone screen.
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import demoCss from '../../demo/demo.css?raw';
import demoHtml from '../../demo/index.html?raw';
import '../../components/optim-lab/index';
import type { OptimLab } from '../../components/optim-lab/index';

let page: HTMLElement;
let style: HTMLStyleElement;

function labs(): OptimLab[] {
  return [...page.querySelectorAll('optim-lab')];
}

beforeAll(async () => {
  const parsed = new DOMParser().parseFromString(demoHtml, 'text/html');
  style = document.createElement('style');
  style.textContent = demoCss;
  document.head.append(style);
  page = document.createElement('div');
  page.id = 'demo';
  // Autoplay would start a worker as soon as a lab scrolls into view: these tests start
  // each lab themselves.
  for (const lab of parsed.querySelectorAll('optim-lab')) lab.removeAttribute('autoplay');
  page.append(...parsed.body.children);
  document.body.append(page);
  await Promise.all(labs().map((lab) => lab.updateComplete));
});

afterAll(() => {
  page.remove();
  style.remove();
});

describe('demo page', () => {
  it('embeds the nine focused labs and the full one', () => {
    const headings = [...page.querySelectorAll('h2')].map((h) => h.textContent?.trim());
    expect(headings).toEqual(
      expect.arrayContaining([
        'SGD vs Adam on the spiral',
        'Adam with a warm-up',
        'The 1cycle policy',
        'A learning rate that diverges',
        'SGD + momentum vs Nesterov',
        'Find a learning rate first (LR range test)',
        'A small grid search',
        'Your own data',
        'Average the weights (Stochastic Weight Averaging)',
      ]),
    );
    expect(labs()).toHaveLength(10);
  });

  it('has no attribute problems in any lab', () => {
    for (const lab of labs()) {
      const problems = lab.shadowRoot?.querySelector('[part="problems"]')?.textContent?.trim();
      expect(problems, lab.outerHTML.slice(0, 200)).toBe('');
    }
  });

  it('is accessible (axe)', async () => {
    const result = await axe.run(page);
    expect(result.violations).toEqual([]);
  });

  it('fits a 360 px wide screen', async () => {
    // The demo lets labs overhang the text column on wide screens; a phone has no room for it.
    style.textContent += '#demo optim-lab { margin-inline: 0; }';
    page.style.width = '360px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    for (const lab of labs()) {
      expect(lab.getBoundingClientRect().width).toBeLessThanOrEqual(360);
      const inner = lab.shadowRoot?.querySelector<HTMLElement>('[part="base"]');
      expect(inner?.scrollWidth ?? 0).toBeLessThanOrEqual(Math.ceil(lab.clientWidth));
    }
    page.style.width = '';
  });

  it('every lab trains a step: the worker accepts each experiment', async () => {
    for (const lab of labs()) {
      lab.setAttribute('backend', 'cpu');
      await lab.updateComplete;
      await lab.step(1);
      expect(lab.state, lab.outerHTML.slice(0, 300)).toBe('paused');
      await vi.waitFor(
        () => expect(lab.runStats.map((run) => run.step)).toEqual(lab.runStats.map(() => 1)),
        { timeout: 15_000 }, // progress is throttled and slow on a loaded machine
      );
      lab.remove();
    }
  });
});
