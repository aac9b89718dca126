// A procedure's shared state (components/optim-procedure/procedure-state.ts) through the
// real codec: what goes in comes back (token and JSON), and everything it cannot use is
// refused with its path before anything is used.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../components/optim-procedure/presets';
import {
  defaultChoices,
  procedureState,
  readProcedureState,
} from '../../../components/optim-procedure/procedure-state';
import type { ProcedureSnapshot } from '../../../components/optim-procedure/procedure-state';
import { horizonOf, makeRecipe } from '../../../components/optim-procedure/recipe';
import { PROBLEM_DEFAULTS } from '../../../components/optim-procedure/problem';
import { ConfigError } from '../../../src/protocol/validation';
import {
  ShareError,
  decodeLabState,
  encodeLabState,
  labStateFromJson,
  labStateToJson,
} from '../../../src/share/index';
import type { LabState } from '../../../src/share/index';

const STEPS = 8;
const settings = PROBLEM_DEFAULTS;
const start = makeRecipe(settings, PRESETS[0].run(horizonOf(settings)));
const fastai = makeRecipe(settings, PRESETS[2].run(horizonOf(settings)));
const adam = makeRecipe(settings, { optimizer: { type: 'Adam', lr: 0.018 } });

const SNAPSHOT: ProcedureSnapshot = {
  start,
  step: 4,
  choices: {
    ...defaultChoices('fastai', 3),
    finderOptimizer: 'RAdam',
    schedule: 'StepLR',
    scheduleEdit: { type: 'StepLR', stepSize: 7, gamma: 0.5 },
  },
  adopted: [
    [0, { how: 'the fastai 1cycle preset', recipe: fastai }],
    [2, { how: 'Adam at lr 0.018, from the LR range test', recipe: adam }],
  ],
};

function refused(state: LabState): Error {
  try {
    readProcedureState(state, STEPS);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the state to be refused');
}

const withUi = (ui: Record<string, unknown>): LabState =>
  ({ config: start, ui }) as unknown as LabState;

describe('a procedure state round trip', () => {
  it('comes back the same through a token and through JSON', async () => {
    const state = procedureState(SNAPSHOT);
    const token = await encodeLabState(state, 'optim-procedure');
    expect(readProcedureState(await decodeLabState(token, 'optim-procedure'), STEPS)).toEqual(
      SNAPSHOT,
    );
    const json = labStateToJson(state, 'optim-procedure');
    expect(readProcedureState(labStateFromJson(json, 'optim-procedure'), STEPS)).toEqual(SNAPSHOT);
  });

  it('leaves an undone choice out, and reads a missing one as the default', () => {
    const snapshot = { ...SNAPSHOT, choices: { ...SNAPSHOT.choices, schedule: undefined } };
    const state = procedureState(snapshot);
    expect(state.ui?.choices).not.toHaveProperty('schedule');
    expect(readProcedureState(state, STEPS).choices).not.toHaveProperty('schedule');
  });

  it('a bare experiment reads as a procedure starting from its first run, at step 1', () => {
    const read = readProcedureState(
      {
        config: {
          training: { epochs: 4 },
          runs: [
            { optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1 } },
          ],
        },
      },
      STEPS,
    );
    expect(read.step).toBe(0);
    expect(read.adopted).toEqual([]);
    expect(read.choices).toEqual(defaultChoices());
    // 400 points, 320 to train on, batch 32: 10 steps an epoch, 40 in all.
    expect(read.start.runs[0].scheduler).toEqual({
      type: 'OneCycleLR',
      maxLr: 0.1,
      totalSteps: 40,
    });
    expect(read.start.runs[0].id).toBe('recipe');
  });
});

describe('what a procedure state cannot hold is refused with its path', () => {
  it.each([
    [{ step: 8 }, 'ui.step: must be a step from 0 to 7, got 8'],
    [{ step: 1.5 }, 'ui.step: must be a step from 0 to 7, got 1.5'],
    [{ weights: [] }, 'ui.weights: unknown field (known: step, choices, adopted)'],
    [{ choices: 'fastai' }, 'ui.choices: must be an object'],
    [
      { choices: { preset: 'vgg' } },
      'ui.choices.preset: must be one of resnet, transformer, fastai, got "vgg"',
    ],
    [
      { choices: { finderOptimizer: 'SGD' } },
      'ui.choices.finderOptimizer: must be one of Adam, RAdam, got "SGD"',
    ],
    [
      { choices: { schedule: 'LambdaLR' } },
      'ui.choices.schedule: must be one of StepLR, MultiStepLR, ReduceLROnPlateau, OneCycleLR, CosineAnnealingWarmRestarts, got "LambdaLR"',
    ],
    [{ choices: { searchRuns: 8 } }, 'ui.choices.searchRuns: must be text, got 8'],
    [{ adopted: {} }, 'ui.adopted: must be a list'],
    [
      { adopted: [{ step: 1, how: 'x', recipe: adam, extra: 1 }] },
      'ui.adopted[0].extra: unknown field (known: step, how, recipe)',
    ],
    [
      {
        adopted: [
          { step: 3, how: 'x', recipe: adam },
          { step: 3, how: 'y', recipe: adam },
        ],
      },
      'ui.adopted[1].step: must come after step 3 (one adoption a step, in order)',
    ],
    [{ adopted: [{ step: 1, how: 2, recipe: adam }] }, 'ui.adopted[0].how: must be text, got 2'],
    [
      { adopted: [{ step: 1, how: 'x', recipe: { runs: [] } }] },
      'ui.adopted[0].recipe: must be an experiment whose first run is the recipe, e.g. { "runs": [...] }',
    ],
  ])('%j', (ui, message) => {
    const error = refused(withUi(ui));
    expect(error).toBeInstanceOf(ShareError);
    expect(error.message).toBe(message);
  });

  it('an invalid recipe or schedule is the ConfigError of its field, under its path', () => {
    const lr = refused(
      withUi({
        adopted: [
          { step: 1, how: 'x', recipe: { runs: [{ optimizer: { type: 'Adam', lr: -1 } }] } },
        ],
      }),
    );
    expect(lr).toBeInstanceOf(ConfigError);
    expect((lr as ConfigError).path).toBe('ui.adopted[0].recipe.runs[0].optimizer.lr');
    const edit = refused(withUi({ choices: { scheduleEdit: { type: 'StepLR', stepSize: 0 } } }));
    expect(edit).toBeInstanceOf(ConfigError);
    expect((edit as ConfigError).path).toBe('ui.choices.scheduleEdit.stepSize');
  });
});
