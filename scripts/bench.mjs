#!/usr/bin/env node
// `npm run bench`: steps per second of the training engine inside a real Worker in headless
// Chromium, per backend, next to a naive `tf.train.adam().minimize` loop run in the same worker
// on the same backend; plus an 8-optimizer experiment against a single run; then loss-surface
// trajectories through the surface client and worker. Measurement only: nothing here asserts
// a speed. Options: --window-ms=N (measuring window per row, default 1500).
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

function printTable(rows, skipped, errors) {
  const byBackend = new Map();
  for (const row of rows) {
    const entry = byBackend.get(row.backend) ?? {};
    entry[`${row.label}@${row.batchSize}`] = row.stepsPerSecond;
    byBackend.set(row.backend, entry);
  }
  const header = ['backend', 'batch', 'naive steps/s', 'engine steps/s', 'engine / naive'];
  const lines = [header];
  const eight = [
    [
      'backend',
      '1 run steps/s',
      '8 runs steps/s',
      '8 runs: run-steps/s',
      'step time 8 runs / 1 run',
    ],
  ];
  for (const [backend, entry] of byBackend) {
    for (const batch of [32, 256]) {
      const naive = entry[`naive minimize@${batch}`];
      const engine = entry[`engine, 1 run@${batch}`];
      lines.push([
        backend,
        String(batch),
        formatRate(naive),
        formatRate(engine),
        naive ? `${(engine / naive).toFixed(2)}x` : '-',
      ]);
    }
    const one = entry['engine, 1 run@32'];
    const many = entry['engine, 8 runs@32'];
    if (many !== undefined) {
      eight.push([
        backend,
        formatRate(one),
        formatRate(many),
        formatRate(8 * many),
        `${(one / many).toFixed(1)}x`,
      ]);
    }
  }
  const print = (table) => {
    const widths = table[0].map((_, col) => Math.max(...table.map((line) => line[col].length)));
    const render = (line) => `| ${line.map((cell, col) => cell.padEnd(widths[col])).join(' | ')} |`;
    console.log(render(table[0]));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const line of table.slice(1)) console.log(render(line));
  };
  console.log(
    '\nDefault task: circle data (400 points, 320 for training), 2-16-16-1 relu MLP, Adam.',
  );
  console.log(
    'naive = tf.train.adam().minimize, loss read back each step; engine = Trainer in the same worker',
  );
  console.log(
    '(it also computes the gradient norm each step, validates each epoch and streams progress).\n',
  );
  print(lines);
  console.log(
    '\n8-run experiment (SGD, SGD+Nesterov, Adam, AdamW, NAdam, RAdam, RMSprop, Adagrad), batch 32:\n',
  );
  print(eight);
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
            `[${seconds}s] ${reply.backend.padEnd(6)} batch ${String(reply.batchSize).padEnd(3)} ${reply.label.padEnd(15)} ${formatRate(reply.stepsPerSecond)} steps/s`,
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
