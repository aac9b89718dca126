import { describe, expect, it } from 'vitest';
import {
  checkNumber,
  describeRule,
  formatNumber,
  satisfiesRule,
} from '../../../components/shared/number-rule';

describe('number rules', () => {
  it('describes ranges in interval notation', () => {
    expect(describeRule({ min: 0, max: 1, maxOpen: true })).toBe('a number in [0, 1)');
    expect(describeRule({ min: 0, minOpen: true })).toBe('a number > 0');
    expect(describeRule({ min: 1, integer: true })).toBe('an integer ≥ 1');
    expect(describeRule({ max: 5 })).toBe('a number ≤ 5');
    expect(describeRule({})).toBe('a number');
  });

  it('checks bounds, openness and integrality', () => {
    const beta = { min: 0, max: 1, maxOpen: true };
    expect(satisfiesRule(0, beta)).toBe(true);
    expect(satisfiesRule(0.999, beta)).toBe(true);
    expect(satisfiesRule(1, beta)).toBe(false);
    expect(satisfiesRule(-1e-12, beta)).toBe(false);
    expect(satisfiesRule(Number.NaN, {})).toBe(false);
    expect(satisfiesRule(Number.POSITIVE_INFINITY, {})).toBe(false);
    expect(satisfiesRule(2.5, { integer: true })).toBe(false);
    expect(satisfiesRule(0, { min: 0, minOpen: true })).toBe(false);
  });

  it('parses typed text, scientific notation included, and names the field when wrong', () => {
    expect(checkNumber('lr', ' 1e-3 ', { min: 0 })).toEqual({ ok: true, value: 0.001 });
    expect(checkNumber('betas[0]', '1.2', { min: 0, max: 1, maxOpen: true })).toEqual({
      ok: false,
      message: 'betas[0] must be a number in [0, 1); got "1.2".',
    });
    expect(checkNumber('eps', '', { min: 0 })).toEqual({
      ok: false,
      message: 'eps must be a number ≥ 0; got nothing.',
    });
    expect(checkNumber('lr', 'abc', { min: 0 }).ok).toBe(false);
  });

  it('formats numbers short and exact', () => {
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(1e-8)).toBe('1e-8');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(10000)).toBe('10000');
  });
});
