/**
 * Runs ranked by validation loss as a table (rank, run, validation loss and accuracy,
 * status), shared by the lab's grid search and the procedure's steps; with `pick`, a radio
 * in a first column chooses one run (labelled by the run's name).
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { RankedRun } from '../../src/train/grid-search';
import { formatValue } from '../plot/format';

export interface RankingPick {
  /** The radio group's name (and the start of each radio's id). */
  name: string;
  selected: number;
  onSelect: (index: number) => void;
}

const percent = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '–');
const loss = (v: number) => (Number.isFinite(v) ? formatValue(v) : '–');

export function rankingTable(
  ranked: readonly RankedRun[],
  caption: string,
  pick?: RankingPick,
): TemplateResult {
  const id = (index: number) => `${pick?.name}-${index}`;
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${pick ? html`<th scope="col">Adopt</th>` : nothing}
        <th scope="col">Rank</th>
        <th scope="col">Run</th>
        <th scope="col">Val loss</th>
        <th scope="col">Val accuracy</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${ranked.map(
        (run, index) =>
          html`<tr>
            ${
              pick
                ? html`<td>
                    <input
                      type="radio"
                      name=${pick.name}
                      id=${id(index)}
                      .checked=${index === pick.selected}
                      @change=${() => pick.onSelect(index)}
                    />
                  </td>`
                : nothing
            }
            <td>${index + 1}</td>
            <th scope="row">
              ${pick ? html`<label for=${id(index)}>${run.label}</label>` : run.label}
            </th>
            <td>${loss(run.valLoss)}</td>
            <td>${percent(run.valAccuracy)}</td>
            <td>${run.status}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
