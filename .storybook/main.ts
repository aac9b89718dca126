import type { StorybookConfig } from '@storybook/web-components-vite';

// Telemetry off for every entry point (dev, build, the Vitest plugin): nothing may leave
// this machine, and CI has no network.
process.env.STORYBOOK_DISABLE_TELEMETRY = '1';

/**
 * Pre-bundled up front. Discovered lazily, a dependency makes Vite re-optimize and reload the
 * page in the middle of a test run, and lit pre-bundled twice (once with Storybook's renderer,
 * once on its own) is loaded as two copies.
 */
const PREBUNDLED = [
  'lit',
  'lit/decorators.js',
  'lit/directives/class-map.js',
  'lit/directives/style-map.js',
  'lit/directives/unsafe-html.js',
  'lit/directives/repeat.js',
  'lit/directives/live.js',
  'lit/directives/ref.js',
  'lit/directives/if-defined.js',
  'comlink',
  'valibot',
  'katex',
  'd3-axis',
  'd3-contour',
  'd3-scale',
  'd3-selection',
  'd3-shape',
  // Imported by the trainer worker, which the <optim-lab> stories start. Found lazily on a
  // cold cache (as in CI), they reloaded the page mid-run ("Vite unexpectedly reloaded a test").
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
];

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    optimizeDeps: {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), ...PREBUNDLED],
    },
  }),
};

export default config;
