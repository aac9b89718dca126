import { describe, expect, it } from 'vitest';
import {
  createOptimizer,
  optimizerDefaults,
  OPTIMIZER_TYPES,
  parseOptimizerConfig,
} from '../../src/optim';

/** Calls parseOptimizerConfig and returns the error message it throws. */
function errorOf(input: unknown): string {
  try {
    parseOptimizerConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseOptimizerConfig: good input', () => {
  it('fills in PyTorch 1.13 defaults', () => {
    // Values from the torch.optim constructors' signatures.
    expect(parseOptimizerConfig({ type: 'Adam' })).toEqual({
      type: 'Adam',
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    expect(parseOptimizerConfig({ type: 'AdamW' })).toMatchObject({ weightDecay: 1e-2 });
    expect(parseOptimizerConfig({ type: 'NAdam' })).toMatchObject({
      lr: 2e-3,
      momentumDecay: 4e-3,
    });
    expect(parseOptimizerConfig({ type: 'Adamax' })).toMatchObject({ lr: 2e-3 });
    expect(parseOptimizerConfig({ type: 'Adagrad' })).toEqual({
      type: 'Adagrad',
      lr: 1e-2,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      maximize: false,
    });
    expect(parseOptimizerConfig({ type: 'Adadelta' })).toMatchObject({
      lr: 1,
      rho: 0.9,
      eps: 1e-6,
    });
    expect(parseOptimizerConfig({ type: 'RMSprop' })).toMatchObject({
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      momentum: 0,
      centered: false,
    });
    expect(parseOptimizerConfig({ type: 'SGD', lr: 0.1 })).toEqual({
      type: 'SGD',
      lr: 0.1,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
    });
  });

  it('keeps given options and fills the Lookahead inner config too', () => {
    expect(
      parseOptimizerConfig({
        type: 'Lookahead',
        k: 3,
        optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
      }),
    ).toEqual({
      type: 'Lookahead',
      k: 3,
      alpha: 0.5,
      optimizer: {
        type: 'SGD',
        lr: 0.1,
        momentum: 0.9,
        dampening: 0,
        weightDecay: 0,
        nesterov: false,
        maximize: false,
      },
    });
  });

  it('treats an explicit undefined as "use the default"', () => {
    expect(parseOptimizerConfig({ type: 'Adam', lr: undefined })).toMatchObject({ lr: 1e-3 });
  });

  it('accepts the edges of every range', () => {
    expect(() =>
      parseOptimizerConfig({ type: 'Adam', lr: 0, betas: [0, 0.999999], weightDecay: 0 }),
    ).not.toThrow();
    expect(() => parseOptimizerConfig({ type: 'RMSprop', alpha: 1 })).not.toThrow();
    expect(() =>
      parseOptimizerConfig({ type: 'Lookahead', k: 1, alpha: 1, optimizer: { type: 'SGD' } }),
    ).not.toThrow();
    expect(() =>
      parseOptimizerConfig({ type: 'SGD', momentum: 0.9, nesterov: true }),
    ).not.toThrow();
  });

  it('optimizerDefaults gives a full, independent config for every type', () => {
    for (const type of OPTIMIZER_TYPES) {
      const defaults = optimizerDefaults(type);
      expect(defaults.type).toBe(type);
      // The defaults are themselves a valid config, and parse to themselves.
      expect(parseOptimizerConfig(defaults)).toEqual(defaults);
    }
    const a = optimizerDefaults('Adam');
    (a as { lr: number }).lr = 5;
    expect(optimizerDefaults('Adam').lr).toBe(1e-3);
  });
});

describe('parseOptimizerConfig: bad input names the field and what is allowed', () => {
  it.each([
    [
      { type: 'Adamm' },
      /^optimizer\.type: unknown optimizer "Adamm"; expected one of SGD, Adam, AdamW, NAdam, RAdam, Adamax, Adagrad, Adadelta, RMSprop, Lookahead$/,
    ],
    [{ lr: 0.1 }, /^optimizer\.type: required; expected one of SGD, /],
    [{ type: 7 }, /^optimizer\.type: unknown optimizer 7; expected one of /],
    ['Adam', /^optimizer: must be an optimizer config object with a "type", got "Adam"/],
    [null, /^optimizer: must be an optimizer config object/],
    [{ type: 'Adam', lr: Number.NaN }, /^optimizer\.lr: must be a finite number >= 0, got NaN$/],
    [{ type: 'Adam', lr: -0.1 }, /^optimizer\.lr: must be a finite number >= 0, got -0\.1$/],
    [
      { type: 'SGD', lr: Number.POSITIVE_INFINITY },
      /^optimizer\.lr: must be a finite number >= 0, got Infinity$/,
    ],
    [{ type: 'SGD', lr: '0.1' }, /^optimizer\.lr: must be a finite number >= 0, got "0\.1"$/],
    [
      { type: 'Adam', betas: [1.2, 0.999] },
      /^optimizer\.betas\[0\]: must be in \[0, 1\), got 1\.2$/,
    ],
    [{ type: 'NAdam', betas: [0.9, 1] }, /^optimizer\.betas\[1\]: must be in \[0, 1\), got 1$/],
    [
      { type: 'Adam', betas: [0.9] },
      /^optimizer\.betas: must be a pair \[beta1, beta2\] of numbers in \[0, 1\)/,
    ],
    [{ type: 'Adam', betas: [0.9, 0.99, 0.5] }, /^optimizer\.betas: must be a pair/],
    [{ type: 'Adam', eps: 0 }, /^optimizer\.eps: must be a finite number > 0, got 0$/],
    [{ type: 'Adagrad', eps: -1e-10 }, /^optimizer\.eps: must be a finite number > 0, got -1e-10$/],
    [
      { type: 'SGD', momentum: -0.5 },
      /^optimizer\.momentum: must be a finite number >= 0, got -0\.5$/,
    ],
    [{ type: 'SGD', weightDecay: -1 }, /^optimizer\.weightDecay: must be a finite number >= 0/],
    [
      { type: 'SGD', nesterov: true },
      /^optimizer\.nesterov: nesterov momentum requires momentum > 0 and dampening = 0$/,
    ],
    [
      { type: 'SGD', nesterov: true, momentum: 0.9, dampening: 0.1 },
      /^optimizer\.nesterov: nesterov momentum requires/,
    ],
    [{ type: 'SGD', nesterov: 'yes' }, /^optimizer\.nesterov: must be true or false, got "yes"$/],
    [{ type: 'Adam', amsgrad: 1 }, /^optimizer\.amsgrad: must be true or false, got 1$/],
    [{ type: 'RMSprop', alpha: 1.5 }, /^optimizer\.alpha: must be in \[0, 1\], got 1\.5$/],
    [{ type: 'Adadelta', rho: -0.1 }, /^optimizer\.rho: must be in \[0, 1\], got -0\.1$/],
    [{ type: 'Adagrad', lrDecay: -1 }, /^optimizer\.lrDecay: must be a finite number >= 0/],
    [
      { type: 'Adagrad', initialAccumulatorValue: -1 },
      /^optimizer\.initialAccumulatorValue: must be a finite number >= 0/,
    ],
    [
      { type: 'NAdam', momentumDecay: -1 },
      /^optimizer\.momentumDecay: must be a finite number >= 0/,
    ],
    [
      { type: 'Adam', learningRate: 0.1 },
      /^optimizer\.learningRate: unknown option for Adam; allowed options are type, lr, betas, eps, weightDecay, maximize, amsgrad$/,
    ],
    [
      { type: 'SGD', weight_decay: 0.1 },
      /^optimizer\.weight_decay: unknown option for SGD; did you mean weightDecay\? allowed options are type, lr, momentum, dampening, weightDecay, nesterov, maximize$/,
    ],
    [{ type: 'RAdam', amsgrad: true }, /^optimizer\.amsgrad: unknown option for RAdam; allowed/],
    [
      { type: 'Adam', beta: [0.9, 0.99] },
      /^optimizer\.beta: unknown option for Adam; did you mean betas\? /,
    ],
    [
      { type: 'Adagrad', lr_decay: 0.1 },
      /^optimizer\.lr_decay: unknown option for Adagrad; did you mean lrDecay\? /,
    ],
    [
      { type: 'Lookahead', k: 0, optimizer: { type: 'SGD' } },
      /^optimizer\.k: must be an integer >= 1, got 0$/,
    ],
    [
      { type: 'Lookahead', k: 2.5, optimizer: { type: 'SGD' } },
      /^optimizer\.k: must be an integer >= 1, got 2\.5$/,
    ],
    [
      { type: 'Lookahead', alpha: 1.1, optimizer: { type: 'SGD' } },
      /^optimizer\.alpha: must be in \[0, 1\], got 1\.1$/,
    ],
    [{ type: 'Lookahead' }, /^optimizer\.optimizer: required; /],
    [
      { type: 'Lookahead', optimizer: { type: 'Adam', lr: -1 } },
      /^optimizer\.optimizer\.lr: must be a finite number >= 0, got -1$/,
    ],
    [
      { type: 'Lookahead', optimizer: { type: 'Lookahead', optimizer: { type: 'SGD' } } },
      /^optimizer\.optimizer\.type: Lookahead cannot wrap another Lookahead; expected one of SGD, .*RMSprop$/,
    ],
    [
      { type: 'Lookahead', optimizer: { type: 'SGD' }, slowLr: 1 },
      /^optimizer\.slowLr: unknown option for Lookahead; allowed options are type, k, alpha, optimizer$/,
    ],
  ])('%j', (input, pattern) => {
    expect(errorOf(input)).toMatch(pattern);
  });

  it('reports every problem, one per line', () => {
    const lines = errorOf({ type: 'Adam', lr: -1, eps: 0, foo: 1 }).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.startsWith('optimizer.lr:'))).toBe(true);
    expect(lines.some((line) => line.startsWith('optimizer.eps:'))).toBe(true);
    expect(lines.some((line) => line.startsWith('optimizer.foo:'))).toBe(true);
  });

  it('uses the caller-given path', () => {
    expect(() => parseOptimizerConfig({ type: 'Adam', lr: -1 }, 'experiment.optimizer')).toThrow(
      /^experiment\.optimizer\.lr: /,
    );
  });

  it('createOptimizer validates with the same rules', () => {
    expect(() => createOptimizer({ type: 'Adam', betas: [1.2, 0.9] })).toThrow(
      /optimizer\.betas\[0\]/,
    );
  });

  it('optimizerDefaults rejects an unknown type', () => {
    expect(() => optimizerDefaults('Adamm' as 'Adam')).toThrow(/unknown optimizer "Adamm"/);
  });
});
