// The demo page's procedure section (demo/index.html) as a reader gets it: the element is
// valid with the page's attributes (none: the defaults), starts at step 1 on the spiral with
// the ResNet-style recipe, and the section is accessible. Its numbers are trained in
// test/components/optim-procedure/points.test.ts.
import axe from 'axe-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import demoHtml from '../../demo/index.html?raw';
import '../../components/optim-procedure/index';
import type { OptimProcedure } from '../../components/optim-procedure/index';

let section: HTMLElement;
let el: OptimProcedure;

beforeAll(async () => {
  const parsed = new DOMParser().parseFromString(demoHtml, 'text/html');
  section = parsed.querySelector<HTMLElement>('section[aria-labelledby="procedure"]')!;
  document.body.append(section);
  el = section.querySelector('optim-procedure')!;
  await el.updateComplete;
});

afterAll(() => section.remove());

it('embeds one procedure, valid, on the default problem', () => {
  expect(section.querySelector('h2')!.textContent).toBe('The whole procedure, step by step');
  expect(section.querySelectorAll('optim-procedure')).toHaveLength(1);
  expect(el.shadowRoot!.querySelector('[part="problems"]')!.textContent!.trim()).toBe('');
  expect(el.step).toBe(0);
  expect(el.recipe.dataset).toEqual({ type: 'spiral', noise: 0.05 });
  expect(el.recipe.runs[0].optimizer.type).toBe('SGD');
});

it('is accessible (axe)', async () => {
  expect((await axe.run(section)).violations).toEqual([]);
});
