import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One case of test/reference/schedule.json (written by schedule_reference.py with torch 1.13). */
export interface ScheduleCase {
  name: string;
  config: { type: string } & Record<string, unknown>;
  steps: number;
  baseLr: number;
  optimizer: 'SGD' | 'Adam';
  metrics?: number[];
  lr: number[];
  momentum?: number[];
}

function loadFixture(): { cases: ScheduleCase[]; pastEnd: PastEndCase[] } {
  const url = new URL('../reference/schedule.json', import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as {
    cases: ScheduleCase[];
    pastEnd: PastEndCase[];
  };
}

export function loadScheduleCases(): ScheduleCase[] {
  return loadFixture().cases;
}

/** Index of the first value that differs by more than `rel` relative (tiny absolute floor). */
export function firstMismatch(
  actual: readonly number[],
  expected: readonly number[],
  rel = 1e-12,
): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(Math.abs(actual[i]), Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= rel * scale + 1e-300)) return i;
  }
  return -1;
}

/**
 * A scheduler that has an end, stepped past it (schedule.json `pastEnd`). `final` is the index
 * of the first step that uses the schedule's final lr; `extraStepError` is what torch raised
 * on the last scheduler.step() (OneCycleLR, one call after its end), if it raised.
 */
export interface PastEndCase extends ScheduleCase {
  final: number;
  extraStepError?: string;
}

export function loadPastEndCases(): PastEndCase[] {
  return loadFixture().pastEnd;
}
