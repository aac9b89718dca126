import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

// A fresh object per project: Vitest writes each project's name into its browser instances.
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  }),
  instances: [{ browser: 'chromium' as const }],
});

// Tests whose subject is wall-clock behaviour (pause latency, progress rate, main-thread long
// tasks). They run in their own project, after everything else and one file at a time, so
// that other files training workers on the same two cores cannot stretch what they measure.
const PERF_FILES = 'test/**/*.perf.browser.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          exclude: [PERF_FILES],
          testTimeout: 120_000,
          browser: chromium(),
        },
      },
      {
        // Every story renders (and its play function runs) in real Chromium as a test.
        plugins: [storybookTest({ configDir: path.join(import.meta.dirname, '.storybook') })],
        test: {
          name: 'storybook',
          testTimeout: 120_000,
          browser: chromium(),
        },
      },
      {
        test: {
          name: 'perf',
          include: [PERF_FILES],
          testTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          browser: chromium(),
        },
      },
    ],
  },
});
