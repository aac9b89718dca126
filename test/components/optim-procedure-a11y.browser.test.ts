// <optim-procedure> is axe-clean in light and dark, at every step, with what the steps show
// once used: a trained ranking with its radios, the LR range test's plot, the PyTorch dialog.
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimProcedure } from '../../components/optim-procedure/index';
import type { PytorchExport } from '../../components/pytorch-export/index';
import { emulateColorScheme, resetColorScheme } from './support/color-scheme';
import type { ColorScheme } from './support/color-scheme';
import { lightSurfaces } from './support/color';
import { horizontalOverflows } from './support/layout';
import { SMALL, find, get, mountProcedure, trainStep } from './support/procedure';

async function violations(el: Element): Promise<string[]> {
  const result = await axe.run(el);
  const checked = [...result.passes, ...result.incomplete].filter((r) => r.id === 'color-contrast');
  // The contrast rule must really have looked at text.
  expect(checked.flatMap((r) => r.nodes).length).toBeGreaterThan(0);
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${n.html} ${n.failureSummary}`).join('; ')}`,
  );
}

async function goTo(el: OptimProcedure, step: number): Promise<void> {
  el.step = step;
  await el.updateComplete;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

it('fits a 360 px wide phone screen at every step', async () => {
  const el = await mountProcedure();
  el.style.width = '360px';
  for (let step = 0; step < el.steps; step++) {
    await goTo(el, step);
    // Plots measure their box and redraw on the next frames.
    await nextFrame();
    await nextFrame();
    expect(horizontalOverflows(el), `step ${step + 1}`).toEqual([]);
  }
});

describe.each<ColorScheme>(['light', 'dark'])('%s theme', (scheme) => {
  beforeAll(() => emulateColorScheme(scheme));
  afterAll(resetColorScheme);

  it('every step, as it first shows', async () => {
    const el = await mountProcedure();
    for (let step = 0; step < el.steps; step++) {
      await goTo(el, step);
      expect(await violations(el), `step ${step + 1}`).toEqual([]);
    }
    if (scheme === 'dark') expect(lightSurfaces(el)).toEqual([]);
  });

  it('a trained ranking, the LR range test and the PyTorch dialog', async () => {
    const el = await mountProcedure({ ...SMALL, dataset: 'moons' });
    await goTo(el, 1);
    await trainStep(el);
    expect(await violations(el), 'the grid ranking').toEqual([]);
    await goTo(el, 2);
    get<HTMLButtonElement>(el, 'find-lr-button').click();
    await expect.poll(() => find(el, 'lr-finder-plot'), { timeout: 60_000 }).not.toBeNull();
    expect(await violations(el), 'the LR range test').toEqual([]);
    const exporter = get<PytorchExport>(el, 'pytorch');
    await exporter.show();
    expect(await violations(el), 'the PyTorch dialog').toEqual([]);
    exporter.close();
  });
});
