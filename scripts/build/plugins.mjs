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

/** The worker entry as `workers/client.ts` names it, and the file name it has in dist/. */
const WORKER_SOURCE = /^(['"`])(?:\.\.?\/)+(?:workers\/)?trainer\.worker(?:\.ts|\.js)?\1$/;
const WORKER_URL_IN_SOURCE =
  /\bnew\s+Worker\s*\(\s*new\s+URL\s*\(\s*('[^']+'|"[^"]+"|`[^`$]+`)\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Points `new Worker(new URL('./trainer.worker.ts', import.meta.url))` at the separately
 * built `./<workerFileName>` next to the embed, resolved at run time against the embed's own
 * `import.meta.url`. Without this, Vite bundles the worker as an extra asset with a
 * root-absolute path (breaks when dist/ is served from a sub-path). The extra parentheses
 * and the @vite-ignore comment keep Vite's worker and asset plugins from rewriting it again.
 * The build fails if no such worker construction was found, so a renamed worker cannot
 * silently ship a broken embed.
 * @param {string} workerFileName e.g. 'optim-lab.worker.js'
 * @returns {import('vite').Plugin}
 */
export function workerBesideEmbed(workerFileName) {
  let rewrites = 0;
  return {
    name: 'optim-lab:worker-beside-embed',
    enforce: 'pre',
    buildStart() {
      rewrites = 0;
    },
    transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('import.meta.url')) return null;
      let changed = false;
      const out = code.replace(WORKER_URL_IN_SOURCE, (whole, literal) => {
        if (!WORKER_SOURCE.test(literal)) return whole;
        changed = true;
        rewrites += 1;
        return `new Worker((new URL(/* @vite-ignore */ ${JSON.stringify(
          `./${workerFileName}`,
        )}, import.meta.url))`;
      });
      return changed ? { code: out, map: null } : null;
    },
    buildEnd(error) {
      if (!error && rewrites === 0) {
        this.error(
          'The embed constructs no trainer worker: expected ' +
            "new Worker(new URL('./trainer.worker.ts', import.meta.url), ...) in workers/client.ts.",
        );
      }
    },
  };
}
