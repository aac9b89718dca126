// The surface config at the boundary: defaults from the function's data, and every error a
// ConfigError naming the field as the config writes it.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/protocol/validation';
import {
  DEFAULT_SURFACE_STEPS,
  MAX_SURFACE_RUNS,
  parseShorthand,
  parseSurfaceConfig,
  SHORTHAND_OPTIMIZERS,
  SURFACES,
} from '../../src/surface';

function configError(input: unknown): ConfigError {
  try {
    parseSurfaceConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const adam = { optimizer: { type: 'Adam' } };

describe('parseSurfaceConfig: defaults', () => {
  it("fills in the function's view, start and lr, PyTorch's defaults, and the step count", () => {
    const config = parseSurfaceConfig({ optimizers: 'SGD Nesterov Adam' });
    const spec = SURFACES.rosenbrock;
    expect(config.function).toBe('rosenbrock');
    expect(config.view).toEqual(spec.view);
    expect(config.start).toEqual(spec.start);
    expect(config.steps).toBe(DEFAULT_SURFACE_STEPS);
    expect(config.runs.map((run) => run.label)).toEqual(['SGD', 'Nesterov', 'Adam']);
    expect(config.runs[1].optimizer).toEqual({
      type: 'SGD',
      lr: spec.lr.Nesterov,
      momentum: 0.9,
      dampening: 0,
      weightDecay: 0,
      nesterov: true,
      maximize: false,
    });
    expect(config.runs[2].optimizer).toMatchObject({
      type: 'Adam',
      lr: spec.lr.Adam,
      betas: [0.9, 0.999],
      eps: 1e-8,
    });
    expect(config.runs[2].scheduler).toEqual({ type: 'None' });
    expect(config).not.toHaveProperty('condition');
    expect(config).not.toHaveProperty('expression');
  });

  it('is idempotent: a parsed config parses to itself', () => {
    const config = parseSurfaceConfig({
      function: 'quadratic',
      start: [1, 2],
      runs: [{ optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 5 } }],
      optimizers: 'Lookahead',
    });
    expect(config.condition).toBe(10);
    expect(parseSurfaceConfig(config)).toEqual(config);
  });

  it('every shorthand name is a valid run on every surface', () => {
    const config = parseSurfaceConfig({
      function: 'beale',
      optimizers: SHORTHAND_OPTIMIZERS.join(','),
    });
    expect(config.runs).toHaveLength(12);
    expect(config.runs[11].optimizer).toMatchObject({
      type: 'Lookahead',
      optimizer: { type: 'Adam', lr: SURFACES.beale.lr.Lookahead },
    });
  });

  it('numbers repeated default labels, keeps explicit ones, puts runs before the shorthand', () => {
    const config = parseSurfaceConfig({
      runs: [
        { optimizer: { type: 'SGD' } },
        { optimizer: { type: 'SGD', momentum: 0.5 } },
        { optimizer: { type: 'SGD' }, label: 'mine' },
        { optimizer: { type: 'SGD' }, scheduler: { type: 'StepLR', stepSize: 3 } },
      ],
      optimizers: 'SGD',
    });
    expect(config.runs.map((run) => run.label)).toEqual([
      'SGD',
      'SGD #2',
      'mine',
      'SGD + StepLR',
      'SGD',
    ]);
  });

  it('takes an expression, a condition, a view box and a start', () => {
    const config = parseSurfaceConfig({
      function: 'expression',
      expression: 'x ** 2 + 4 * y ** 2',
      view: { x: [-1, 1], y: [-2, 3] },
      start: [0.5, -1],
      steps: 7,
      runs: [adam],
    });
    expect(config).toMatchObject({
      expression: 'x ** 2 + 4 * y ** 2',
      view: { x: [-1, 1], y: [-2, 3] },
      start: [0.5, -1],
      steps: 7,
    });
  });
});

describe('parseSurfaceConfig: errors name the field', () => {
  it.each([
    [null, '', 'surface config must be an object'],
    [
      { function: 'bowl', runs: [adam] },
      'function',
      'must be one of rosenbrock, beale, himmelblau, saddle, quadratic, rastrigin, expression',
    ],
    [
      { stps: 3, runs: [adam] },
      'stps',
      'unknown field; allowed: function, expression, condition, start, view, steps, runs, optimizers',
    ],
    [{ start: [1], runs: [adam] }, 'start', 'must be a point [x, y] of two finite numbers'],
    [{ start: '1,2', runs: [adam] }, 'start', 'must be a point [x, y] of two finite numbers'],
    [
      { start: [1, Infinity], runs: [adam] },
      'start[1]',
      'must be a finite number in [-1000000, 1000000]',
    ],
    [
      { view: { x: [1, 0], y: [0, 1] }, runs: [adam] },
      'view.x',
      'must be [min, max] with min < max',
    ],
    [{ view: { x: [0, 1] }, runs: [adam] }, 'view.y', 'is required'],
    [
      { view: { x: [0, 1], y: [0, 1], z: [0, 1] }, runs: [adam] },
      'view.z',
      'unknown field; allowed: x, y',
    ],
    [{ steps: 0, runs: [adam] }, 'steps', 'must be an integer in [1, 10000]'],
    [{ steps: 2.5, runs: [adam] }, 'steps', 'must be an integer in [1, 10000]'],
    [{ steps: 10_001, runs: [adam] }, 'steps', 'must be an integer in [1, 10000]'],
    [{}, 'runs', 'give at least one run'],
    [{ runs: 'Adam' }, 'runs', 'must be an array of runs'],
    [{ runs: [{}] }, 'runs[0].optimizer', 'is required, e.g. { "type": "Adam" }'],
    [
      { runs: [adam, { opt: {} }] },
      'runs[1].opt',
      'unknown field; allowed: optimizer, scheduler, label',
    ],
    [{ runs: [{ ...adam, id: 'a' }] }, 'runs[0].id', 'unknown field'],
    [
      { runs: [{ optimizer: { type: 'Adam', lr: -1 } }] },
      'runs[0].optimizer.lr',
      'must be a finite number >= 0, got -1',
    ],
    [
      { runs: [{ optimizer: { type: 'Adam', betas: [1.2, 0.9] } }] },
      'runs[0].optimizer.betas[0]',
      'must be in [0, 1), got 1.2',
    ],
    [
      { runs: [{ ...adam, scheduler: { type: 'StepLR' } }] },
      'runs[0].scheduler.stepSize',
      'is required for StepLR',
    ],
    [{ runs: [{ ...adam, label: 7 }] }, 'runs[0].label', 'must be a string'],
    [
      { runs: Array.from({ length: MAX_SURFACE_RUNS + 1 }, () => adam) },
      'runs',
      'must contain at most 16 runs',
    ],
    [
      { runs: Array.from({ length: 15 }, () => adam), optimizers: 'SGD Adam' },
      'optimizers',
      'runs and optimizers together make more than 16 runs',
    ],
    [
      { optimizers: 'SGD Adamw' },
      'optimizers',
      'unknown optimizer "Adamw" (word 2); did you mean AdamW? allowed: SGD, SGD+momentum, Nesterov',
    ],
    [{ optimizers: ' , ' }, 'optimizers', 'must name at least one of SGD, SGD+momentum'],
    [{ optimizers: 3 }, 'optimizers', 'must be a string of optimizer names'],
    [
      { function: 'expression', runs: [adam] },
      'expression',
      "is required with function 'expression'",
    ],
    [
      { expression: 'x', runs: [adam] },
      'expression',
      "is only used with function 'expression' (function is 'rosenbrock')",
    ],
    [
      { function: 'saddle', condition: 3, runs: [adam] },
      'condition',
      "is only used with function 'quadratic'",
    ],
    [
      { function: 'quadratic', condition: 0, runs: [adam] },
      'condition',
      'must be a number in [0.0001, 10000]',
    ],
    [
      { function: 'expression', expression: 'x + z', runs: [adam] },
      'expression',
      'unknown name "z" at column 5; allowed: x, y, pi, e, min',
    ],
    [
      { function: 'expression', expression: 'sin(x', runs: [adam] },
      'expression',
      'missing ")" for "(" at column 4',
    ],
  ])('%j -> %s', (input, path, detail) => {
    const error = configError(input);
    expect(error.path).toBe(path);
    expect(error.detail).toContain(detail);
    expect(error.message).toBe(path ? `${path}: ${error.detail}` : error.detail);
  });
});

describe('parseShorthand', () => {
  it('takes names separated by spaces or commas, each with its surface lr', () => {
    const runs = parseShorthand(' SGD,Adam  RMSprop ', 'himmelblau');
    expect(runs.map((run) => run.optimizer)).toEqual([
      { type: 'SGD', lr: SURFACES.himmelblau.lr.SGD },
      { type: 'Adam', lr: SURFACES.himmelblau.lr.Adam },
      { type: 'RMSprop', lr: SURFACES.himmelblau.lr.RMSprop },
    ]);
  });
});
