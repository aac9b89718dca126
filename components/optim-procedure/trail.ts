/**
 * What the learner did along the procedure, step by step: the recipe each step adopted (with
 * where it came from), what each step's lab trained, and which ranked run is chosen. The
 * recipe at a step is the last one adopted at or before it, else the starting one. Immutable:
 * every change returns a new trail, so the element re-renders by assignment. Pure: no DOM.
 */
import type { StepOutcome } from './outcome';
import type { Recipe } from './recipe';

export interface Adoption {
  recipe: Recipe;
  /** Where it came from, in words. */
  how: string;
}

export class Trail {
  private constructor(
    /** The recipe before the first step. */
    readonly start: Recipe,
    private readonly adoptions: ReadonlyMap<number, Adoption>,
    private readonly outcomes: ReadonlyMap<number, StepOutcome>,
    private readonly picks: ReadonlyMap<number, number>,
  ) {}

  static from(start: Recipe): Trail {
    return new Trail(start, new Map(), new Map(), new Map());
  }

  /** The recipe after `step` (0-based; -1: the start). */
  recipeAt(step: number): Recipe {
    for (let k = step; k >= 0; k--) {
      const adoption = this.adoptions.get(k);
      if (adoption) return adoption.recipe;
    }
    return this.start;
  }

  adoption(step: number): Adoption | undefined {
    return this.adoptions.get(step);
  }

  /** Every adoption, by step, in step order. */
  adopted(): [step: number, adoption: Adoption][] {
    return [...this.adoptions].sort(([a], [b]) => a - b);
  }

  outcome(step: number): StepOutcome | undefined {
    return this.outcomes.get(step);
  }

  /** The chosen run of the step's ranking (the best, 0, until another is chosen). */
  pick(step: number): number {
    return this.picks.get(step) ?? 0;
  }

  /**
   * `adoption` made at `step` (none: undo the step's). What later steps adopted or trained
   * was built on the recipe that is now replaced, so it is dropped.
   */
  adopt(step: number, adoption: Adoption | undefined): Trail {
    const upTo = <T>(map: ReadonlyMap<number, T>, last: number) =>
      new Map([...map].filter(([k]) => k <= last));
    const adoptions = upTo(this.adoptions, step - 1);
    if (adoption) adoptions.set(step, adoption);
    return new Trail(this.start, adoptions, upTo(this.outcomes, step), upTo(this.picks, step));
  }

  /** The step's lab trained to its end: its ranking, the best run chosen. */
  record(step: number, outcome: StepOutcome): Trail {
    return new Trail(
      this.start,
      this.adoptions,
      new Map(this.outcomes).set(step, outcome),
      new Map(this.picks).set(step, 0),
    );
  }

  choose(step: number, pick: number): Trail {
    return new Trail(
      this.start,
      this.adoptions,
      this.outcomes,
      new Map(this.picks).set(step, pick),
    );
  }
}
