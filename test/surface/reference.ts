import referenceJson from '../reference/surface.json';
import type { SurfaceConfigInput } from '../../src/surface';

/** Shape of test/reference/surface.json (written by test/reference/surface_reference.py). */
export interface SurfaceCase {
  name: string;
  /** A surface config with one run. */
  config: SurfaceConfigInput & { start: [number, number]; steps: number };
  /** Index i: point i (0 = the start). Non-finite numbers are null (JSON has none). */
  expected: {
    points: (number | null)[][];
    loss: (number | null)[];
    grad: (number | null)[][];
    /** Index i: what step i + 1 used. momentum null: the optimizer has none. */
    lr: number[];
    momentum: (number | null)[];
    /** Index i: opt.state[p] after step i + 1, torch's names; counters as numbers. */
    state: Record<string, number | number[]>[];
  };
}

export const reference = referenceJson as unknown as { torch: string; cases: SurfaceCase[] };
export const cases = reference.cases;
