// The four bundles `npm run build` writes, as plain Vite configs (Vite 8, Rolldown). Each is
// its own build so that no chunk is shared between files with different rules (schedule.js
// must stay TF.js-free even though core.js imports TF.js).
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { forbidImports, workerBesideEmbed } from './plugins.mjs';

export const root = path.resolve(import.meta.dirname, '../..');
export const outDir = path.join(root, 'dist');
export const EMBED_FILE = 'optim-lab.js';
export const WORKER_FILE = 'optim-lab.worker.js';
export const SURFACE_WORKER_FILE = 'optim-lab-surface.worker.js';
/** Worker entries as the clients name them (`./x.worker.ts`) -> their files beside the embed. */
export const EMBED_WORKERS = {
  'trainer.worker': WORKER_FILE,
  'surface.worker': SURFACE_WORKER_FILE,
};

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dependencyNames = Object.keys(pkg.dependencies ?? {});

/** Package dependencies (and their subpaths) plus Node built-ins stay imports in core/schedule. */
function isPackageDependency(id) {
  if (id.startsWith('node:') || builtinModules.includes(id)) return true;
  return dependencyNames.some((name) => id === name || id.startsWith(`${name}/`));
}

/** Settings shared by every target: no config file, no public dir, write into dist/. */
function base(overrides) {
  return {
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    ...overrides,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      reportCompressedSize: false,
      ...overrides.build,
    },
  };
}

/**
 * A library entry for npm consumers (`optim-lab/core`, `optim-lab/schedule`): ESM, not
 * minified, every package dependency external so the consumer's bundler or Node resolves it.
 */
export function libraryTarget({ entry, fileName, plugins = [] }) {
  return base({
    plugins,
    build: {
      minify: false,
      sourcemap: true,
      lib: { entry: path.resolve(root, entry), formats: ['es'], fileName: () => fileName },
      rolldownOptions: {
        external: isPackageDependency,
        output: { codeSplitting: false },
      },
    },
  });
}

export const coreTarget = () => libraryTarget({ entry: 'src/index.ts', fileName: 'core.js' });

export const scheduleTarget = () =>
  libraryTarget({
    entry: 'src/schedule/index.ts',
    fileName: 'schedule.js',
    plugins: [forbidImports('dist/schedule.js')],
  });

/**
 * A worker as one self-contained module (TF.js inside). Not library mode: library mode
 * inlines every asset as base64, and the wasm binaries must instead sit beside the worker as
 * files, reached through `new URL('x.wasm', import.meta.url)`, which is what `base: './'`
 * makes Vite emit for the `?url` imports in src/backend/wasm-paths.ts.
 */
export function workerTarget({
  entry = 'workers/trainer.worker.ts',
  fileName = WORKER_FILE,
  alias = [],
} = {}) {
  return base({
    base: './',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: { alias },
    build: {
      minify: true,
      // TF.js makes the worker's source map ~17 MB; not worth shipping in the package.
      sourcemap: false,
      // The trainer worker is TF.js plus three backends in one file by design.
      chunkSizeWarningLimit: 2000,
      modulePreload: false,
      assetsInlineLimit: 0,
      copyPublicDir: false,
      rolldownOptions: {
        input: path.resolve(root, entry),
        output: {
          format: 'es',
          codeSplitting: false,
          entryFileNames: fileName,
          // Unhashed names: TF.js asks for the wasm files by these exact names.
          assetFileNames: '[name][extname]',
        },
      },
    },
  });
}

/**
 * The loss-surface worker: TF.js reduced to tfjs-core and the cpu backend (see
 * workers/surface-tfjs.ts), so a page with only <loss-surface> loads no trainer, no wasm and
 * no WebGPU.
 */
export const surfaceWorkerTarget = () =>
  workerTarget({
    entry: 'workers/surface.worker.ts',
    fileName: SURFACE_WORKER_FILE,
    alias: [
      {
        find: /^@tensorflow\/tfjs$/,
        replacement: path.resolve(root, 'workers/surface-tfjs.ts'),
      },
    ],
  });

/**
 * The one-file embed: registers every element, bundles lit/d3/katex, and contains no TF.js.
 * Its workers are the separate EMBED_WORKERS files, found relative to the embed's own URL. Built as an
 * app entry rather than in library mode, because library mode keeps the ES output's
 * whitespace (~640 kB instead of ~400 kB); preserveEntrySignatures keeps its exports.
 */
export function embedTarget({ entry = 'components/embed.ts' } = {}) {
  return base({
    base: './',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [forbidImports(`dist/${EMBED_FILE}`), workerBesideEmbed(EMBED_WORKERS)],
    build: {
      minify: true,
      sourcemap: true,
      modulePreload: false,
      cssCodeSplit: false,
      assetsInlineLimit: 0,
      copyPublicDir: false,
      rolldownOptions: {
        input: path.resolve(root, entry),
        preserveEntrySignatures: 'exports-only',
        output: {
          format: 'es',
          codeSplitting: false,
          entryFileNames: EMBED_FILE,
          assetFileNames: 'optim-lab-[name][extname]',
        },
      },
    },
  });
}
