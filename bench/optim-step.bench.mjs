// Per-step cost of our torch-exact optimizers against tfjs's own, in one Node process.
//
//   node bench/optim-step.bench.mjs [--backend cpu|wasm] [--rounds 30] [--steps 50]
//                                   [--baseline <dir holding another copy of src/optim>]
//
// With --baseline (say, `git archive HEAD src/optim | tar -x -C /tmp/old`, then
// --baseline /tmp/old/src/optim), it first checks that both copies produce bit-identical
// parameters and optimizer state over a matrix of configs, then times both.
//
// The machine this runs on is shared and noisy, so absolute ms/step mean little; what is
// reported is the median over interleaved rounds of each contender's time divided by the
// tfjs optimizer's time in the same round. The workload is the engine's: the six variables of a
// 2-16-16-1 MLP. "applyGradients" times the optimizer alone on fixed gradients; "minimize"
// times a whole training step (forward, backward, update) on a batch of 32.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { importBundled, root } from './bundle.mjs';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'cpu' },
    rounds: { type: 'string', default: '30' },
    steps: { type: 'string', default: '50' },
    baseline: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const stepsPerRound = Number(args.steps);

/** A copy of src/optim (TypeScript), bundled next to node_modules so its imports resolve. */
function loadOptim(dir, tag) {
  return importBundled(join(dir, 'index.ts'), tag);
}

async function setBackend(name) {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  }
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} unavailable`);
  await tf.ready();
}

const widths = [2, 16, 16, 1];

/** The MLP's variables and one fixed gradient per variable, all made from a seeded PRNG. */
function makeProblem() {
  const variables = [];
  const gradients = {};
  for (let layer = 0; layer < widths.length - 1; layer++) {
    for (const shape of [[widths[layer], widths[layer + 1]], [widths[layer + 1]]]) {
      const v = tf.variable(tf.randomNormal(shape, 0, 0.5, 'float32', variables.length + 1));
      variables.push(v);
      gradients[v.name] = tf.randomNormal(shape, 0, 0.1, 'float32', variables.length + 100);
    }
  }
  const x = tf.randomNormal([32, 2], 0, 1, 'float32', 7);
  const y = tf.cast(tf.greater(tf.sum(tf.mul(x, x), 1, true), 1), 'float32');
  const loss = () =>
    tf.tidy(() => {
      let h = x;
      for (let i = 0; i < variables.length; i += 2) {
        h = tf.add(tf.matMul(h, variables[i]), variables[i + 1]);
        if (i < variables.length - 2) h = tf.relu(h);
      }
      return tf.losses.sigmoidCrossEntropy(y, h);
    });
  return {
    variables,
    gradients,
    loss,
    dispose: () => tf.dispose([...variables, ...Object.values(gradients), x, y]),
  };
}

/** Tensors left behind by creating an optimizer, stepping it and disposing it. (Not checked
 * for tfjs's own: its MomentumOptimizer.dispose forgets the -lr scalar SGD made.) */
function leakedTensors(problem, make) {
  const before = tf.memory().numTensors;
  const optimizer = make();
  for (let i = 0; i < 3; i++) optimizer.applyGradients(problem.gradients);
  optimizer.dispose();
  return tf.memory().numTensors - before;
}

/**
 * Kernels run and tensors made from JS values (each an upload on WebGPU) per applyGradients,
 * counted at the engine, after three warm-up steps have created the state. Unlike times,
 * these do not depend on how busy the machine is.
 */
function engineCallsPerStep(problem, make) {
  const engine = tf.engine();
  const optimizer = make();
  for (let i = 0; i < 3; i++) optimizer.applyGradients(problem.gradients);
  const counts = { kernels: 0, uploads: 0 };
  const { runKernel, makeTensor } = engine;
  engine.runKernel = function (...args) {
    counts.kernels++;
    return runKernel.apply(this, args);
  };
  engine.makeTensor = function (...args) {
    counts.uploads++;
    return makeTensor.apply(this, args);
  };
  const steps = 10;
  try {
    for (let i = 0; i < steps; i++) optimizer.applyGradients(problem.gradients);
  } finally {
    delete engine.runKernel;
    delete engine.makeTensor;
    optimizer.dispose();
  }
  return { kernels: counts.kernels / steps, uploads: counts.uploads / steps };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Times each contender for `rounds` interleaved rounds; returns median ms/step and ratio. */
function compare(problem, contenders, workload) {
  const step =
    workload === 'applyGradients'
      ? (optimizer) => optimizer.applyGradients(problem.gradients)
      : (optimizer) => optimizer.minimize(problem.loss, false, problem.variables);
  const optimizers = contenders.map(({ make }) => make());
  for (const optimizer of optimizers) for (let i = 0; i < 100; i++) step(optimizer);
  const times = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so no contender always runs right after the same other one.
    for (let k = 0; k < optimizers.length; k++) {
      const c = (k + r) % optimizers.length;
      const start = performance.now();
      for (let i = 0; i < stepsPerRound; i++) step(optimizers[c]);
      times[c].push((performance.now() - start) / stepsPerRound);
    }
  }
  for (const optimizer of optimizers) optimizer.dispose();
  return contenders.map(({ name }, c) => ({
    name,
    msPerStep: median(times[c]),
    ratio: median(times[c].map((t, r) => t / times[0][r])),
  }));
}

await setBackend(args.backend);
const current = await loadOptim(join(root, 'src/optim'), 'current');
const baseline = args.baseline ? await loadOptim(resolve(args.baseline), 'baseline') : null;

/** Configs whose every option path the identity check walks (with lr/momentum/betas changes). */
const identityConfigs = [
  { type: 'SGD', lr: 0.05 },
  { type: 'SGD', lr: 0.05, momentum: 0.9 },
  { type: 'SGD', lr: 0.05, momentum: 0.9, dampening: 0.3, weightDecay: 0.01, maximize: true },
  { type: 'SGD', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
  { type: 'Adam', lr: 0.01 },
  { type: 'Adam', lr: 0.01, amsgrad: true, weightDecay: 0.01, maximize: true },
  { type: 'AdamW', lr: 0.01 },
  { type: 'AdamW', lr: 0.01, weightDecay: 0, amsgrad: true },
  { type: 'NAdam', lr: 0.01, weightDecay: 0.01 },
  { type: 'RAdam', lr: 0.01, maximize: true },
  { type: 'RAdam', lr: 0.01, weightDecay: 0.01, betas: [0.8, 0.9] },
  { type: 'Adamax', lr: 0.01, weightDecay: 0.01 },
  { type: 'Adagrad', lr: 0.05 },
  { type: 'Adagrad', lr: 0.05, lrDecay: 0.01, initialAccumulatorValue: 0.1, weightDecay: 0.01 },
  { type: 'Adadelta', lr: 1, weightDecay: 0.01, maximize: true },
  { type: 'RMSprop', lr: 0.01 },
  { type: 'RMSprop', lr: 0.01, centered: true, momentum: 0.9, weightDecay: 0.01 },
  { type: 'Lookahead', k: 3, optimizer: { type: 'Adam', lr: 0.01 } },
  { type: 'Lookahead', k: 2, alpha: 0.3, optimizer: { type: 'SGD', lr: 0.01, momentum: 0.9 } },
];

function sameBits(a, b) {
  return Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
}

/**
 * Runs one config through both copies on the same gradients (one parameter skips some steps,
 * so per-parameter step counts differ) and throws at the first bit that differs.
 */
async function checkIdentical(config, implementations) {
  const runs = [];
  for (const optim of implementations) {
    const problem = makeProblem();
    const optimizer = optim.createOptimizer(config);
    const trace = [];
    for (let step = 0; step < 40; step++) {
      if (step === 10) optimizer.lr *= 0.5;
      if (step === 20 && 'momentum' in optimizer) optimizer.momentum = 0.5;
      if (step === 20 && 'betas' in optimizer) optimizer.betas = [0.85, optimizer.betas[1]];
      const grads = tf.tidy(() =>
        Object.fromEntries(
          problem.variables.map((v, i) => [
            v.name,
            i === 1 && step % 3 === 1
              ? null
              : tf.randomNormal(v.shape, 0, 1, 'float32', step * 7 + i + 1),
          ]),
        ),
      );
      optimizer.applyGradients(grads);
      tf.dispose(Object.values(grads).filter((g) => g !== null));
      trace.push(...problem.variables.map((v) => v.dataSync().slice()));
    }
    const weights = await optimizer.getWeights();
    for (const { tensor } of weights) trace.push(tensor.dataSync().slice());
    tf.dispose(
      weights.filter(({ tensor }) => !(tensor instanceof tf.Variable)).map((w) => w.tensor),
    );
    optimizer.dispose();
    problem.dispose();
    runs.push(trace);
  }
  const [a, b] = runs;
  if (a.length !== b.length || a.some((values, i) => !sameBits(values, b[i]))) {
    throw new Error(`${JSON.stringify(config)}: results differ from the baseline`);
  }
}

/** Each group: the tfjs optimizer first (the ratio's denominator), then ours. */
const groups = [
  {
    title: 'Adam (lr 0.01)',
    tfjs: () => tf.train.adam(0.01, 0.9, 0.999, 1e-8),
    config: { type: 'Adam', lr: 0.01 },
  },
  {
    title: 'SGD momentum 0.9 (lr 0.01)',
    tfjs: () => tf.train.momentum(0.01, 0.9),
    config: { type: 'SGD', lr: 0.01, momentum: 0.9 },
  },
  {
    title: 'SGD plain (lr 0.01)',
    tfjs: () => tf.train.sgd(0.01),
    config: { type: 'SGD', lr: 0.01 },
  },
  {
    title: 'RMSprop (lr 0.01)',
    tfjs: () => tf.train.rmsprop(0.01, 0.99, 0, 1e-8),
    config: { type: 'RMSprop', lr: 0.01 },
  },
];

if (baseline) {
  for (const config of identityConfigs) await checkIdentical(config, [baseline, current]);
  console.log(`bit-identical to the baseline over 40 steps: ${identityConfigs.length} configs`);
}

console.log(
  `backend ${tf.getBackend()}, ${rounds} rounds x ${stepsPerRound} steps, MLP ${widths.join('-')}`,
);
const problem = makeProblem();
console.log('\nper applyGradients (6 variables): kernels run / tensors made from JS numbers');
for (const group of groups) {
  const contenders = [
    { name: 'tfjs', make: group.tfjs },
    ...(baseline ? [{ name: 'baseline', make: () => baseline.createOptimizer(group.config) }] : []),
    { name: 'ours', make: () => current.createOptimizer(group.config) },
  ];
  const cells = contenders.map(({ name, make }) => {
    const { kernels, uploads } = engineCallsPerStep(problem, make);
    return `${name} ${kernels} / ${uploads}`;
  });
  console.log(`  ${group.title.padEnd(28)} ${cells.join('   ')}`);
}
for (const workload of ['applyGradients', 'minimize']) {
  console.log(`\n${workload}`);
  for (const group of groups) {
    const contenders = [
      { name: 'tfjs', make: group.tfjs },
      ...(baseline
        ? [{ name: 'baseline', make: () => baseline.createOptimizer(group.config) }]
        : []),
      { name: 'ours', make: () => current.createOptimizer(group.config) },
    ];
    if (leakedTensors(problem, contenders.at(-1).make) !== 0) {
      throw new Error(`${group.title}: our optimizer leaks tensors`);
    }
    const results = compare(problem, contenders, workload);
    const cells = results.map(
      ({ name, msPerStep, ratio }) => `${name} ${msPerStep.toFixed(3)} ms (x${ratio.toFixed(2)})`,
    );
    console.log(`  ${group.title.padEnd(28)} ${cells.join('   ')}`);
  }
}
problem.dispose();
