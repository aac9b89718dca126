import type { CurveInput, CurveResult } from './curve-data';
import { computeCurve } from './curve-data';

/** Small ids for objects compared by identity (arrays can be long; hashing them costs O(n)). */
const ids = new WeakMap<object, number>();
let nextId = 1;
function identity(value: object | undefined): number {
  if (value === undefined) return 0;
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

/**
 * The key of a curve's inputs. A scheduler config is small, so it is compared by value: a
 * host that rebuilds an equal config object on every render (as a composite's template
 * does) must not cost a resample. Metrics and pushed values are compared by identity.
 */
export function curveKey(input: CurveInput): string {
  let schedule: string;
  try {
    schedule = JSON.stringify(input.schedule) ?? 'undefined';
  } catch {
    // A cyclic or otherwise unserialisable object: fall back to its identity.
    schedule = `#${identity(input.schedule as object)}`;
  }
  return [
    schedule,
    input.baseLr,
    input.steps,
    input.baseMomentum,
    identity(input.metrics),
    identity(input.values),
  ].join('|');
}

/** computeCurve, remembered for the last inputs: sampling is O(steps) per call. */
export class CurveMemo {
  private key?: string;
  private result: CurveResult = { ok: false, message: '' };
  private computed = 0;

  /** How many times the schedule was actually sampled (for tests and profiling). */
  get computeCount(): number {
    return this.computed;
  }

  get(input: CurveInput): CurveResult {
    const key = curveKey(input);
    if (key !== this.key) {
      this.key = key;
      this.result = computeCurve(input);
      this.computed++;
    }
    return this.result;
  }
}
