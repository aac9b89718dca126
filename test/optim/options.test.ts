import { describe, expect, it } from 'vitest';
import { optimizerOptionRule, parseOptimizerConfig } from '../../src/optim/config';
import { readOption, withDefaultLr, withOption } from '../../src/optim/options';

describe('one option of an optimizer config', () => {
  it('reads PyTorch defaults where the config leaves an option out', () => {
    // torch 1.13: Adam lr 1e-3, betas (0.9, 0.999); Adagrad lr 1e-2.
    expect(readOption({ type: 'Adam' }, 'lr')).toBe(1e-3);
    expect(readOption({ type: 'Adam' }, 'betas.1')).toBe(0.999);
    expect(readOption({ type: 'Adagrad', lr: 0.5 }, 'lr')).toBe(0.5);
  });

  it('on a Lookahead, k and alpha are its own and everything else is the inner optimizer', () => {
    const config = { type: 'Lookahead' as const, k: 3, optimizer: { type: 'SGD' as const } };
    expect(readOption(config, 'k')).toBe(3);
    expect(readOption(config, 'alpha')).toBe(0.5);
    expect(readOption(config, 'lr')).toBe(1e-3);
    expect(withOption(config, 'momentum', 0.9)).toEqual({
      type: 'Lookahead',
      k: 3,
      optimizer: { type: 'SGD', momentum: 0.9 },
    });
    expect(withOption(config, 'alpha', 0.8)).toEqual({ ...config, alpha: 0.8 });
  });

  it('sets one beta and keeps the other (its default when unset)', () => {
    expect(withOption({ type: 'AdamW' }, 'betas.0', 0.8)).toEqual({
      type: 'AdamW',
      betas: [0.8, 0.999],
    });
    expect(withOption({ type: 'Adam', betas: [0.9, 0.99] }, 'betas', [0.5, 0.6])).toEqual({
      type: 'Adam',
      betas: [0.5, 0.6],
    });
  });

  it('withDefaultLr fills an lr only where none is set', () => {
    expect(withDefaultLr({ type: 'SGD' }, 0.1)).toEqual({ type: 'SGD', lr: 0.1 });
    const set = { type: 'SGD' as const, lr: 0.5 };
    expect(withDefaultLr(set, 0.1)).toBe(set);
    expect(withDefaultLr({ type: 'Lookahead', optimizer: { type: 'Adam' } }, 0.1)).toEqual({
      type: 'Lookahead',
      optimizer: { type: 'Adam', lr: 0.1 },
    });
  });
});

describe('optimizerOptionRule: the range the parser enforces, as data', () => {
  it.each([
    ['SGD', 'lr', { min: 0 }],
    ['Adam', 'eps', { min: 0, minOpen: true }],
    ['Adam', 'betas.0', { min: 0, max: 1, maxOpen: true }],
    ['RMSprop', 'alpha', { min: 0, max: 1 }],
    ['Lookahead', 'k', { min: 1, integer: true }],
  ] as const)('%s %s', (type, key, rule) => {
    expect(optimizerOptionRule(type, key)).toEqual(rule);
  });

  it('agrees with the parser at the edges of each rule', () => {
    expect(() => parseOptimizerConfig({ type: 'Adam', eps: 0 })).toThrow(/eps/);
    expect(() => parseOptimizerConfig({ type: 'Adam', betas: [0.999, 0.9] })).not.toThrow();
    expect(() => parseOptimizerConfig({ type: 'Adam', betas: [1, 0.9] })).toThrow(/betas\[0\]/);
    expect(optimizerOptionRule('SGD', 'nesterov')).toBeUndefined();
    expect(optimizerOptionRule('SGD', 'betas.0')).toBeUndefined();
  });
});
