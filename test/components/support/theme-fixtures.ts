/**
 * Each element with representative content, mounted into a container of a given width.
 * `ready` resolves once the element has rendered at its real size (plots measure their box
 * with a ResizeObserver and draw on the next animation frame).
 */
import { userEvent } from 'vitest/browser';
import '../../../components/optim-data-view/index';
import '../../../components/loss-plot/index';
import '../../../components/loss-surface/index';
import '../../../components/lr-curve/index';
import '../../../components/optim-lab/index';
import '../../../components/optim-procedure/index';
import '../../../components/optimizer-picker/index';
import '../../../components/scheduler-editor/index';
import type { LitElement } from 'lit';
import type { LossPlot } from '../../../components/loss-plot/index';
import type { LossSurface } from '../../../components/loss-surface/index';
import type { DatasetView, GridPrediction } from '../../../src/protocol/api';

/** Polls `done` once a frame, up to 300 frames (a fixture's asynchronous work). */
async function waitUntil(done: () => boolean): Promise<void> {
  for (let frames = 0; !done(); frames++) {
    if (frames > 300) throw new Error('a fixture waited in vain');
    await nextFrame();
  }
}

export const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export async function settle(el: LitElement): Promise<void> {
  await el.updateComplete;
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
}

export interface Fixture {
  name: string;
  /** Whether the element holds keyboard-focusable controls. */
  focusable: boolean;
  create: () => LitElement;
  /** Work after connecting: typing an invalid entry, streaming data. */
  fill?: (el: LitElement) => Promise<void>;
}

/** Loss curves that fall from different starts, `n` points per run. */
export function fillRuns(plot: LossPlot, runs: number, n = 400): void {
  const labels = ['Adam', 'SGD', 'RMSprop', 'AdamW', 'NAdam', 'Adagrad', 'RAdam', 'Adamax'];
  plot.setRuns(labels.slice(0, runs).map((label, i) => ({ id: `run-${i}`, label })));
  const steps = Int32Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < runs; r++) {
    const loss = Float32Array.from({ length: n }, (_, i) => (1 + r * 0.4) / (1 + i / (20 + r * 5)));
    plot.appendLoss(`run-${r}`, { steps, loss });
  }
}

function twoMoons(): { data: DatasetView; grid: GridPrediction } {
  const n = 40;
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const upper = i % 2 === 0;
    const t = (Math.PI * i) / n;
    x[2 * i] = upper ? Math.cos(t) : 1 - Math.cos(t);
    x[2 * i + 1] = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    y[i] = upper ? 0 : 1;
  }
  const g = 16;
  const values = Float32Array.from({ length: g * g }, (_, k) => (k % g) / (g - 1));
  const xRange: [number, number] = [-1.3, 2.3];
  const yRange: [number, number] = [-0.8, 1.3];
  return {
    data: {
      type: 'moons',
      task: 'binary',
      inputDims: 2,
      train: { x, y },
      validation: { x: x.slice(0, 8), y: y.slice(0, 4) },
      xRange,
      yRange,
    },
    grid: { n: g, xRange, yRange, values },
  };
}

export const FIXTURES: readonly Fixture[] = [
  {
    name: 'optimizer-picker (Adam)',
    focusable: true,
    create: () =>
      Object.assign(document.createElement('optimizer-picker'), {
        value: { type: 'Adam', lr: 3e-4, betas: [0.9, 0.999], weightDecay: 0.01 },
      }),
  },
  {
    name: 'scheduler-editor (SequentialLR warm-up)',
    focusable: true,
    create: () =>
      Object.assign(document.createElement('scheduler-editor'), {
        steps: 100,
        baseLr: 0.1,
        value: {
          type: 'SequentialLR',
          schedulers: [
            { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
            { type: 'CosineAnnealingLR', tMax: 90 },
          ],
          milestones: [10],
        },
      }),
  },
  {
    name: 'scheduler-editor (LambdaLR with an error)',
    focusable: true,
    create: () =>
      Object.assign(document.createElement('scheduler-editor'), {
        steps: 100,
        baseLr: 0.1,
        value: { type: 'LambdaLR', lrLambda: '0.95 ** epoch' },
      }),
    fill: async (el) => {
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#sch-lrLambda')!;
      input.focus();
      await userEvent.keyboard('{Control>}a{/Control}0.95 ** epch{Enter}');
      await el.updateComplete;
      if (!el.shadowRoot!.querySelector('#sch-lrLambda-error')) {
        throw new Error('the LambdaLR fixture shows no error message');
      }
      input.blur();
    },
  },
  {
    name: 'lr-curve (OneCycleLR with momentum)',
    focusable: true,
    create: () =>
      Object.assign(document.createElement('lr-curve'), {
        schedule: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 200 },
        steps: 200,
        baseLr: 0.1,
        baseMomentum: 0.9,
        currentStep: 60,
      }),
    fill: async (el) => {
      if (!el.shadowRoot!.querySelector('[part="momentum-line"]')) {
        throw new Error('the OneCycleLR fixture draws no momentum line');
      }
    },
  },
  {
    // Log scale on (the pressed toggle's colours) and a read-out shown at the last step.
    name: 'loss-plot (3 runs)',
    focusable: true,
    create: () => Object.assign(document.createElement('loss-plot'), { log: true }),
    fill: async (el) => {
      fillRuns(el as LossPlot, 3);
      await settle(el);
      const cursor = el.shadowRoot!.querySelector<HTMLElement>('[part="cursor-area"]')!;
      cursor.focus();
      await userEvent.keyboard('{End}');
      cursor.blur();
      await el.updateComplete;
      if (!el.shadowRoot!.querySelector('[part="readout"]')!.textContent!.trim()) {
        throw new Error('the loss-plot fixture shows no read-out');
      }
    },
  },
  {
    name: 'optim-data-view (two moons)',
    focusable: false,
    create: () =>
      Object.assign(document.createElement('optim-data-view'), {
        caption: 'Adam after 200 steps',
        description: 'accuracy 97%',
        ...twoMoons(),
      }),
  },
  {
    // Edit mode: points of both classes over predictions, a point focused from the keyboard.
    name: 'optim-data-view (editing)',
    focusable: true,
    create: () => {
      const { grid } = twoMoons();
      return Object.assign(document.createElement('optim-data-view'), {
        editable: true,
        caption: 'Your points',
        points: [
          [-0.5, 0.5, 1],
          [0.5, -0.5, 0],
          [0.2, 0.8, 1],
        ],
        grid,
      });
    },
  },
  {
    // The data editor (custom points, the CSV part with an error) and the share panel open.
    name: 'optim-lab (editing data, sharing)',
    focusable: true,
    create: () => {
      const lab = document.createElement('optim-lab');
      const attributes = {
        backend: 'cpu',
        'edit-data': '',
        hide: 'runs lr-curve loss-plot lr-finder',
        config: JSON.stringify({
          dataset: {
            type: 'custom',
            points: [
              [-0.5, 0.5, 1],
              [0.5, -0.5, 0],
            ],
          },
        }),
      };
      for (const [name, value] of Object.entries(attributes)) lab.setAttribute(name, value);
      return lab;
    },
    fill: async (el) => {
      const root = el.shadowRoot!;
      root.querySelector<HTMLButtonElement>('[part="share-button"]')!.click();
      root.querySelector<HTMLDetailsElement>('[part="csv"]')!.open = true;
      await el.updateComplete;
      const csv = root.querySelector<HTMLTextAreaElement>('[part="csv-input"]')!;
      csv.value = '1,2,3';
      csv.dispatchEvent(new Event('input'));
      root.querySelector<HTMLButtonElement>('[part="csv-load"]')!.click();
      await el.updateComplete;
      if (!root.querySelector('[part="csv-error"]')!.textContent!.trim()) {
        throw new Error('the editing lab fixture shows no CSV error');
      }
    },
  },
  {
    // Two runs on the CPU backend; nothing trains (no autoplay), the lab is only shown.
    name: 'optim-lab (SGD and Adam)',
    focusable: true,
    create: () => {
      const lab = document.createElement('optim-lab');
      const attributes = {
        dataset: 'circle',
        hidden: '8,8',
        optimizer: 'SGD Adam',
        backend: 'cpu',
      };
      for (const [name, value] of Object.entries(attributes)) lab.setAttribute(name, value);
      return lab;
    },
  },
  {
    // Step 1 as it first shows: the presets, the step's lab (not trained), the recipe, and the
    // share panel open with a pasted state it refused.
    name: 'optim-procedure (step 1, sharing)',
    focusable: true,
    create: () => {
      const el = document.createElement('optim-procedure');
      const attributes = { layers: '8', epochs: '2', backend: 'cpu' };
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      return el;
    },
    fill: async (el) => {
      const root = el.shadowRoot!;
      root.querySelector<HTMLButtonElement>('[part="share-button"]')!.click();
      await el.updateComplete;
      const input = root.querySelector<HTMLTextAreaElement>('[part="restore-input"]')!;
      input.value = 'not a link';
      input.dispatchEvent(new Event('input'));
      root.querySelector<HTMLButtonElement>('[part="restore"]')!.click();
      await waitUntil(() => !!root.querySelector('[part="restore-error"]')!.textContent!.trim());
      await el.updateComplete;
    },
  },
  {
    // A preset's finished picture (contours, trails, arrows, legend, know-how) with the
    // numbers panel open on a later step: the most it shows at once.
    name: 'loss-surface (momentum vs Nesterov)',
    focusable: true,
    create: () => {
      const el = document.createElement('loss-surface');
      el.setAttribute('preset', 'momentum-vs-nesterov');
      el.setAttribute('steps', '60');
      return el;
    },
    fill: async (el) => {
      const surface = el as LossSurface;
      await surface.computeComplete;
      surface.step(12);
      el.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="numbers"]')!.open = true;
      await settle(el);
      // The contours are drawn in a task of their own after the computation.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!el.shadowRoot!.querySelector('[part~="contours"] path')) {
        throw new Error('the loss-surface fixture draws no contours');
      }
      if (!el.shadowRoot!.querySelector('[part~="numbers-table"] tr')) {
        throw new Error("the loss-surface fixture shows no step's numbers");
      }
    },
  },
];

/** Puts `el` in a fresh container `width` px wide at the top of the page and renders it. */
export async function mountIn(fixture: Fixture, width: number): Promise<LitElement> {
  const container = document.createElement('div');
  container.className = 'theme-test-container';
  container.style.width = `${width}px`;
  const el = fixture.create();
  container.append(el);
  document.body.append(container);
  await settle(el);
  await fixture.fill?.(el);
  await settle(el);
  return el;
}

export function unmountAll(): void {
  for (const c of document.querySelectorAll('.theme-test-container')) c.remove();
}
