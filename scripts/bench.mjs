#!/usr/bin/env node
// `npm run bench`: steps per second of the training engines inside a real Worker in headless
// Chromium, per backend: a naive `tf.train.adam().minimize` loop, the op-by-op engine and the
// fused engine, 1 run and 8 runs, all in the same worker on the same backend; plus real WebGPU
// dispatchWorkgroups calls per step; then loss-surface trajectories through the surface client
// and worker. Measurement only: nothing here asserts a speed. Options: --window-ms=N
// (measuring window per row, default 1500).
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const TIME_LIMIT_MS = 240_000;
const windowArg = process.argv.find((arg) => arg.startsWith('--window-ms='));
const windowMs = windowArg ? Number(windowArg.split('=')[1]) : 1500;

/** A port the OS says is free right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
    // Scan the worker up front too: a dependency discovered mid-run would reload the page.
    optimizeDeps: {
      entries: ['bench/index.html', 'bench/bench.worker.ts', 'workers/surface.worker.ts'],
    },
  });
  await server.listen();
  return { server, url: `http://127.0.0.1:${port}/bench/index.html?windowMs=${windowMs}` };
}

function formatRate(value) {
  return Number.isFinite(value) ? value.toFixed(value < 100 ? 1 : 0) : '-';
}

function printSurfaceTable(rows) {
  if (rows.length === 0) return;
  console.log(
    '\nLoss-surface trajectories on Rosenbrock through the surface client and worker (TF.js cpu),',
  );
  console.log('median of 5; "first" = compute() to the first streamed steps:\n');
  console.log('| runs | steps | total ms | first ms | µs per run-step |');
  console.log('|------|-------|----------|----------|-----------------|');
  for (const { runs, steps, totalMs, firstMs } of rows) {
    const perStep = ((1000 * totalMs) / (runs * steps)).toFixed(1);
    console.log(
      `| ${String(runs).padEnd(4)} | ${String(steps).padEnd(5)} | ${totalMs.toFixed(0).padEnd(8)} | ${firstMs.toFixed(0).padEnd(8)} | ${perStep.padEnd(15)} |`,
    );
  }
}

function formatCount(value) {
  return Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(0)) : '-';
}

const print = (table) => {
  const widths = table[0].map((_, col) => Math.max(...table.map((line) => line[col].length)));
  const render = (line) => `| ${line.map((cell, col) => cell.padEnd(widths[col])).join(' | ')} |`;
  console.log(render(table[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of table.slice(1)) console.log(render(line));
};

function printTable(rows, skipped, errors) {
  const byBackend = new Map();
  for (const row of rows) {
    const entry = byBackend.get(row.backend) ?? {};
    entry[`${row.label}@${row.runs}`] = row;
    byBackend.set(row.backend, entry);
  }
  const table = [
    [
      'backend',
      'engine',
      'trains with',
      '1 run steps/s',
      '8 runs steps/s',
      '8 runs: run-steps/s',
      'WebGPU dispatches/step (1 run, 8 runs)',
    ],
  ];
  const goals = [['backend', 'fused / ops, 1 run', 'fused / ops, 8 runs', 'fused / naive, 1 run']];
  for (const [backend, entry] of byBackend) {
    for (const label of ['naive', 'ops', 'fused']) {
      const one = entry[`${label}@1`];
      const eight = entry[`${label}@8`];
      if (!one && !eight) continue;
      const gpu = one?.dispatchesPerStep !== undefined || eight?.dispatchesPerStep !== undefined;
      table.push([
        backend,
        label,
        one?.implementation ?? eight?.implementation ?? '-',
        formatRate(one?.stepsPerSecond),
        formatRate(eight?.stepsPerSecond),
        formatRate(8 * (eight?.stepsPerSecond ?? NaN)),
        gpu
          ? `${formatCount(one?.dispatchesPerStep)}, ${formatCount(eight?.dispatchesPerStep)}`
          : '-',
      ]);
    }
    const ratio = (a, b) => (a && b ? `${(a.stepsPerSecond / b.stepsPerSecond).toFixed(1)}x` : '-');
    goals.push([
      backend,
      ratio(entry['fused@1'], entry['ops@1']),
      ratio(entry['fused@8'], entry['ops@8']),
      ratio(entry['fused@1'], entry['naive@1']),
    ]);
  }
  console.log(
    '\nDefault task: circle data (400 points, 320 for training), 2-16-16-1 relu MLP, batch 32.',
  );
  console.log(
    'naive = tf.train.adam().minimize, loss read back each step; ops / fused = the Trainer with that',
  );
  console.log(
    'engine in the same worker (it also computes the gradient norm each step, validates each epoch',
  );
  console.log(
    'and streams progress). 1 run: Adam; 8 runs: SGD, SGD+Nesterov, Adam, AdamW, NAdam, RAdam,',
  );
  console.log('RMSprop, Adagrad. A step advances every run.\n');
  print(table);
  console.log('');
  print(goals);
  for (const { backend, reason } of skipped) console.log(`\n${backend}: skipped (${reason})`);
  for (const { backend, message } of errors) console.log(`\n${backend}: failed (${message})`);
}

async function main() {
  const { server, url } = await startServer();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: chromiumArgs,
    headless: true,
  });
  const rows = [];
  const surfaceRows = [];
  const skipped = [];
  const errors = [];
  const started = Date.now();
  try {
    const page = await browser.newPage();
    const finished = new Promise((resolve) => {
      page.on('console', (message) => {
        const text = message.text();
        if (text === 'BENCH-DONE') resolve();
        if (!text.startsWith('BENCH ')) return;
        const reply = JSON.parse(text.slice('BENCH '.length));
        if (reply.kind === 'row') {
          rows.push(reply);
          const seconds = ((Date.now() - started) / 1000).toFixed(0);
          console.log(
            `[${seconds}s] ${reply.backend.padEnd(6)} ${reply.label.padEnd(5)} ${String(reply.runs)} run(s) ${formatRate(reply.stepsPerSecond)} steps/s (${reply.implementation})`,
          );
        } else if (reply.kind === 'surface') surfaceRows.push(reply);
        else if (reply.kind === 'skipped') skipped.push(reply);
        else if (reply.kind === 'error') errors.push(reply);
      });
      page.on('pageerror', (error) => {
        errors.push({ backend: 'page', message: error.message });
        resolve();
      });
    });
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIME_LIMIT_MS));
    if ((await Promise.race([finished, timeout])) === 'timeout') {
      errors.push({ backend: 'bench', message: `stopped after ${TIME_LIMIT_MS / 1000} s` });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  printTable(rows, skipped, errors);
  printSurfaceTable(surfaceRows);
  console.log(
    `\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s, ${windowMs} ms per measurement.`,
  );
}

await main();
