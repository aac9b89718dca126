// The built-in surfaces: each definition against its textbook formula and gradient written
// out by hand, the marked minima really minima, and the data the picture opens with sane.
import { describe, expect, it } from 'vitest';
import {
  createSurface,
  DEFAULT_CONDITION,
  SHORTHAND_OPTIMIZERS,
  SURFACE_NAMES,
  SURFACES,
} from '../../src/surface';
import type { SurfaceName } from '../../src/surface';

type Pair = [number, number];
const PI2 = 2 * Math.PI;
const C = DEFAULT_CONDITION;

/** f and ∇f from the formulas, differentiated by hand. */
const CLOSED_FORMS: Record<
  Exclude<SurfaceName, 'expression'>,
  [(x: number, y: number) => number, (x: number, y: number) => Pair]
> = {
  rosenbrock: [
    (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  ],
  beale: [
    (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    (x, y) => {
      const a = 1.5 - x + x * y;
      const b = 2.25 - x + x * y * y;
      const c = 2.625 - x + x * y ** 3;
      return [
        2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1),
        2 * a * x + 4 * b * x * y + 6 * c * x * y * y,
      ];
    },
  ],
  himmelblau: [
    (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    (x, y) => [
      4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
      2 * (x * x + y - 11) + 4 * y * (x + y * y - 7),
    ],
  ],
  saddle: [(x, y) => x * x - y * y, (x, y) => [2 * x, -2 * y]],
  quadratic: [(x, y) => 0.5 * (x * x + C * y * y), (x, y) => [x, C * y]],
  rastrigin: [
    (x, y) => 20 + x * x - 10 * Math.cos(PI2 * x) + y * y - 10 * Math.cos(PI2 * y),
    (x, y) => [2 * x + 10 * PI2 * Math.sin(PI2 * x), 2 * y + 10 * PI2 * Math.sin(PI2 * y)],
  ],
};

const BUILT_IN = SURFACE_NAMES.filter(
  (name) => name !== 'expression',
) as (keyof typeof CLOSED_FORMS)[];

function grid(name: SurfaceName): Pair[] {
  const { x, y } = SURFACES[name].view;
  const out: Pair[] = [];
  for (let i = 0; i <= 6; i++)
    for (let j = 0; j <= 6; j++)
      out.push([x[0] + ((x[1] - x[0]) * (i + 0.37)) / 7, y[0] + ((y[1] - y[0]) * (j + 0.61)) / 7]);
  return out;
}

describe('built-in surfaces', () => {
  it.each(BUILT_IN)('%s: f and ∇f equal the closed form over the view box', (name) => {
    const surface = createSurface({ function: name });
    const [f, grad] = CLOSED_FORMS[name];
    const g: Pair = [NaN, NaN];
    for (const [x, y] of grid(name)) {
      const value = surface.valueAndGradient(x, y, g);
      expect(value).toBeCloseTo(f(x, y), 9);
      const [gx, gy] = grad(x, y);
      const scale = Math.max(1, Math.hypot(gx, gy));
      expect(Math.abs(g[0] - gx) / scale).toBeLessThan(1e-12);
      expect(Math.abs(g[1] - gy) / scale).toBeLessThan(1e-12);
    }
  });

  it.each(BUILT_IN)(
    '%s: its marks are where f is stationary, minima at the value marked',
    (name) => {
      const surface = createSurface({ function: name });
      const g: Pair = [NaN, NaN];
      expect(surface.marks.length).toBeGreaterThan(0);
      for (const mark of surface.marks) {
        expect(surface.valueAndGradient(mark.x, mark.y, g)).toBeCloseTo(mark.value, 9);
        expect(Math.hypot(...g)).toBeLessThan(1e-9);
        if (mark.kind === 'minimum') {
          // Lower than every point a small step away in eight directions.
          for (let a = 0; a < 8; a++) {
            const x = mark.x + 1e-3 * Math.cos((a * Math.PI) / 4);
            const y = mark.y + 1e-3 * Math.sin((a * Math.PI) / 4);
            expect(surface.value(x, y)).toBeGreaterThan(mark.value);
          }
        }
      }
    },
  );

  it.each(SURFACE_NAMES)(
    '%s: start and marks lie inside the view box; an lr for every shorthand',
    (name) => {
      const spec = SURFACES[name];
      const inside = ([x, y]: Pair) =>
        x > spec.view.x[0] && x < spec.view.x[1] && y > spec.view.y[0] && y < spec.view.y[1];
      expect(spec.view.x[0]).toBeLessThan(spec.view.x[1]);
      expect(spec.view.y[0]).toBeLessThan(spec.view.y[1]);
      expect(inside(spec.start)).toBe(true);
      for (const mark of spec.marks) expect(inside([mark.x, mark.y])).toBe(true);
      expect(Object.keys(spec.lr).sort()).toEqual([...SHORTHAND_OPTIMIZERS].sort());
      for (const lr of Object.values(spec.lr)) expect(lr).toBeGreaterThan(0);
    },
  );

  it("the quadratic's condition is the constant c", () => {
    const surface = createSurface({ function: 'quadratic', condition: 50 });
    expect(surface.constants.get('c')).toBe(50);
    expect(surface.value(1, 2)).toBe(0.5 * (1 + 50 * 4));
  });

  it('an expression surface evaluates its source and has no marks', () => {
    const surface = createSurface({ function: 'expression', expression: 'x * y + 1' });
    expect(surface.value(2, 3)).toBe(7);
    expect(surface.source).toBe('x * y + 1');
    expect(surface.marks).toEqual([]);
  });
});
