// Shared harness for the <optim-lab> browser tests: mounting with attributes, reading parts,
// recording events, and a small quick experiment.
import { afterEach, vi } from 'vitest';
import '../../../components/optim-lab/index';
import type {
  OptimErrorDetail,
  OptimLab,
  OptimProgressDetail,
} from '../../../components/optim-lab/index';

const labs: OptimLab[] = [];

afterEach(() => {
  for (const lab of labs.splice(0)) lab.remove();
  vi.restoreAllMocks();
});

export async function mount(attributes: Record<string, string> = {}): Promise<OptimLab> {
  const lab = document.createElement('optim-lab');
  for (const [name, value] of Object.entries(attributes)) lab.setAttribute(name, value);
  document.body.append(lab);
  labs.push(lab);
  await lab.updateComplete;
  return lab;
}

export function part<T extends Element = HTMLElement>(lab: OptimLab, name: string): T {
  const found = lab.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}"`);
  return found;
}

export function problemsText(lab: OptimLab): string {
  return part(lab, 'problems').textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export function recordProgress(lab: OptimLab): OptimProgressDetail[] {
  const events: OptimProgressDetail[] = [];
  lab.addEventListener('optim-progress', (event) => events.push(event.detail));
  return events;
}

export function recordErrors(target: EventTarget): OptimErrorDetail[] {
  const errors: OptimErrorDetail[] = [];
  target.addEventListener('optim-error', (event) =>
    errors.push((event as CustomEvent<OptimErrorDetail>).detail),
  );
  return errors;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A small, quick experiment: 200 circle points, 160 for training, batch 16 -> 10 steps/epoch.
export const QUICK = {
  dataset: 'circle',
  hidden: '8,8',
  backend: 'cpu',
  'batch-size': '16',
  config: '{"dataset":{"samples":200}}',
};
