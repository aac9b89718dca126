// <optim-data-view editable> in real Chromium: points added, dragged and deleted through
// real pointer events (Playwright's mouse, and touch through the DevTools protocol), the
// whole editor driven from the keyboard, the cap, and the words a screen reader hears.
// Expected coordinates are derived from where the test presses: a press at fraction
// (fx, fy) of the default plane [-1.2, 1.2]^2 lands at x = -1.2 + 2.4 fx, y = 1.2 - 2.4 fy.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import '../../components/optim-data-view/index';
import type { OptimDataView } from '../../components/optim-data-view/index';
import { KEY_STEP } from '../../components/optim-data-view/point-editing';
import { deepActiveElement } from './support/focus';

const views: OptimDataView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.remove();
});

async function mount(props: Partial<OptimDataView> = {}): Promise<OptimDataView> {
  const view = Object.assign(document.createElement('optim-data-view'), {
    editable: true,
    ...props,
  });
  // 240 px: every test position below is a whole pixel.
  view.style.setProperty('--data-view-size', '240px');
  document.body.prepend(view);
  views.push(view);
  await view.updateComplete;
  return view;
}

const plane = (view: OptimDataView) =>
  view.shadowRoot!.querySelector<SVGSVGElement>('[part="points"]')!;
const marks = (view: OptimDataView) => [...view.shadowRoot!.querySelectorAll<SVGElement>('.point')];
const status = (view: OptimDataView) =>
  view.shadowRoot!.querySelector('[part="edit-status"]')!.textContent!.trim();

/** Plane coordinates of a press at fraction (fx, fy) of the default plane. */
const at = (fx: number, fy: number) => [-1.2 + 2.4 * fx, 1.2 - 2.4 * fy];

function record(view: OptimDataView): { input: number; change: number } {
  const counts = { input: 0, change: 0 };
  view.addEventListener('input', () => counts.input++);
  view.addEventListener('change', () => counts.change++);
  return counts;
}

describe('<optim-data-view editable> with a pointer', () => {
  it('a click adds a point of the chosen class where it lands', async () => {
    const view = await mount();
    const events = record(view);
    expect(plane(view).getBoundingClientRect().width).toBe(240);
    await userEvent.click(plane(view), { position: { x: 180, y: 60 } });
    await view.updateComplete;
    const [x, y] = at(0.75, 0.25);
    expect(view.points).toHaveLength(1);
    expect(view.points[0][0]).toBeCloseTo(x, 3);
    expect(view.points[0][1]).toBeCloseTo(y, 3);
    expect(view.points[0][2]).toBe(1);
    expect(events.change).toBe(1);
    // The class toggle: a real click on the label of class 0.
    const radios = view.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    await userEvent.click(radios[0]);
    expect(view.pointClass).toBe(0);
    await userEvent.click(plane(view), { position: { x: 60, y: 180 } });
    await view.updateComplete;
    expect(view.points).toHaveLength(2);
    expect(view.points[1][2]).toBe(0);
    expect(view.points[1][0]).toBeCloseTo(at(0.25, 0.75)[0], 3);
    expect(marks(view).map((m) => m.getAttribute('aria-label'))).toEqual([
      'Point 1 of 2: class 1 at x1 0.6, x2 0.6',
      'Point 2 of 2: class 0 at x1 -0.6, x2 -0.6',
    ]);
    expect(status(view)).toBe('Added point 2 of 2: class 0 at x1 -0.6, x2 -0.6.');
  });

  it('dragging a point moves it (input while it moves, one change at the end)', async () => {
    const view = await mount({ points: [[0, 0, 1]] });
    const events = record(view);
    // The point (0, 0) is drawn at the centre; drag it 30 px right and 60 px down.
    await userEvent.dragAndDrop(plane(view), plane(view), {
      sourcePosition: { x: 120, y: 120 },
      targetPosition: { x: 150, y: 180 },
    });
    await view.updateComplete;
    expect(view.points).toHaveLength(1);
    const [x, y] = at(150 / 240, 180 / 240);
    expect(view.points[0][0]).toBeCloseTo(x, 3);
    expect(view.points[0][1]).toBeCloseTo(y, 3);
    expect(view.points[0][2]).toBe(1);
    expect(events.input).toBeGreaterThan(0);
    expect(events.change).toBe(1);
  });

  it('a press near a point takes it instead of adding one; Delete removes it', async () => {
    const view = await mount({
      points: [
        [0, 0, 1],
        [0.6, 0.6, 0],
      ],
    });
    await userEvent.click(plane(view), { position: { x: 126, y: 116 } });
    await view.updateComplete;
    expect(view.points).toHaveLength(2);
    expect(view.selectedPoint).toBe(0);
    expect(deepActiveElement()).toBe(marks(view)[0]);
    await userEvent.keyboard('{Delete}');
    await view.updateComplete;
    expect(view.points).toEqual([[0.6, 0.6, 0]]);
    // Focus went to the point that took its place.
    expect(deepActiveElement()).toBe(marks(view)[0]);
    const button = view.shadowRoot!.querySelector<HTMLButtonElement>('[part="delete-point"]')!;
    await userEvent.click(button);
    await view.updateComplete;
    expect(view.points).toEqual([]);
  });

  it('a touch on the plane adds a point (touch events, as a phone sends them)', async () => {
    const view = await mount({ task: 'regression' });
    expect(getComputedStyle(plane(view)).touchAction).toBe('none');
    // The DevTools protocol takes top-level page coordinates; the test page is a (scaled)
    // iframe of Vitest's runner page.
    const box = plane(view).getBoundingClientRect();
    const frame = window.frameElement?.getBoundingClientRect() ?? new DOMRect(0, 0, innerWidth);
    const scale = frame.width / innerWidth;
    const touch = {
      x: frame.left + (box.left + 60) * scale,
      y: frame.top + (box.top + 120) * scale,
    };
    const downs: PointerEvent[] = [];
    plane(view).addEventListener('pointerdown', (event) => downs.push(event));
    await cdp().send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [touch] });
    await cdp().send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await view.updateComplete;
    expect(downs.map((event) => event.pointerType)).toEqual(['touch']);
    const [x, y] = at((downs[0].clientX - box.left) / 240, (downs[0].clientY - box.top) / 240);
    expect(x).toBeCloseTo(at(0.25, 0.5)[0], 1);
    expect(view.points).toHaveLength(1);
    expect(view.points[0]).toHaveLength(2);
    expect(view.points[0][0]).toBeCloseTo(x, 3);
    expect(view.points[0][1]).toBeCloseTo(y, 3);
  });

  it('stops at maxPoints and says why', async () => {
    const view = await mount({ points: [[0, 0, 1]], maxPoints: 1 });
    const events = record(view);
    await userEvent.click(plane(view), { position: { x: 20, y: 20 } });
    await view.updateComplete;
    expect(view.points).toHaveLength(1);
    expect(events.change).toBe(0);
    expect(status(view)).toBe('This dataset holds at most 1 points: delete some to add more.');
  });
});

describe('<optim-data-view editable> from the keyboard', () => {
  it('adds at the cursor, goes through points, moves, re-classes and deletes them', async () => {
    const view = await mount({ points: [[-0.5, 0.5, 0]] });
    const step = 2.4 * KEY_STEP.fine;
    const before = document.createElement('button');
    document.body.prepend(before);
    before.focus();
    // Tab: the class toggle (one stop for the radio group), then the plane's roving stop.
    await userEvent.keyboard('{Tab}{Tab}');
    before.remove();
    const cursor = deepActiveElement()!;
    expect(cursor.getAttribute('class')).toBe('cursor-target');
    expect(cursor.matches(':focus-visible')).toBe(true);
    expect(getComputedStyle(cursor).outlineStyle).toBe('solid');
    expect(cursor.getAttribute('aria-label')).toBe(
      'Cursor at x1 0, x2 0: Enter adds a point of class 1 here',
    );
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowUp}{Enter}');
    await view.updateComplete;
    expect(view.points).toHaveLength(2);
    expect(view.points[1][0]).toBeCloseTo(2 * step, 6);
    expect(view.points[1][1]).toBeCloseTo(step, 6);
    expect(view.points[1][2]).toBe(1);
    // Page Down: the first point; Shift+ArrowDown moves it a coarse step down.
    await userEvent.keyboard('{PageDown}');
    expect(deepActiveElement()).toBe(marks(view)[0]);
    expect(deepActiveElement()!.getAttribute('aria-label')).toBe(
      'Point 1 of 2: class 0 at x1 -0.5, x2 0.5',
    );
    await userEvent.keyboard('{Shift>}{ArrowDown}{/Shift}');
    await view.updateComplete;
    expect(view.points[0][1]).toBeCloseTo(0.5 - 2.4 * KEY_STEP.coarse, 6);
    // Enter on a point switches its class.
    await userEvent.keyboard('{Enter}');
    await view.updateComplete;
    expect(view.points[0][2]).toBe(1);
    // Backspace deletes it; End goes to the last point, Home back to the cursor.
    await userEvent.keyboard('{Backspace}');
    await view.updateComplete;
    expect(view.points).toHaveLength(1);
    await userEvent.keyboard('{Home}');
    expect(deepActiveElement()).toBe(cursor);
    await userEvent.keyboard('{End}');
    expect(deepActiveElement()).toBe(marks(view)[0]);
    // Only one stop in the tab order: Tab leaves the plane for the delete button.
    await userEvent.keyboard('{Tab}');
    expect(deepActiveElement()?.getAttribute('part')).toBe('delete-point');
  });

  it('keeps points inside the plane', async () => {
    const view = await mount({ points: [[1.19, 0, 1]] });
    marks(view)[0].focus();
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    await view.updateComplete;
    expect(view.points[0][0]).toBeCloseTo(1.2, 6);
  });

  it('is accessible (axe) with points, in edit mode', async () => {
    const view = await mount({
      points: [
        [0, 0, 1],
        [0.5, -0.5, 0],
      ],
    });
    const result = await axe.run(view);
    expect(result.violations.map((v) => [v.id, v.nodes.map((n) => n.html)])).toEqual([]);
  });
});
