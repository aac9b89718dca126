/**
 * What the element says about its runs in words: the messages when a run diverges or leaves
 * the view box, the legend's status, the plot's text summary, and the numbers panel's
 * number format. Pure: no DOM.
 */
import type { SurfaceConfig, SurfaceRun } from '../../src/surface/types';
import { SURFACES } from '../../src/surface/functions';

/** Six significant digits: what the numbers panel shows (rounding is below 1e-5 relative). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e7) return value.toExponential(5).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(6)));
}

/** Three significant digits, for sentences. */
export function roughNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

export const pointText = (x: number, y: number) => `(${roughNumber(x)}, ${roughNumber(y)})`;

export interface RunMessage {
  run: number;
  /** The step from which the message applies. */
  step: number;
  kind: 'diverged' | 'left-view';
  text: string;
}

/** The messages of every run, in run order, as of `step` (only what has happened by then). */
export function runMessages(runs: readonly SurfaceRun[], step: number): RunMessage[] {
  const messages: RunMessage[] = [];
  runs.forEach((run, index) => {
    if (run.leftView !== undefined && run.leftView <= step) {
      const text =
        run.leftView === 0
          ? `${run.label} starts outside the view box.`
          : `${run.label} left the view box at step ${run.leftView}.`;
      messages.push({ run: index, step: run.leftView, kind: 'left-view', text });
    }
    if (run.diverged && run.diverged.point <= step) {
      messages.push({
        run: index,
        step: run.diverged.point,
        kind: 'diverged',
        text: `${run.label} diverged at step ${run.diverged.point} and stopped: ${run.diverged.message}.`,
      });
    }
  });
  return messages;
}

/** The point a run shows at `step`: its last one when it stopped earlier. */
export const shownPoint = (run: SurfaceRun, step: number) => Math.min(step, run.steps);

/** The legend's words for a run at `step`: f there, or why it stopped. */
export function runStatus(run: SurfaceRun, step: number): string {
  const at = shownPoint(run, step);
  if (run.diverged && run.diverged.point <= step) return `diverged at step ${run.diverged.point}`;
  return `f = ${roughNumber(run.loss[at])}`;
}

/** The plot's text alternative: the surface, its marks, and where each run is at `step`. */
export function summaryText(
  config: SurfaceConfig,
  runs: readonly SurfaceRun[],
  step: number,
): string {
  const spec = SURFACES[config.function];
  const view = `x from ${config.view.x[0]} to ${config.view.x[1]}, y from ${config.view.y[0]} to ${config.view.y[1]}`;
  const marks = spec.marks.length
    ? ` ${spec.marks.map((m) => `${m.kind} at ${pointText(m.x, m.y)}`).join(', ')}.`
    : '';
  const where = runs
    .map((run) => {
      const at = shownPoint(run, step);
      const point = pointText(run.points[2 * at], run.points[2 * at + 1]);
      return `${run.label}: ${runStatus(run, step)} at ${point}`;
    })
    .join('; ');
  const start = pointText(config.start[0], config.start[1]);
  const surface =
    config.function === 'expression'
      ? `f(x, y) = ${config.expression}`
      : `the ${spec.title} function`;
  return `Contours of ${surface}, ${view}.${marks} ${runs.length} runs from ${start}, step ${step} of ${config.steps}. ${where}.`;
}
