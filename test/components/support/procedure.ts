// Shared harness for the <optim-procedure> browser tests: a small problem (200 spiral points,
// 160 for training in batches of 32: 5 steps an epoch, 2 epochs, so each run takes 10 steps)
// on the cpu backend, and helpers to train a step's lab and to read the procedure's parts.
import { afterEach, expect } from 'vitest';
import '../../../components/optim-procedure/index';
import type {
  OptimProcedure,
  ProcedureStepDetail,
} from '../../../components/optim-procedure/index';
import type { OptimLab } from '../../../components/optim-lab/index';

export const SMALL = {
  epochs: '2',
  backend: 'cpu',
  layers: '8',
  config: '{"dataset":{"samples":200}}',
};

const mounted: OptimProcedure[] = [];

afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

export async function mountProcedure(
  attributes: Record<string, string> = SMALL,
): Promise<OptimProcedure> {
  const el = document.createElement('optim-procedure');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

export function find<T extends Element = HTMLElement>(el: OptimProcedure, part: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${part}"]`);
}

export function get<T extends Element = HTMLElement>(el: OptimProcedure, part: string): T {
  const found = find<T>(el, part);
  if (!found) throw new Error(`no part "${part}" at step ${el.step}`);
  return found;
}

export const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export function stepLab(el: OptimProcedure): OptimLab {
  return get<OptimLab>(el, 'lab');
}

/** Trains the shown step's lab to its end and waits for the procedure to rank its runs. */
export async function trainStep(el: OptimProcedure): Promise<void> {
  const lab = stepLab(el);
  await lab.updateComplete;
  await lab.start();
  await expect
    .poll(() => el.shadowRoot!.querySelectorAll('[part="ranking"] tbody tr').length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  await el.updateComplete;
}

/** The ranking's run labels, best first. */
export function rankedLabels(el: OptimProcedure): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part="ranking"] tbody th')].map(text);
}

export function recordSteps(el: OptimProcedure, type: 'procedure-step' | 'procedure-recipe') {
  const events: ProcedureStepDetail[] = [];
  el.addEventListener(type, (event) => events.push(event.detail));
  return events;
}
