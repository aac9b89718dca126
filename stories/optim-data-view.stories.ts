import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import '../components/optim-data-view/index';
import type { OptimDataView } from '../components/optim-data-view/index';
import { createDataset } from '../src/data/index';
import type { DatasetView, GridPrediction } from '../src/protocol/api';

interface DataViewArgs {
  data?: DatasetView;
  grid?: GridPrediction;
  caption: string;
  description: string;
}

const GRID_POINTS = 41;

/**
 * What a well-trained model might predict, written down by hand so the stories need no
 * worker: `predict(x, y)` sampled over the data's plane in predictGrid's layout (row-major,
 * y outermost; for 1-D data one value per x).
 */
function gridOver(data: DatasetView, predict: (x: number, y: number) => number): GridPrediction {
  const { xRange, yRange } = data;
  const at = (range: [number, number], i: number) =>
    range[0] + (i / (GRID_POINTS - 1)) * (range[1] - range[0]);
  const rows = data.inputDims === 2 ? GRID_POINTS : 1;
  const values = new Float32Array(rows * GRID_POINTS);
  for (let iy = 0; iy < rows; iy++) {
    for (let ix = 0; ix < GRID_POINTS; ix++) {
      values[iy * GRID_POINTS + ix] = predict(at(xRange, ix), at(yRange, iy));
    }
  }
  return { n: GRID_POINTS, xRange, yRange, values };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

const moons = createDataset({
  type: 'moons',
  samples: 200,
  noise: 0.08,
  validationFraction: 0.2,
  seed: 7,
});
/** P(class 1) for the moons: the upper moon is class 0, the lower one class 1, and the
 * boundary bends between them like a sine wave (as a small MLP's boundary does). */
const moonsGrid = gridOver(moons, (x, y) => sigmoid(-10 * (y - 0.2 * Math.sin(2.5 * x))));

const sine = createDataset({
  type: 'sine',
  samples: 120,
  noise: 0.1,
  validationFraction: 0.2,
  seed: 3,
});
/** A slightly underfit regression: the sine's shape, a little flattened. */
const sineGrid = gridOver(sine, (x) => 0.85 * Math.sin(Math.PI * x));

const meta = {
  title: 'Elements/optim-data-view',
  component: 'optim-data-view',
  tags: ['autodocs'],
  render: (args) =>
    html`<optim-data-view
      .data=${args.data}
      .grid=${args.grid}
      caption=${args.caption}
      description=${args.description}
    ></optim-data-view>`,
  args: {
    data: moons,
    grid: moonsGrid,
    caption: 'Run 1: Adam',
    description: 'validation accuracy 97%',
  },
  argTypes: {
    data: {
      control: false,
      description: "The points to draw (a DatasetView, from the trainer's getDataset()).",
    },
    grid: {
      control: false,
      description: "The model's predictions (a GridPrediction, from predictGrid()).",
    },
    caption: { control: 'text' },
    description: { control: 'text' },
  },
} satisfies Meta<DataViewArgs>;
export default meta;

type Story = StoryObj<DataViewArgs>;

async function view(canvasElement: HTMLElement): Promise<OptimDataView> {
  const el = canvasElement.querySelector('optim-data-view')!;
  await el.updateComplete;
  return el;
}
const picture = (el: OptimDataView) =>
  el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="canvas"]')!;

/** RGB of one backing-store pixel of the picture. */
function pixel(canvas: HTMLCanvasElement, x: number, y: number): [number, number, number] {
  const [r, g, b] = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data;
  return [r, g, b];
}

export const TwoMoonsWithBoundary: Story = {
  play: async ({ canvasElement }) => {
    const el = await view(canvasElement);
    const canvas = picture(el);
    await expect(canvas.getAttribute('role')).toBe('img');
    await expect(canvas.getAttribute('aria-label')).toBe(
      'Run 1: Adam. moons data: predicted class over the plane, training points as dots. ' +
        'validation accuracy 97%',
    );
    // The top-left corner lies far above the boundary (P(class 1) near 0), the bottom-right
    // far below it (near 1); both are outside the padded data, so no point covers them.
    // Class 0 is drawn orange (red > blue), class 1 blue, in light and dark palettes alike.
    const [topR, , topB] = pixel(canvas, 3, 3);
    const [bottomR, , bottomB] = pixel(canvas, canvas.width - 4, canvas.height - 4);
    await expect(topR).toBeGreaterThan(topB);
    await expect(bottomB).toBeGreaterThan(bottomR);
  },
};

export const SineRegression: Story = {
  args: { data: sine, grid: sineGrid, caption: 'Run 2: SGD', description: 'validation MSE 0.03' },
  play: async ({ canvasElement }) => {
    const el = await view(canvasElement);
    await expect(picture(el).getAttribute('aria-label')).toBe(
      "Run 2: SGD. sine data and the model's predictions. validation MSE 0.03",
    );
    await expect(el.shadowRoot!.querySelector('[part="caption"]')?.textContent).toBe('Run 2: SGD');
  },
};

export const PointsOnly: Story = {
  name: 'Points only (before the first prediction)',
  args: { grid: undefined, caption: 'Two moons', description: '' },
};

export const NoData: Story = {
  args: { data: undefined, grid: undefined, caption: 'Waiting for the trainer', description: '' },
  play: async ({ canvasElement }) => {
    const el = await view(canvasElement);
    await expect(picture(el).getAttribute('aria-label')).toBe(
      'Waiting for the trainer. no data yet',
    );
  },
};

/**
 * Edit mode, as the lab's data editor uses it: click or tap to add a point of the chosen
 * class, drag to move, or use the keys shown under the picture. The play function adds a
 * point from the keyboard and deletes another.
 */
export const Editing: Story = {
  render: () =>
    html`<optim-data-view
      editable
      caption="Your points"
      .points=${[
        [-0.5, 0.5, 1],
        [0.5, -0.5, 0],
      ]}
    ></optim-data-view>`,
  play: async ({ canvasElement }) => {
    const el = await view(canvasElement);
    const changes: number[] = [];
    el.addEventListener('change', () => changes.push(el.points.length));
    const cursor = el.shadowRoot!.querySelector<SVGElement>('.cursor-target')!;
    cursor.focus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect(el.points).toEqual([
      [-0.5, 0.5, 1],
      [0.5, -0.5, 0],
      [0, -0.06, 1],
    ]);
    // Page Down: the first point; Delete removes it.
    await userEvent.keyboard('{PageDown}{Delete}');
    await expect(el.points).toEqual([
      [0.5, -0.5, 0],
      [0, -0.06, 1],
    ]);
    await expect(changes).toEqual([3, 2]);
    await expect(el.shadowRoot!.querySelector('[part="edit-status"]')!.textContent!.trim()).toBe(
      'Deleted point 1 at x1 -0.5, x2 0.5; 2 left.',
    );
  },
};
