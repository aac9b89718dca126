/**
 * What a step's lab trained: each run ranked by validation loss (the lab's grid-search
 * ranking, diverged runs last) with the config it trained with, and every loss point, kept so
 * that a later step can show what the loss did (and the ranking survives leaving the step).
 */
import type { RunConfigInput } from '../../src/protocol/experiment';
import { rankRuns } from '../../src/train/grid-search';
import type { RankedRun } from '../../src/train/grid-search';
import type { RunHistory } from '../loss-plot/run-series';
import type { RunSnapshot } from '../optim-lab/run-tracker';

export interface Candidate {
  run: RunConfigInput;
  result: RankedRun;
}

export interface StepOutcome {
  /** Best first. */
  candidates: Candidate[];
  history: RunHistory[];
}

/** Ranks what a lab reported at its end; runs are matched to their configs by id. */
export function outcomeOf(
  runs: readonly RunConfigInput[],
  snapshots: readonly RunSnapshot[],
  history: RunHistory[],
): StepOutcome {
  const ranked = rankRuns({
    runs: snapshots.map((s) => ({
      id: s.runId,
      label: s.label,
      status: s.status,
      valLoss: s.valLoss,
      valAccuracy: s.valAccuracy,
      diverged: s.diverged,
    })),
  });
  const candidates = ranked.flatMap((result) => {
    const run = runs.find((r) => r.id === result.runId);
    return run ? [{ run: structuredClone(run), result }] : [];
  });
  return { candidates, history };
}

/** The loss history of the run `id` in an outcome. */
export function historyOf(outcome: StepOutcome, id: string | undefined): RunHistory | undefined {
  return outcome.history.find((h) => h.spec.id === id);
}
