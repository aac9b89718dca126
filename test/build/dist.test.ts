// What `npm run build` promises (issue 2 section 1, issue 4 section 7): core.js imports in
// plain Node, schedule.js and the embed stay free of TF.js, the worker ships with its wasm
// files beside it, and the .d.ts files and custom-elements.json exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distPath, importedSpecifiers, readBuilt, repoRoot } from './dist';

/**
 * Strings only TF.js code contains and that survive minification (flag names, its package
 * names, an engine error message). The test below checks they really are in the worker.
 */
const TFJS_MARKERS = ['@tensorflow', 'tfjs-backend', 'WEBGL_VERSION', 'IS_BROWSER', 'tf.ready()'];

/** Runs an ES module snippet in a fresh, plain Node process (no Vite, no Vitest transforms). */
function runInNode(source: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('dist/core.js', () => {
  it('imports in plain Node and its optimizers and schedulers work', () => {
    readBuilt('core.js');
    const output = runInNode(`
      import * as tf from '@tensorflow/tfjs';
      const core = await import(${JSON.stringify(distPath('core.js'))});
      const w = tf.variable(tf.scalar(1));
      const optimizer = core.createOptimizer({ type: 'SGD', lr: 0.1 });
      optimizer.minimize(() => w.square());
      const { lr } = core.sampleSchedule({ type: 'StepLR', stepSize: 2, gamma: 0.5 }, { steps: 5, baseLr: 1 });
      const engine = [core.Trainer, core.createDataset, core.parseExperimentConfig].map((f) => typeof f);
      console.log(JSON.stringify({ w: (await w.data())[0], lr, engine }));
    `);
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
    // d(w^2)/dw = 2w = 2 at w = 1, so one SGD step gives 1 - 0.1 * 2 = 0.8 (float32).
    expect(result.w).toBeCloseTo(0.8, 6);
    // StepLR halves the lr every 2 steps: 1, 1, 0.5, 0.5, 0.25.
    expect(result.lr).toEqual([1, 1, 0.5, 0.5, 0.25]);
    // The training engine ships in the same entry (trainer, datasets, config parsing).
    expect(result.engine).toEqual(['function', 'function', 'function']);
  });

  it('leaves TF.js and valibot to the consumer (imports them, does not bundle them)', () => {
    const specifiers = importedSpecifiers(readBuilt('core.js'));
    expect(specifiers).toContain('@tensorflow/tfjs');
    for (const specifier of specifiers) {
      expect(specifier, 'core.js imports packages only, no relative chunks').not.toMatch(/^\./);
    }
  });
});

describe('dist/schedule.js', () => {
  it('imports nothing but valibot and contains no TF.js', () => {
    const code = readBuilt('schedule.js');
    expect(importedSpecifiers(code).filter((s) => s !== 'valibot')).toEqual([]);
    for (const marker of TFJS_MARKERS) expect(code).not.toContain(marker);
  });

  it('samples a schedule in plain Node', () => {
    const output = runInNode(`
      const { sampleSchedule } = await import(${JSON.stringify(distPath('schedule.js'))});
      console.log(JSON.stringify(sampleSchedule({ type: 'ExponentialLR', gamma: 0.5 }, { steps: 3, baseLr: 0.8 }).lr));
    `);
    // ExponentialLR multiplies by gamma each step: 0.8, 0.4, 0.2.
    expect(JSON.parse(output.trim())).toEqual([0.8, 0.4, 0.2]);
  });
});

describe('dist/optim-lab.js (the one-file embed)', () => {
  it('is self-contained and contains no TF.js', () => {
    const code = readBuilt('optim-lab.js');
    expect(importedSpecifiers(code)).toEqual([]);
    for (const marker of TFJS_MARKERS) expect(code).not.toContain(marker);
  });

  it('finds its worker beside itself, relative to its own URL', () => {
    const code = readBuilt('optim-lab.js');
    expect(code).toMatch(
      /new URL\(\s*(?:\/\*[^*]*\*\/\s*)?["'`]\.\/optim-lab\.worker\.js["'`]\s*,\s*import\.meta\.url/,
    );
    expect(code).not.toMatch(/["'`]\/[^"'`]*\.worker[^"'`]*\.js["'`]/);
  });

  it('ships the worker with TF.js inside and the wasm binaries next to it', () => {
    const worker = readBuilt('optim-lab.worker.js');
    expect(importedSpecifiers(worker)).toEqual([]);
    // Proves the markers the TF.js-free checks look for are real: minified TF.js has them.
    expect(TFJS_MARKERS.filter((marker) => worker.includes(marker)).length).toBeGreaterThanOrEqual(
      3,
    );
    for (const wasm of [
      'tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
    ]) {
      expect(existsSync(distPath(wasm)), `dist/${wasm}`).toBe(true);
      expect(worker).toMatch(
        new RegExp(
          `new URL\\(\\s*["'\`]${wasm.replace(/\./g, '\\.')}["'\`]\\s*,\\s*import\\.meta\\.url`,
        ),
      );
    }
  });
});

describe('dist/optim-lab-surface.worker.js (the loss-surface worker)', () => {
  const WASM_OR_GPU = ['tfjs-backend-wasm', '.wasm', 'WEBGL_VERSION', 'webgpu'];

  it('is self-contained TF.js core with the cpu backend only', () => {
    const worker = readBuilt('optim-lab-surface.worker.js');
    expect(importedSpecifiers(worker)).toEqual([]);
    expect(worker).toContain('tf.ready()'); // TF.js core is inside
    for (const marker of WASM_OR_GPU) expect(worker).not.toContain(marker);
    // The same markers are in the trainer worker, so their absence here means something.
    const trainer = readBuilt('optim-lab.worker.js');
    for (const marker of WASM_OR_GPU) expect(trainer).toContain(marker);
  });

  it('is found by the embed beside itself, relative to its own URL', () => {
    expect(readBuilt('optim-lab.js')).toMatch(
      /new URL\(\s*(?:\/\*[^*]*\*\/\s*)?["'`]\.\/optim-lab-surface\.worker\.js["'`]\s*,\s*import\.meta\.url/,
    );
  });

  it('core.js computes trajectories in plain Node', () => {
    const output = runInNode(`
      import * as tf from '@tensorflow/tfjs';
      const core = await import(${JSON.stringify(distPath('core.js'))});
      await tf.setBackend('cpu');
      const { runs } = await core.computeTrajectories({
        function: 'saddle', start: [1, 0], steps: 3, runs: [{ optimizer: { type: 'SGD', lr: 0.25 } }],
      });
      console.log(JSON.stringify(Array.from(runs[0].points)));
    `);
    // SGD on x^2 - y^2 with lr 0.25: x <- x - 0.25 * 2x = x / 2, and y stays 0.
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? '[]')).toEqual([
      1, 0, 0.5, 0, 0.25, 0, 0.125, 0,
    ]);
  });
});

describe('types and manifest', () => {
  it('writes the .d.ts files package.json "exports" points at', () => {
    expect(readBuilt('types/src/index.d.ts')).toMatch(/export \*/);
    expect(readBuilt('types/src/schedule/index.d.ts')).toContain('sampleSchedule');
  });

  it('writes custom-elements.json describing every public element', () => {
    const manifest = JSON.parse(readBuilt('custom-elements.json')) as {
      modules: { declarations?: { tagName?: string }[] }[];
    };
    const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName));
    for (const tag of [
      'optim-lab',
      'optimizer-picker',
      'scheduler-editor',
      'lr-curve',
      'loss-plot',
      'loss-surface',
    ]) {
      expect(tags).toContain(tag);
    }
  });

  it("documents <loss-surface>'s attributes, events, parts and custom properties", () => {
    interface Named {
      name: string;
    }
    const manifest = JSON.parse(readBuilt('custom-elements.json')) as {
      modules: {
        declarations?: {
          tagName?: string;
          attributes?: Named[];
          events?: Named[];
          cssParts?: Named[];
          cssProperties?: Named[];
        }[];
      }[];
    };
    const surface = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .find((d) => d.tagName === 'loss-surface');
    const names = (list: Named[] | undefined) => (list ?? []).map((item) => item.name);
    expect(names(surface?.attributes)).toEqual(
      expect.arrayContaining(['function', 'condition', 'expression', 'runs', 'optimizers']),
    );
    expect(names(surface?.attributes)).toEqual(
      expect.arrayContaining(['start', 'steps', 'preset', 'autoplay', 'view']),
    );
    expect(names(surface?.events)).toEqual(
      expect.arrayContaining(['optim-progress', 'optim-end', 'optim-error']),
    );
    expect(names(surface?.cssParts)).toEqual(
      expect.arrayContaining(['start-handle', 'numbers', 'step-slider', 'math', 'legend']),
    );
    expect(names(surface?.cssProperties)).toContain('--loss-surface-height');
  });

  it("names each element by the tag its index.ts defines (the classes' @tag)", () => {
    const manifest = JSON.parse(readBuilt('custom-elements.json')) as {
      modules: { declarations?: { tagName?: string }[] }[];
    };
    const tags = manifest.modules
      .flatMap((m) => (m.declarations ?? []).map((d) => d.tagName))
      .filter((tag): tag is string => tag !== undefined);
    const components = join(repoRoot, 'components');
    const defined = readdirSync(components, { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(join(components, entry.name, 'index.ts')),
      )
      .flatMap((entry) => {
        const source = readFileSync(join(components, entry.name, 'index.ts'), 'utf8');
        return [...source.matchAll(/export const \w+_TAG = '([\w-]+)'/g)].map((m) => m[1]);
      });
    expect(defined.length).toBeGreaterThanOrEqual(7);
    expect([...tags].sort()).toEqual([...defined].sort());
  });
});
