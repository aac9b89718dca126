/** What the loss plot says in words: its summary, and the read-out at the cursor. */
import { formatValue } from '../plot/format';
import { nearestIndex } from './run-series';
import type { RunSeries, XAxis } from './run-series';

/**
 * "2 runs; latest loss: Adam 0.12 at step 300, SGD 0.3 at step 300", then, for runs with an
 * SWA average, "; SWA average validation loss (dotted): SGD 0.25 at step 300".
 */
export function summaryText(runs: readonly RunSeries[]): string {
  const n = runs.length;
  if (n === 0) return 'No runs yet.';
  const latest = (point: (run: RunSeries) => { loss: number; step: number } | undefined) =>
    runs
      .map((run) => ({ label: run.spec.label, point: point(run) }))
      .filter((r) => r.point)
      .map((r) => `${r.label} ${formatValue(r.point!.loss)} at step ${r.point!.step}`);
  const count = `${n} run${n === 1 ? '' : 's'}`;
  const training = latest((run) => run.latest());
  const text = training.length
    ? `${count}; latest loss: ${training.join(', ')}`
    : `${count}; no loss values yet`;
  const averaged = latest((run) => run.swa.latest());
  return averaged.length
    ? `${text}; SWA average validation loss (dotted): ${averaged.join(', ')}`
    : text;
}

/** The nearest point of every run at the cursor (x in the axis' units); '' without a cursor. */
export function readoutText(
  runs: readonly RunSeries[],
  axis: XAxis,
  cursor: number | undefined,
  smoothing: number,
): string {
  if (cursor === undefined) return '';
  const parts: string[] = [];
  for (const run of runs) {
    if (!run.drawable(axis) || !run.length) continue;
    const xs = run.xs(axis);
    const i = nearestIndex(xs.data, xs.length, cursor);
    const where =
      axis === 'epoch' ? `epoch ${formatValue(xs.data[i])}` : `step ${run.steps.data[i]}`;
    let text = `${run.spec.label}: loss ${formatValue(run.loss.data[i])}`;
    if (smoothing > 0) text += `, smoothed ${formatValue(run.smooth.data[i])}`;
    text += ` at ${where}`;
    const swa = run.swa.xs(axis);
    if (swa.length && cursor >= swa.data[0]) {
      const j = nearestIndex(swa.data, swa.length, cursor);
      text += `, SWA average validation loss ${formatValue(run.swa.loss.data[j])}`;
    }
    parts.push(text);
  }
  return parts.length ? parts.join('; ') : 'no points yet';
}
