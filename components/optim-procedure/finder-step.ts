/**
 * Step 3's LR range test: the worker's findLr on the recipe's problem, run on demand as a
 * @lit/task (its status is the step's busy state, its error the step's message) through the
 * procedure's own ExperimentController, with Adam or RAdam, the lr growing from 1e-7 to 10
 * unless the loss blows up first (findLr stops once the smoothed loss passes 4x its best).
 *
 * It takes as many steps as the recipe's training, within FINDER_STEPS: fastai's 100 suit a
 * network that learns within an epoch, but a small MLP on the spiral learns nothing in 100
 * steps at any rate, so its curve would be flat; over the training's 500 it falls, and the
 * suggestions land where a tuned Adam does (about 0.01 to 0.04).
 */
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { BackendPreference } from '../../src/backend/types';
import type { LrFinderResult } from '../../src/protocol/api';
import { ExperimentController } from '../controllers/experiment-controller';
import { horizonOf, runOf, settingsOf } from './recipe';
import type { Recipe } from './recipe';
import type { FinderOptimizer } from './step-host';

export type { FinderOptimizer } from './step-host';

/** The fewest and most steps the range test takes (one lr each). */
export const FINDER_STEPS = { min: 100, max: 1000 } as const;

export function finderSteps(recipe: Recipe): number {
  const { totalSteps } = horizonOf(settingsOf(recipe));
  return Math.min(FINDER_STEPS.max, Math.max(FINDER_STEPS.min, totalSteps));
}

export interface Tested {
  optimizer: FinderOptimizer;
  /** The recipe the test ran on (its problem and schedule). */
  recipe: Recipe;
  result: LrFinderResult;
}

export class FinderStep {
  private readonly experiment: ExperimentController;
  private readonly task: Task<[Recipe, FinderOptimizer], Tested | undefined>;
  private dropped = false;

  constructor(host: ReactiveControllerHost & HTMLElement, onError: (message: string) => void) {
    this.experiment = new ExperimentController(host, {
      onError: (error) => {
        onError(error.message);
        return error.message;
      },
    });
    this.task = new Task(host, {
      autoRun: false,
      task: async ([recipe, optimizer]) => {
        this.dropped = false;
        this.experiment.load({ ...settingsOf(recipe), runs: [runOf(recipe)] });
        const result = await this.experiment.whenPaused((client) =>
          client.findLr({ optimizer: { type: optimizer }, steps: finderSteps(recipe) }),
        );
        return result ? { optimizer, recipe, result } : undefined;
      },
      onError: (error) => onError(error instanceof Error ? error.message : String(error)),
    });
  }

  set backend(choice: BackendPreference) {
    this.experiment.backend = choice;
  }

  get running(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** Why the last test failed, or ''. */
  get error(): string {
    if (this.task.status !== TaskStatus.ERROR) return '';
    const error = this.task.error;
    return `The LR range test failed: ${error instanceof Error ? error.message : String(error)}`;
  }

  /** The last test's result (none after `drop`). */
  get tested(): Tested | undefined {
    return this.dropped || this.task.status !== TaskStatus.COMPLETE ? undefined : this.task.value;
  }

  /** Runs the test; resolves when it is done or failed. */
  async run(recipe: Recipe, optimizer: FinderOptimizer): Promise<void> {
    if (this.running) return;
    await this.task.run([recipe, optimizer]).catch(() => {});
  }

  /** Forgets the result (an earlier step changed the recipe it was run on). */
  drop(): void {
    this.dropped = true;
  }
}
