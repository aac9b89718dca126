/**
 * A step's ranking and its adoption: the trained runs best first (validation loss, diverged
 * runs last), a radio per run to choose which to adopt (the best is chosen to start with),
 * and "Adopt" to make it the recipe.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { rankingTable } from '../optim-lab/ranking-table';
import type { StepOutcome } from './outcome';

export interface RankingOptions {
  /** Distinguishes the radio group of one step from another's. */
  step: number;
  outcome: StepOutcome | undefined;
  /** The chosen run's index in the ranking. */
  selected: number;
  onSelect: (index: number) => void;
  onAdopt: (index: number) => void;
}

export function rankingView(o: RankingOptions): TemplateResult {
  const candidates = o.outcome?.candidates ?? [];
  if (candidates.length === 0) {
    return html`<div class="ranking" part="ranking">
      <p class="hint">
        Press <strong>Play</strong> in the lab; when every run has finished, the runs are ranked
        here and you can adopt one. Or go on without: the recipe stays as it is.
      </p>
    </div>`;
  }
  const selected = Math.min(o.selected, candidates.length - 1);
  return html`<div class="ranking" part="ranking">
    <div class="table-scroll" role="region" aria-label="Ranking" tabindex="0">
      ${rankingTable(
        candidates.map((c) => c.result),
        'Ranked by validation loss, best first',
        { name: `adopt-${o.step}`, selected, onSelect: o.onSelect },
      )}
    </div>
    <div class="actions">
      <button part="adopt-button" class="primary" type="button" @click=${() => o.onAdopt(selected)}>
        Adopt “${candidates[selected].result.label}”
      </button>
    </div>
  </div>`;
}
