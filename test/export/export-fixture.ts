import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';

/** One experiment of test/reference/export.json (export_reference.py, torch 1.13). */
export interface ExportedExperiment {
  name: string;
  config: ExperimentConfigInput;
  /** sha256 of the exported script torch ran. */
  sha256: string;
  /** run id -> mini-batch training loss of each step, as torch computed it. */
  losses: Record<string, number[]>;
  /** The script's epoch_order(0) and epoch_order(1). */
  epochOrders: number[][];
  /** Scripts with SWA: run id -> every evaluation of its AveragedModel (valLoss and
   * valAccuracy absent without a validation split; accuracy absent for regression too). */
  swa?: Record<string, ExportedSwaSeries>;
}

export interface ExportedSwaSeries {
  steps: number[];
  valLoss?: number[];
  valAccuracy?: number[];
  trainLoss: number[];
}

export interface ExportedLambda {
  source: string;
  python: string;
  /** Python's value of the lambda at epochs 0, 1, 2, ... */
  values: number[];
}

export function loadExportFixture(): {
  torch: string;
  experiments: ExportedExperiment[];
  lambdas: ExportedLambda[];
} {
  const url = new URL('../reference/export.json', import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as ReturnType<
    typeof loadExportFixture
  >;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** |a - b| / max(|a|, |b|), 0 where both are 0. */
export function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
