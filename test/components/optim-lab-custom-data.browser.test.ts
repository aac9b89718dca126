// <optim-lab> with a custom dataset, in real Chromium with a real training worker: the
// training length a page previews (LR curve, status line) before the worker exists is the
// one the worker then trains for; the data editor (pointer, keyboard, "Start from this
// dataset", Clear, CSV paste / upload / download, the cap), checked against the dataset the
// lab's own worker returns from getDataset() (what its boundary pictures are drawn from).
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { LrCurve } from '../../components/lr-curve/lr-curve';
import type { OptimDataView } from '../../components/optim-data-view/index';
import type { OptimLab } from '../../components/optim-lab/index';
import { MAX_CUSTOM_POINTS } from '../../src/protocol/custom-points';
import type { DatasetView } from '../../src/protocol/api';
import { mount, part, problemsText } from './support/lab';

// 50 points on a lattice, class 1 where x1 * x2 > 0 (an XOR pattern).
const POINTS = Array.from({ length: 50 }, (_, i) => {
  const x1 = ((i * 37) % 50) / 25 - 1;
  const x2 = ((i * 11) % 50) / 25 - 1;
  return [x1, x2, x1 * x2 > 0 ? 1 : 0];
});

describe('<optim-lab> with a custom dataset given through `config`', () => {
  it('previews and trains the horizon its points make, not the default sample count', async () => {
    // 50 points, 30% held out -> 35 training points; batch 8 -> ceil(35 / 8) = 5 steps an
    // epoch; 3 epochs -> 15 steps. (The default 400 samples would make 40 an epoch, 120.)
    const lab = await mount({
      backend: 'cpu',
      optimizer: 'SGD',
      scheduler: '{"type":"OneCycleLR","maxLr":0.1}',
      config: JSON.stringify({
        dataset: { type: 'custom', points: POINTS, validationFraction: 0.3 },
        training: { batchSize: 8, epochs: 3 },
      }),
    });
    const curve = part<LrCurve>(lab, 'lr-curve');
    expect(curve.steps).toBe(15);
    // OneCycleLR's totalSteps defaults to the training length.
    expect(lab.experiment.runs[0].scheduler).toMatchObject({ type: 'OneCycleLR', totalSteps: 15 });
    expect(part(lab, 'status').textContent).toMatch(/Step 0 of 15\b/);
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), { timeout: 60_000 });
    expect(lab.runStats[0].step).toBe(15);
    expect(lab.runStats[0].epoch).toBeCloseTo(3, 6);
  });
});

// ---- Edit data ---------------------------------------------------------------------------

const LOADED_MACHINE_WAIT = { timeout: 30_000 };

function editor(lab: OptimLab): OptimDataView {
  return part<OptimDataView>(lab, 'point-editor');
}

function editorPlane(lab: OptimLab): SVGSVGElement {
  return editor(lab).shadowRoot!.querySelector<SVGSVGElement>('[part="points"]')!;
}

/** Presses the editor at fraction (fx, fy) of its box, as a mouse does. */
async function press(lab: OptimLab, fx: number, fy: number): Promise<void> {
  const box = editorPlane(lab).getBoundingClientRect();
  await userEvent.click(editorPlane(lab), {
    position: { x: Math.round(fx * box.width), y: Math.round(fy * box.height) },
  });
  await editor(lab).updateComplete;
}

/** Every point of a dataset view's two splits, as [inputs..., target], sorted. */
function trainedPoints(view: DatasetView): number[][] {
  const rows: number[][] = [];
  for (const split of [view.train, view.validation]) {
    for (let i = 0; i < split.y.length; i++) {
      const inputs = Array.from(split.x.subarray(i * view.inputDims, (i + 1) * view.inputDims));
      rows.push([...inputs, split.y[i]]);
    }
  }
  return rows.sort(byValues);
}

function byValues(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The points as the worker holds them: float32. */
function asFloat32(points: readonly (readonly number[])[]): number[][] {
  return points.map((point) => point.map(Math.fround)).sort(byValues);
}

/** The dataset the lab's worker holds now, as getDataset() gave it to the boundary pictures. */
async function workerDataset(lab: OptimLab): Promise<DatasetView> {
  let data: DatasetView | undefined;
  await vi.waitFor(() => {
    data = lab.shadowRoot!.querySelector<OptimDataView>(
      '[part="boundaries"] optim-data-view',
    )?.data;
    expect(data).toBeDefined();
  }, LOADED_MACHINE_WAIT);
  return data!;
}

const EDITING = {
  backend: 'cpu',
  'edit-data': '',
  layers: '8',
  'batch-size': '4',
  epochs: '2',
};

describe('<optim-lab edit-data>: points drawn in the lab are what the worker trains on', () => {
  it('pointer-added points of both classes become the custom dataset', async () => {
    const lab = await mount(EDITING);
    expect(part(lab, 'edit-data').getAttribute('aria-pressed')).toBe('true');
    expect(part(lab, 'data-editor').textContent!.replace(/\s+/g, ' ')).toContain(
      'Editing the data restarts training from step 0.',
    );
    for (const [fx, fy] of [
      [0.2, 0.2],
      [0.3, 0.25],
      [0.25, 0.35],
    ])
      await press(lab, fx, fy);
    const class0 = editor(lab).shadowRoot!.querySelector<HTMLInputElement>('input[value="0"]')!;
    await userEvent.click(class0);
    for (const [fx, fy] of [
      [0.8, 0.8],
      [0.7, 0.75],
      [0.75, 0.65],
    ])
      await press(lab, fx, fy);
    const drawn = editor(lab).points;
    expect(drawn.map((p) => p[2])).toEqual([1, 1, 1, 0, 0, 0]);
    expect(lab.experiment.dataset).toEqual({ type: 'custom', points: drawn });
    // The dataset select now names them.
    expect(part<HTMLSelectElement>(lab, 'dataset-select').value).toBe('custom');
    await lab.start();
    const trained = await workerDataset(lab);
    expect(trained.type).toBe('custom');
    expect(trainedPoints(trained)).toEqual(asFloat32(drawn));
    await vi.waitFor(() => expect(lab.state).toBe('done'), LOADED_MACHINE_WAIT);
    // 6 points, 20% held out (floor 1.2 = 1): 5 train, batch 4 -> 2 steps an epoch, 4 in all.
    expect(lab.runStats[0].step).toBe(4);
  });

  it('an edit while training restarts training on the new points', async () => {
    const lab = await mount({
      ...EDITING,
      epochs: '100000',
      config: JSON.stringify({
        dataset: {
          type: 'custom',
          points: [
            [-0.5, -0.5, 0],
            [0.5, 0.5, 1],
            [0.5, -0.5, 0],
          ],
        },
      }),
    });
    expect(editor(lab).points).toHaveLength(3);
    await lab.start();
    await vi.waitFor(() => expect(lab.runStats[0].step).toBeGreaterThan(5), LOADED_MACHINE_WAIT);
    // Drag the point at (0.5, 0.5) elsewhere: the worker gets 3 points, one of them moved.
    const box = editorPlane(lab).getBoundingClientRect();
    // (0.5, 0.5) in the plane [-1.2, 1.2]^2 is at fraction (1.7 / 2.4, 0.7 / 2.4).
    await userEvent.dragAndDrop(editorPlane(lab), editorPlane(lab), {
      sourcePosition: { x: (1.7 / 2.4) * box.width, y: (0.7 / 2.4) * box.height },
      targetPosition: { x: 0.9 * box.width, y: 0.1 * box.height },
    });
    const edited = editor(lab).points;
    expect(edited).toHaveLength(3);
    expect(edited[1][0]).toBeGreaterThan(0.9);
    // The settle delay passes, the worker is reconfigured and training runs again.
    await vi.waitFor(async () => {
      const view = lab.shadowRoot!.querySelector<OptimDataView>(
        '[part="boundaries"] optim-data-view',
      );
      expect(view?.data && trainedPoints(view.data)).toEqual(asFloat32(edited));
    }, LOADED_MACHINE_WAIT);
    await vi.waitFor(() => expect(lab.state).toBe('training'), LOADED_MACHINE_WAIT);
    await lab.pause();
  });

  it('works from the keyboard: Enter adds at the cursor, arrows move, Delete deletes', async () => {
    const lab = await mount(EDITING);
    const cursor = editorPlane(lab).querySelector<SVGElement>('.cursor-target')!;
    cursor.focus();
    await userEvent.keyboard('{Enter}{ArrowRight}{ArrowRight}{ArrowRight}{Enter}');
    await editor(lab).updateComplete;
    expect(editor(lab).points).toEqual([
      [0, 0, 1],
      [0.18, 0, 1],
    ]);
    await userEvent.keyboard('{PageDown}{ArrowUp}{Enter}');
    await editor(lab).updateComplete;
    expect(editor(lab).points).toEqual([
      [0, 0.06, 0],
      [0.18, 0, 1],
    ]);
    await userEvent.keyboard('{PageDown}{Delete}');
    await editor(lab).updateComplete;
    expect(lab.experiment.dataset).toEqual({ type: 'custom', points: [[0, 0.06, 0]] });
    await lab.step(1);
    expect(trainedPoints(await workerDataset(lab))).toEqual(asFloat32([[0, 0.06, 0]]));
  });

  it('"Start from this dataset" copies the generated points the worker would train on', async () => {
    const lab = await mount({ ...EDITING, dataset: 'moons', config: '{"dataset":{"samples":60}}' });
    await lab.step(1);
    const generated = trainedPoints(await workerDataset(lab));
    part(lab, 'start-from-dataset').click();
    await lab.updateComplete;
    const started = editor(lab).points;
    expect(started).toHaveLength(60);
    expect(part(lab, 'data-note').textContent).toContain("Started from the dataset's 60 points.");
    // The same points, rounded to the editor's 3 decimals.
    const rounded = generated.map((p) => p.map((v) => Math.round(v * 1000) / 1000));
    expect([...started].map((p) => [...p]).sort(byValues)).toEqual(rounded.sort(byValues));
    await lab.step(1);
    await vi.waitFor(
      async () => expect(trainedPoints(await workerDataset(lab))).toEqual(asFloat32(started)),
      LOADED_MACHINE_WAIT,
    );
  });

  it('the plane dataset (two inputs, a real target) cannot be a start, and says why', async () => {
    const lab = await mount({ ...EDITING, dataset: 'plane' });
    const button = part<HTMLButtonElement>(lab, 'start-from-dataset');
    expect(button.disabled).toBe(true);
    const why = lab.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;
    expect(why.textContent!.replace(/\s+/g, ' ')).toContain('custom points cannot hold');
  });

  it('Clear empties the dataset; training then says a point is needed', async () => {
    const lab = await mount({
      ...EDITING,
      config: JSON.stringify({
        dataset: { type: 'custom', points: [[0, 0, 1]] },
      }),
    });
    part(lab, 'clear-points').click();
    await lab.updateComplete;
    expect(editor(lab).points).toEqual([]);
    expect(part(lab, 'data-note').textContent).toContain('add at least one point to train');
    await lab.start();
    expect(problemsText(lab)).toContain('must hold at least one point (dataset.points)');
  });
});

describe('<optim-lab edit-data>: CSV in and out', () => {
  async function openCsv(lab: OptimLab): Promise<HTMLTextAreaElement> {
    part<HTMLDetailsElement>(lab, 'csv').open = true;
    return part<HTMLTextAreaElement>(lab, 'csv-input');
  }

  it('pasted CSV with a mistake says the line and column inline, and changes nothing', async () => {
    const lab = await mount(EDITING);
    const input = await openCsv(lab);
    await userEvent.click(input);
    await userEvent.keyboard('x1,x2,label\n0.1,0.2,1\n0.3,abc,0');
    part(lab, 'csv-load').click();
    await lab.updateComplete;
    const error = part(lab, 'csv-error');
    expect(error.textContent).toBe('line 3, column 2: x2 must be a number, got "abc"');
    expect(error.getAttribute('role')).toBe('alert');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')!.split(' ')).toContain(error.id);
    expect(editor(lab).points).toEqual([]);
    expect(lab.experiment.dataset).toBeUndefined();
    // Fixed, the points replace the editor's and become the dataset.
    await userEvent.keyboard('{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}0.4,0');
    part(lab, 'csv-load').click();
    await lab.updateComplete;
    expect(error.textContent).toBe('');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(editor(lab).points).toEqual([
      [0.1, 0.2, 1],
      [0.3, 0.4, 0],
    ]);
    expect(lab.experiment.dataset).toEqual({
      type: 'custom',
      points: [
        [0.1, 0.2, 1],
        [0.3, 0.4, 0],
      ],
    });
  });

  it('an uploaded file is read the same way; errors name the file; Download CSV gives it back', async () => {
    const lab = await mount(EDITING);
    await openCsv(lab);
    const file = part<HTMLInputElement>(lab, 'csv-file');
    await userEvent.upload(file, new File(['x,y\n0,1\n1,oops\n'], 'bad.csv', { type: 'text/csv' }));
    await vi.waitFor(() =>
      expect(part(lab, 'csv-error').textContent).toBe(
        'bad.csv: line 3, column 2: y must be a number, got "oops"',
      ),
    );
    const text = 'x,y\n-1,0.5\n0,0\n1,0.5\n';
    await userEvent.upload(file, new File([text], 'sine.csv', { type: 'text/csv' }));
    await vi.waitFor(() =>
      expect(editor(lab).points).toEqual([
        [-1, 0.5],
        [0, 0],
        [1, 0.5],
      ]),
    );
    expect(editor(lab).task).toBe('regression');
    expect(part(lab, 'csv-error').textContent).toBe('');
    const download = part<HTMLAnchorElement>(lab, 'csv-download');
    expect(download.download).toBe('optim-lab-points.csv');
    download.click();
    expect(download.href).toMatch(/^blob:/);
    expect(await (await fetch(download.href)).text()).toBe(text);
  });

  it(`holds at most ${MAX_CUSTOM_POINTS} points: a longer CSV is refused, a full editor says so`, async () => {
    const lab = await mount(EDITING);
    const input = await openCsv(lab);
    const rows = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `${((i % 100) / 50 - 1).toFixed(2)},${(Math.floor(i / 100) / 50 - 1).toFixed(2)},${i % 2}`,
      );
    input.value = rows(MAX_CUSTOM_POINTS + 1).join('\n');
    input.dispatchEvent(new Event('input'));
    part(lab, 'csv-load').click();
    await lab.updateComplete;
    expect(part(lab, 'csv-error').textContent).toBe(
      `line ${MAX_CUSTOM_POINTS + 1}: more than ${MAX_CUSTOM_POINTS} points, the most a dataset holds`,
    );
    input.value = rows(MAX_CUSTOM_POINTS).join('\n');
    input.dispatchEvent(new Event('input'));
    part(lab, 'csv-load').click();
    await lab.updateComplete;
    expect(editor(lab).points).toHaveLength(MAX_CUSTOM_POINTS);
    // A press on empty ground (the points lie in [-1, 1]; the corner is outside) adds nothing.
    await press(lab, 0.01, 0.01);
    expect(editor(lab).points).toHaveLength(MAX_CUSTOM_POINTS);
    expect(editor(lab).shadowRoot!.querySelector('[part="edit-status"]')!.textContent).toContain(
      `at most ${MAX_CUSTOM_POINTS} points`,
    );
  });
});
