/**
 * The problem a procedure walks: the author's attributes read as <optim-lab> reads them (the
 * same parsers and messages), over the procedure's own defaults, which are chosen so that the
 * steps make their points: on the spiral with less noise than the lab's default (0.05, not
 * 0.1: with 400 points the default noise blurs the arms until nothing beats 60 %) and a
 * 32-32 MLP, 50 epochs separate the recipes (published ones at 50-75 %, a tuned Adam near
 * 98 %), and a 9-run grid trains in seconds.
 */
import type { BackendPreference } from '../../src/backend/types';
import { readLabAttributes } from '../optim-lab/attributes';
import type { AttributeProblem, LabAttributeValues } from '../optim-lab/attributes';
import type { ProblemSettings } from './recipe';

export const PROBLEM_DEFAULTS = {
  dataset: { type: 'spiral', noise: 0.05 },
  model: { hidden: [32, 32] },
  training: { epochs: 50 },
} as const satisfies ProblemSettings;

export interface ProblemSetup {
  settings: ProblemSettings;
  backend: BackendPreference;
  problems: AttributeProblem[];
}

/** The problem the attributes describe; a bad attribute is reported and left out. */
export function readProblem(values: LabAttributeValues): ProblemSetup {
  const setup = readLabAttributes(values);
  const { runs: _runs, ...given } = setup.experiment;
  const settings: ProblemSettings = {
    ...given,
    dataset: { ...PROBLEM_DEFAULTS.dataset, ...given.dataset },
    model: { hidden: [...PROBLEM_DEFAULTS.model.hidden], ...given.model },
    training: { ...PROBLEM_DEFAULTS.training, ...given.training },
  };
  // `steps` given (in config) replaces the default length rather than clashing with it.
  if (settings.training?.steps !== undefined && given.training?.epochs === undefined) {
    delete settings.training.epochs;
  }
  return { settings, backend: setup.backend, problems: setup.problems };
}
