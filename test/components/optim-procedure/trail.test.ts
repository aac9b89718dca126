/** The procedure's trail: which recipe each step carries, and what a change at a step drops. */
import { describe, expect, test } from 'vitest';
import type { StepOutcome } from '../../../components/optim-procedure/outcome';
import { makeRecipe } from '../../../components/optim-procedure/recipe';
import { Trail } from '../../../components/optim-procedure/trail';

const recipe = (lr: number) => makeRecipe({}, { optimizer: { type: 'Adam', lr } });
const outcome: StepOutcome = { candidates: [], history: [] };

describe('Trail', () => {
  test('a step carries the last recipe adopted at or before it', () => {
    const trail = Trail.from(recipe(1)).adopt(1, { recipe: recipe(2), how: 'grid' });
    expect([-1, 0, 1, 2, 7].map((s) => trail.recipeAt(s).runs[0].optimizer)).toEqual([
      { type: 'Adam', lr: 1 },
      { type: 'Adam', lr: 1 },
      { type: 'Adam', lr: 2 },
      { type: 'Adam', lr: 2 },
      { type: 'Adam', lr: 2 },
    ]);
    expect(trail.adoption(1)?.how).toBe('grid');
    expect(trail.adoption(2)).toBeUndefined();
  });

  test('adopting or undoing at a step drops what later steps adopted and trained', () => {
    let trail = Trail.from(recipe(1))
      .adopt(1, { recipe: recipe(2), how: 'a' })
      .record(3, outcome)
      .adopt(3, { recipe: recipe(3), how: 'b' })
      .record(4, outcome)
      .choose(4, 2);
    expect(trail.pick(4)).toBe(2);
    trail = trail.adopt(3, undefined); // undo step 3's: its own ranking stays, step 4's goes
    expect(trail.recipeAt(7).runs[0].optimizer).toEqual({ type: 'Adam', lr: 2 });
    expect(trail.outcome(3)).toBe(outcome);
    expect(trail.outcome(4)).toBeUndefined();
    expect(trail.pick(4)).toBe(0);
    trail = trail.adopt(0, { recipe: recipe(9), how: 'preset' });
    expect(trail.adoption(1)).toBeUndefined();
    expect(trail.outcome(3)).toBeUndefined();
    expect(trail.recipeAt(7).runs[0].optimizer).toEqual({ type: 'Adam', lr: 9 });
  });

  test('a new ranking chooses its best run again', () => {
    const trail = Trail.from(recipe(1)).record(2, outcome).choose(2, 3).record(2, outcome);
    expect(trail.pick(2)).toBe(0);
  });
});
