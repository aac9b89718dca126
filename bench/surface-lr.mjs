// How the per-surface lr table in src/surface/functions.ts was chosen (run it to check or
// redo it):  node bench/surface-lr.mjs [--surface rosenbrock] [--steps 300]
//
// For each surface and each shorthand optimizer, every lr on a 1-2-5 grid runs from the
// surface's default start and four more starts spread over the view box. An lr qualifies if
// no run diverges, every run ends inside the view box, and no step is longer than a tenth of
// the view's diagonal (a path the eye can follow); among those, the one with the lowest score
// is printed, with the runner-up. The score is the median over the starts of the mean over
// the steps of log10(max(loss, 1e-12)): low when a run gets low fast and stays there, so it
// rewards speed, penalizes oscillation and getting stuck, whatever the loss's scale.
// The saddle has no minimum: there the score is how far y escaped (|y| at the end, larger
// is better) among lrs whose runs stay in view for at least a third of the steps.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { importBundled, root } from './bundle.mjs';

const { values: args } = parseArgs({
  options: { surface: { type: 'string' }, steps: { type: 'string' } },
});
const core = await importBundled(`${root}/src/index.ts`, 'core');
await tf.setBackend('cpu');

const GRID = [];
for (let exp = -5; exp <= 1; exp++) for (const m of [1, 2, 5]) GRID.push(Number(`${m}e${exp}`));
const steps = Number(args.steps ?? core.DEFAULT_SURFACE_STEPS);
const names = args.surface ? [args.surface] : core.SURFACE_NAMES;
const EXPRESSION_PROBE = '0.5 * (x ** 2 + y ** 2)';

function starts(spec) {
  const { x, y } = spec.view;
  const at = (fx, fy) => [x[0] + fx * (x[1] - x[0]), y[0] + fy * (y[1] - y[0])];
  return [spec.start, at(0.2, 0.8), at(0.8, 0.2), at(0.25, 0.3), at(0.7, 0.75)];
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function score(name, optimizer) {
  const spec = core.SURFACES[name];
  const results = new Map(GRID.map((lr) => [lr, []]));
  for (const start of starts(spec)) {
    for (let from = 0; from < GRID.length; from += core.MAX_SURFACE_RUNS) {
      const lrs = GRID.slice(from, from + core.MAX_SURFACE_RUNS);
      const config = {
        function: name,
        ...(name === 'expression' ? { expression: EXPRESSION_PROBE } : {}),
        start,
        steps,
        runs: lrs.map((lr) => ({ optimizer: core.shorthandOptimizer(optimizer, lr) })),
      };
      const { runs } = await core.computeTrajectories(config);
      runs.forEach((run, i) => results.get(lrs[i]).push(run));
    }
  }
  const rows = [];
  const diagonal = Math.hypot(spec.view.x[1] - spec.view.x[0], spec.view.y[1] - spec.view.y[0]);
  for (const [lr, runs] of results) {
    if (runs.some((run) => run.status === 'diverged')) continue;
    if (runs.some((run) => longestStep(run) > diagonal / 10)) continue;
    if (name === 'saddle') {
      if (runs.some((run) => run.leftView !== undefined && run.leftView < steps / 3)) continue;
      rows.push({ lr, score: -median(runs.map((run) => Math.abs(run.points[2 * run.steps + 1]))) });
    } else {
      if (runs.some((run) => run.leftView !== undefined && !insideAtEnd(run, spec.view))) continue;
      rows.push({ lr, score: median(runs.map(meanLogLoss)) });
    }
  }
  rows.sort((a, b) => a.score - b.score);
  return rows;
}

function meanLogLoss(run) {
  let sum = 0;
  for (let i = 1; i <= run.steps; i++) sum += Math.log10(Math.max(run.loss[i], 1e-12));
  return sum / run.steps;
}

function longestStep(run) {
  let longest = 0;
  for (let i = 1; i <= run.steps; i++) {
    const dx = run.points[2 * i] - run.points[2 * i - 2];
    const dy = run.points[2 * i + 1] - run.points[2 * i - 1];
    longest = Math.max(longest, Math.hypot(dx, dy));
  }
  return longest;
}

function insideAtEnd(run, view) {
  const x = run.points[2 * run.steps];
  const y = run.points[2 * run.steps + 1];
  return x >= view.x[0] && x <= view.x[1] && y >= view.y[0] && y <= view.y[1];
}

for (const name of names) {
  console.log(`\n${name} (${steps} steps)`);
  for (const optimizer of core.SHORTHAND_OPTIMIZERS) {
    const rows = await score(name, optimizer);
    const show = (row) => (row ? `${row.lr} (${row.score.toPrecision(3)})` : '-');
    const table = core.SURFACES[name].lr[optimizer];
    console.log(
      `  ${optimizer.padEnd(13)} best ${show(rows[0]).padEnd(22)} next ${show(rows[1]).padEnd(22)} table ${table}`,
    );
  }
}
