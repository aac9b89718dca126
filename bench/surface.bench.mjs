// Cost of loss-surface trajectories on TF.js's cpu backend, in one Node process:
//
//   node bench/surface.bench.mjs [--rounds 5] [--function rosenbrock]
//
// For the optimizer zoo (all 12 shorthand optimizers) and for one run, at several step
// counts: the median wall time of a whole computation, the time to the first `steps`
// message (what a drag of the start waits for before the picture moves), and µs per
// run-step. Measurement only: nothing here asserts a speed.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { importBundled, root } from './bundle.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    function: { type: 'string', default: 'rosenbrock' },
  },
});
const rounds = Number(args.rounds);
const core = await importBundled(`${root}/src/index.ts`, 'core');
await tf.setBackend('cpu');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(config) {
  const totals = [];
  const firsts = [];
  let runSteps = 0;
  for (let round = 0; round <= rounds; round++) {
    const started = performance.now();
    let first;
    const stream = core.surfaceMessages(config);
    let steps = 0;
    for await (const message of stream) {
      if (message.kind !== 'steps') continue;
      first ??= performance.now() - started;
      for (const run of message.runs) steps += run.count;
    }
    if (round === 0) continue; // warm-up: kernels registered, code optimized
    totals.push(performance.now() - started);
    firsts.push(first);
    runSteps = steps;
  }
  return { total: median(totals), first: median(firsts), runSteps };
}

const zoo = core.SHORTHAND_OPTIMIZERS.join(' ');
console.log(`${args.function}, TF.js ${tf.version.tfjs} cpu backend, median of ${rounds} rounds`);
console.log('runs  steps   total ms   first message ms   µs per run-step');
for (const [label, optimizers] of [
  ['12', zoo],
  ['1 ', 'Adam'],
]) {
  for (const steps of [100, 300, 1000]) {
    const config = { function: args.function, steps, optimizers };
    if (args.function === 'expression') config.expression = '0.5 * (x ** 2 + y ** 2)';
    const { total, first, runSteps } = await measure(config);
    console.log(
      `${label}    ${String(steps).padEnd(6)}  ${total.toFixed(1).padStart(8)}   ${first.toFixed(1).padStart(16)}   ${((1000 * total) / runSteps).toFixed(1).padStart(15)}`,
    );
  }
}
