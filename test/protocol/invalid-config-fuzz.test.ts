/**
 * The parser's side of the config fuzz (test/support/invalid-configs.ts; the same cases go
 * through the real worker in test/workers/config-fuzz.browser.test.ts): 5,000 seeded
 * experiments, each broken in one place, are all refused with a ConfigError naming that
 * place, in a message that quotes at most a short stretch of the bad value.
 */
import { expect, test } from 'vitest';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import { ConfigError } from '../../src/protocol/validation';
import { invalidConfigs, isUnder, validExperiment } from '../support/invalid-configs';

test('the experiment the fuzz breaks is valid', () => {
  expect(() => parseExperimentConfig(validExperiment())).not.toThrow();
});

test('5,000 invalid configs: each refused, naming the place that was broken', () => {
  const misses: string[] = [];
  for (const { what, config, path } of invalidConfigs(5000, 11)) {
    let error: unknown;
    try {
      parseExperimentConfig(config);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof ConfigError))
      misses.push(`${what}: ${error ? String(error) : 'accepted'}`);
    else if (!isUnder(error.path, path)) misses.push(`${what}: named ${error.path}`);
    else if (error.message.length > 400) misses.push(`${what}: ${error.message.length} characters`);
  }
  expect(misses).toEqual([]);
});
