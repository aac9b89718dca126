// The demo page's landscapes (demo/index.html) as a reader gets them: the page opens with the
// optimizer zoo, every preset has its section, each element is valid and computes its runs,
// and the sections pass axe.
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoCss from '../../demo/demo.css?raw';
import demoHtml from '../../demo/index.html?raw';
import '../../components/loss-surface/index';
import type { LossSurface } from '../../components/loss-surface/index';
import { PRESETS } from '../../components/loss-surface/presets';

let page: HTMLElement;
let style: HTMLStyleElement;

const surfaces = (): LossSurface[] => [...page.querySelectorAll('loss-surface')];

beforeAll(async () => {
  const parsed = new DOMParser().parseFromString(demoHtml, 'text/html');
  style = document.createElement('style');
  style.textContent = demoCss;
  document.head.append(style);
  page = document.createElement('div');
  // Only the landscapes' sections: the labs have their own demo test.
  for (const section of parsed.querySelectorAll('section')) {
    if (section.querySelector('loss-surface')) page.append(section);
  }
  document.body.append(page);
  await Promise.all(surfaces().map((el) => el.updateComplete));
});

afterAll(() => {
  page.remove();
  style.remove();
});

describe('the demo page', () => {
  it('opens with the optimizer zoo, playing', () => {
    const parsed = new DOMParser().parseFromString(demoHtml, 'text/html');
    const first = parsed.querySelector('main > section');
    const zoo = first?.querySelector('loss-surface');
    expect(zoo?.getAttribute('preset')).toBe('optimizer-zoo');
    expect(zoo?.hasAttribute('autoplay')).toBe(true);
    expect(first?.querySelector('h2')?.textContent).toBe('Optimizers racing across a landscape');
  });

  it('has a section for every preset, in prose around it', () => {
    expect(
      surfaces()
        .map((el) => el.getAttribute('preset'))
        .sort(),
    ).toEqual(PRESETS.map((preset) => preset.id).sort());
    for (const el of surfaces()) {
      const section = el.closest('section')!;
      expect(section.querySelector('h2')?.textContent?.length).toBeGreaterThan(5);
      expect(
        section.querySelectorAll('p').length,
        el.getAttribute('preset')!,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('every landscape is valid and computes its runs', async () => {
    for (const el of surfaces()) {
      await el.computeComplete;
      await el.updateComplete;
      const preset = PRESETS.find((p) => p.id === el.getAttribute('preset'))!;
      expect(el.shadowRoot?.querySelector('[part="problems"]')?.textContent?.trim()).toBe('');
      expect(el.trajectories.length, preset.id).toBe(el.surfaceConfig?.runs.length);
      for (const trajectory of el.trajectories) {
        expect(trajectory.points.length, `${preset.id} ${trajectory.label}`).toBeGreaterThan(1);
      }
    }
  });

  it('is accessible (axe)', async () => {
    const result = await axe.run(page);
    expect(result.violations.map((v) => [v.id, v.nodes.map((n) => n.html)])).toEqual([]);
  });
});
