// Vite plugins that keep the published bundles honest: the page-side files must never pull in
// TF.js, and the one-file embed must find its worker beside itself rather than wherever Vite
// would put a bundled worker asset.
import path from 'node:path';

/**
 * Fails the build, naming the importer, when a module under `forbidden` is imported. Used for
 * `dist/schedule.js` and `dist/optim-lab.js`: the page draws LR curves and renders the
 * elements without loading TF.js, which lives in the worker only.
 * @param {string} bundleName what is being built, for the error message
 * @param {RegExp} forbidden module ids that must not appear
 * @returns {import('vite').Plugin}
 */
export function forbidImports(bundleName, forbidden = /^@tensorflow\//) {
  return {
    name: 'optim-lab:forbid-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (forbidden.test(source)) {
        const from = importer ? path.relative(process.cwd(), importer) : '(entry)';
        this.error(
          `${bundleName} must not import ${source} (imported from ${from}); ` +
            'TF.js belongs in the worker only.',
        );
      }
      return null;
    },
  };
}

const WORKER_URL_IN_SOURCE =
  /\bnew\s+Worker\s*\(\s*new\s+URL\s*\(\s*('[^']+'|"[^"]+"|`[^`$]+`)\s*,\s*import\.meta\.url\s*\)/g;

/** `'./trainer.worker.ts'` (or `../workers/trainer.worker`, with or without .ts/.js) -> 'trainer.worker'. */
function workerEntryName(literal) {
  const match = /^(['"`])(?:\.\.?\/)+(?:workers\/)?([\w-]+\.worker)(?:\.ts|\.js)?\1$/.exec(literal);
  return match?.[2];
}

/**
 * Points each `new Worker(new URL('./<name>.worker.ts', import.meta.url))` of the clients at
 * the separately built file `workers[name]` next to the embed, resolved at run time against
 * the embed's own `import.meta.url`. Without this, Vite bundles the worker as an extra asset
 * with a root-absolute path (breaks when dist/ is served from a sub-path). The extra
 * parentheses and the @vite-ignore comment keep Vite's worker and asset plugins from
 * rewriting it again. The build fails if a listed worker is never constructed, so a renamed
 * worker cannot silently ship a broken embed.
 * @param {Record<string, string>} workers e.g. { 'trainer.worker': 'optim-lab.worker.js' }
 * @returns {import('vite').Plugin}
 */
export function workerBesideEmbed(workers) {
  const rewrites = new Map();
  return {
    name: 'optim-lab:worker-beside-embed',
    enforce: 'pre',
    buildStart() {
      rewrites.clear();
    },
    transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('import.meta.url')) return null;
      let changed = false;
      const out = code.replace(WORKER_URL_IN_SOURCE, (whole, literal) => {
        const name = workerEntryName(literal);
        const fileName = name === undefined ? undefined : workers[name];
        if (fileName === undefined) return whole;
        changed = true;
        rewrites.set(name, (rewrites.get(name) ?? 0) + 1);
        return `new Worker((new URL(/* @vite-ignore */ ${JSON.stringify(
          `./${fileName}`,
        )}, import.meta.url))`;
      });
      return changed ? { code: out, map: null } : null;
    },
    buildEnd(error) {
      if (error) return;
      for (const name of Object.keys(workers)) {
        if (!rewrites.has(name)) {
          this.error(
            `The embed constructs no ${name}: expected ` +
              `new Worker(new URL('./${name}.ts', import.meta.url), ...) in a workers/ client.`,
          );
        }
      }
    },
  };
}
