// <loss-surface>'s attributes as one validated config: a preset is the base and each
// attribute replaces its part; text becomes values ("x,y", "x0,x1,y0,y1", JSON runs); a bad
// attribute is reported naming it (with the config's own wording of what is allowed) and left
// out, so the rest still makes a picture.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZERS,
  readSurfaceAttributes,
} from '../../components/loss-surface/attributes';
import { PRESET_IDS } from '../../components/loss-surface/presets';
import { MAX_SURFACE_STEPS, SURFACES } from '../../src/surface/index';

const messages = (read: ReturnType<typeof readSurfaceAttributes>) =>
  read.problems.map((p) => [p.attribute, p.message]);

describe('readSurfaceAttributes', () => {
  it('without attributes: Rosenbrock from its default start, with the default runs', () => {
    const read = readSurfaceAttributes({});
    expect(read.problems).toEqual([]);
    expect(read.config?.function).toBe('rosenbrock');
    expect(read.config?.start).toEqual(SURFACES.rosenbrock.start);
    expect(read.config?.runs.map((r) => r.label)).toEqual(['SGD + momentum', 'Adam']);
    expect(DEFAULT_OPTIMIZERS).toBe('SGD+momentum Adam');
  });

  it('reads start, view, steps, condition and the runs', () => {
    const read = readSurfaceAttributes({
      function: 'quadratic',
      condition: '25',
      start: '(1.5, -0.5)',
      view: '-2, 2, -1, 1',
      steps: '40',
      runs: '{"optimizer":{"type":"SGD","lr":0.01},"label":"plain"}',
      optimizers: 'Adam',
    });
    expect(read.problems).toEqual([]);
    expect(read.config).toMatchObject({
      function: 'quadratic',
      condition: 25,
      start: [1.5, -0.5],
      view: { x: [-2, 2], y: [-1, 1] },
      steps: 40,
    });
    expect(read.config?.runs.map((r) => r.label)).toEqual(['plain', 'Adam']);
  });

  it('an attribute replaces its part of the preset; another function drops its start and c', () => {
    const read = readSurfaceAttributes({ preset: 'momentum-vs-nesterov', steps: '20' });
    expect(read.preset?.id).toBe('momentum-vs-nesterov');
    expect(read.config).toMatchObject({ function: 'quadratic', condition: 50, steps: 20 });
    expect(read.config?.runs.map((r) => r.label)).toEqual(['SGD + momentum', 'Nesterov']);
    const moved = readSurfaceAttributes({ preset: 'saddle', function: 'beale' });
    expect(moved.problems).toEqual([]);
    expect(moved.config?.start).toEqual(SURFACES.beale.start);
    const rerun = readSurfaceAttributes({ preset: 'optimizer-zoo', optimizers: 'SGD' });
    expect(rerun.config?.runs.map((r) => r.label)).toEqual(['SGD']);
  });

  it('names a bad attribute, says what is allowed, and leaves it out', () => {
    const start = readSurfaceAttributes({ start: '1', function: 'beale' });
    expect(messages(start)).toEqual([
      ['start', 'start: expected 2 numbers separated by commas, e.g. "-1.5,2", got "1"'],
    ]);
    expect(start.config?.start).toEqual(SURFACES.beale.start);

    const view = readSurfaceAttributes({ view: '0,1,2' });
    expect(messages(view)[0][1]).toBe(
      'view: expected 4 numbers separated by commas, e.g. "-2,2,-1,3", got "0,1,2" (x min, x max, y min, y max)',
    );
    const inverted = readSurfaceAttributes({ view: '1,0,0,1' });
    expect(messages(inverted)).toEqual([
      ['view', 'view: must be [min, max] with min < max (view.x)'],
    ]);

    const steps = readSurfaceAttributes({ steps: '0' });
    expect(messages(steps)).toEqual([
      ['steps', `steps: must be an integer in [1, ${MAX_SURFACE_STEPS}]`],
    ]);
    expect(steps.config?.steps).toBe(300);

    const fn = readSurfaceAttributes({ function: 'rosenbrok' });
    expect(messages(fn)[0][0]).toBe('function');
    expect(messages(fn)[0][1]).toContain('must be one of rosenbrock, beale');
    expect(fn.config?.function).toBe('rosenbrock');
  });

  it('a run the optimizer parser refuses names the attribute and the field', () => {
    const read = readSurfaceAttributes({ runs: '[{"optimizer":{"type":"Adam","lr":-1}}]' });
    expect(messages(read)).toEqual([
      ['runs', 'runs: must be a finite number >= 0, got -1 (runs[0].optimizer.lr)'],
    ]);
    // The default runs take over.
    expect(read.config?.runs.map((r) => r.label)).toEqual(['SGD + momentum', 'Adam']);
    expect(messages(readSurfaceAttributes({ runs: '[{"optimizer"' }))[0][1]).toMatch(
      /^runs: not valid JSON/,
    );
    const shorthand = readSurfaceAttributes({ optimizers: 'SGD adamw' });
    expect(messages(shorthand)[0][1]).toContain(
      'unknown optimizer "adamw" (word 2); did you mean AdamW?',
    );
  });

  it('condition only with the quadratic, an expression only with function="expression"', () => {
    expect(messages(readSurfaceAttributes({ condition: '5' }))).toEqual([
      ['condition', "condition: is only used with function 'quadratic' (function is 'rosenbrock')"],
    ]);
    const missing = readSurfaceAttributes({ function: 'expression' });
    expect(missing.config).toBeUndefined();
    expect(messages(missing)[0][0]).toBe('expression');
    const bad = readSurfaceAttributes({ function: 'expression', expression: 'x +* y' });
    expect(messages(bad)[0]).toEqual(['expression', 'expression: unexpected "*" at column 4']);
    const good = readSurfaceAttributes({
      function: 'expression',
      expression: 'x ** 2 + 3 * y ** 2',
    });
    expect(good.problems).toEqual([]);
    expect(good.config?.expression).toBe('x ** 2 + 3 * y ** 2');
  });

  it('an unknown preset lists the presets', () => {
    const read = readSurfaceAttributes({ preset: 'zoo' });
    expect(messages(read)).toEqual([
      ['preset', `preset: expected one of ${PRESET_IDS.join(', ')}, got "zoo"`],
    ]);
    expect(read.config?.function).toBe('rosenbrock');
  });
});
