/**
 * The built-in loss surfaces, as data in one place: each one's definition (in the expression
 * language, so the engine differentiates it like any user expression), its typeset form, the
 * view box and start the picture opens with, the points worth marking, and the lr each
 * shorthand optimizer gets on it (chosen so that every optimizer makes visible progress in
 * DEFAULT_SURFACE_STEPS steps without diverging, from its start and from four others: the
 * choice bench/surface-lr.mjs makes and explains).
 */
import type { Point, ShorthandOptimizer, SurfaceMark, SurfaceName, ViewBox } from './types';

export interface SurfaceSpec {
  title: string;
  /**
   * f(x, y) in the expression language; the quadratic's uses the constant `c`. Null for
   * 'expression', whose source is the config's.
   */
  source: string | null;
  /** The same formula as TeX, for KaTeX (null for 'expression'). */
  tex: string | null;
  view: ViewBox;
  start: Point;
  marks: SurfaceMark[];
  lr: Record<ShorthandOptimizer, number>;
}

/** The quadratic's default condition number c (a ravine ten times steeper across than along). */
export const DEFAULT_CONDITION = 10;

const minimum = (x: number, y: number): SurfaceMark => ({ x, y, value: 0, kind: 'minimum' });

export const SURFACES: Readonly<Record<SurfaceName, SurfaceSpec>> = {
  rosenbrock: {
    title: 'Rosenbrock',
    source: '(1 - x) ** 2 + 100 * (y - x ** 2) ** 2',
    tex: '(1 - x)^2 + 100\\,(y - x^2)^2',
    view: { x: [-2, 2], y: [-1, 3] },
    start: [-1.5, 2],
    marks: [minimum(1, 1)],
    lr: {
      SGD: 5e-4,
      'SGD+momentum': 5e-4,
      Nesterov: 1e-4,
      Adagrad: 0.2,
      Adadelta: 20,
      RMSprop: 0.02,
      Adam: 0.2,
      AdamW: 0.2,
      NAdam: 0.1,
      RAdam: 5e-4,
      Adamax: 0.2,
      Lookahead: 0.2,
    },
  },
  beale: {
    title: 'Beale',
    source: '(1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2',
    tex: '(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2',
    view: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
    start: [1, 1.5],
    marks: [minimum(3, 0.5)],
    lr: {
      SGD: 1e-4,
      'SGD+momentum': 1e-4,
      Nesterov: 5e-5,
      Adagrad: 0.5,
      Adadelta: 50,
      RMSprop: 0.05,
      Adam: 0.5,
      AdamW: 0.5,
      NAdam: 0.5,
      RAdam: 1e-4,
      Adamax: 0.5,
      Lookahead: 0.5,
    },
  },
  himmelblau: {
    title: 'Himmelblau',
    source: '(x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2',
    tex: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    view: { x: [-5, 5], y: [-5, 5] },
    start: [-0.5, -1],
    marks: [
      minimum(3, 2),
      minimum(-2.805118086952745, 3.131312518250573),
      minimum(-3.779310253377747, -3.28318599128617),
      minimum(3.584428340330492, -1.848126526964404),
    ],
    lr: {
      SGD: 0.01,
      'SGD+momentum': 5e-4,
      Nesterov: 0.005,
      Adagrad: 0.5,
      Adadelta: 10,
      RMSprop: 0.05,
      Adam: 0.5,
      AdamW: 0.5,
      NAdam: 0.1,
      RAdam: 0.01,
      Adamax: 0.5,
      Lookahead: 0.5,
    },
  },
  saddle: {
    title: 'Saddle',
    source: 'x ** 2 - y ** 2',
    tex: 'x^2 - y^2',
    view: { x: [-2, 2], y: [-2, 2] },
    start: [1.5, 0.01],
    marks: [{ x: 0, y: 0, value: 0, kind: 'saddle' }],
    lr: {
      SGD: 0.002,
      'SGD+momentum': 2e-4,
      Nesterov: 2e-4,
      Adagrad: 0.02,
      Adadelta: 0.1,
      RMSprop: 0.002,
      Adam: 0.005,
      AdamW: 0.005,
      NAdam: 0.005,
      RAdam: 0.02,
      Adamax: 0.005,
      Lookahead: 0.01,
    },
  },
  quadratic: {
    title: 'Quadratic',
    source: '0.5 * (x ** 2 + c * y ** 2)',
    tex: '\\tfrac{1}{2}\\,(x^2 + c\\,y^2)',
    view: { x: [-3, 3], y: [-2, 2] },
    start: [-2.5, 1.5],
    marks: [minimum(0, 0)],
    lr: {
      SGD: 0.02,
      'SGD+momentum': 0.02,
      Nesterov: 0.02,
      Adagrad: 0.5,
      Adadelta: 20,
      RMSprop: 0.05,
      Adam: 0.5,
      AdamW: 0.2,
      NAdam: 0.2,
      RAdam: 0.02,
      Adamax: 0.5,
      Lookahead: 0.5,
    },
  },
  rastrigin: {
    title: 'Rastrigin',
    source: '20 + x ** 2 - 10 * cos(2 * pi * x) + y ** 2 - 10 * cos(2 * pi * y)',
    tex: '20 + x^2 - 10\\cos(2\\pi x) + y^2 - 10\\cos(2\\pi y)',
    view: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
    start: [-3.3, 2.6],
    marks: [minimum(0, 0)],
    lr: {
      SGD: 0.002,
      'SGD+momentum': 5e-4,
      Nesterov: 0.002,
      Adagrad: 1,
      Adadelta: 2,
      RMSprop: 0.1,
      Adam: 0.5,
      AdamW: 0.5,
      NAdam: 0.02,
      RAdam: 0.002,
      Adamax: 0.5,
      Lookahead: 0.5,
    },
  },
  expression: {
    title: 'f(x, y)',
    source: null,
    tex: null,
    view: { x: [-3, 3], y: [-3, 3] },
    start: [2, 1.5],
    marks: [],
    lr: {
      SGD: 0.2,
      'SGD+momentum': 0.1,
      Nesterov: 0.1,
      Adagrad: 0.5,
      Adadelta: 10,
      RMSprop: 0.05,
      Adam: 0.5,
      AdamW: 0.5,
      NAdam: 0.2,
      RAdam: 0.2,
      Adamax: 0.5,
      Lookahead: 0.5,
    },
  },
};
