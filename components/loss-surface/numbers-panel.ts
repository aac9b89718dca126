/**
 * "The update in numbers": pick a run and a step (a slider, so the arrow keys, PageUp/Down,
 * Home and End move it) and read that step's θ, g, lr, the optimizer's state under torch's
 * names, the derived bias corrections and the update Δθ, as a table and as the update rule
 * typeset with those numbers, under the rule in symbols.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Point, SurfaceRun } from '../../src/surface/types';
import { updateRuleMarkup } from '../shared/math';
import { formatNumber } from './run-text';
import type { StepNumbers } from './step-math';
import { numbersMarkup } from './update-tex';

export interface NumbersPanelOptions {
  runs: readonly SurfaceRun[];
  selected: number;
  /** Steps the selected run has taken (the slider's max). */
  steps: number;
  numbers: StepNumbers | undefined;
  onRun: (index: number) => void;
  onStep: (step: number) => void;
}

interface Row {
  key: string;
  label: TemplateResult;
  value: number | Point;
}

const code = (name: string) => html`<code>${name}</code>`;

/** The table's rows: what the step was fed, what the optimizer holds, what it did. */
export function numberRows(n: StepNumbers): Row[] {
  const { view } = n;
  const rows: Row[] = [
    { key: 'theta', label: html`θ<sub>t−1</sub> (before the step)`, value: view.theta },
    { key: 'loss', label: html`f(θ<sub>t−1</sub>)`, value: view.loss },
    { key: 'grad', label: html`∇f(θ<sub>t−1</sub>), ${code('p.grad')}`, value: view.grad },
  ];
  if (n.decay === 'coupled' || n.optimizer.maximize) {
    rows.push({
      key: 'effective-grad',
      label: html`g<sub>t</sub> as the rule uses it`,
      value: n.grad,
    });
  }
  rows.push({ key: 'lr', label: html`lr (γ) this step used`, value: view.lr });
  if (view.momentum !== undefined) {
    const name =
      n.optimizer.type === 'SGD' || n.optimizer.type === 'RMSprop' ? 'momentum' : 'betas[0]';
    rows.push({ key: 'momentum', label: html`${code(name)} this step used`, value: view.momentum });
  }
  for (const [name, value] of Object.entries(view.state)) {
    // torch's SGD keeps no step counter (the engine's does): show torch's state only.
    if (name === 'step' && n.optimizer.type === 'SGD' && !n.lookahead) continue;
    rows.push({ key: `state.${name}`, label: html`${code(`state['${name}']`)}`, value });
  }
  const { first, second } = n.biasCorrection ?? {};
  if (first !== undefined)
    rows.push({ key: 'bias_correction1', label: code('bias_correction1'), value: first });
  if (second !== undefined)
    rows.push({ key: 'bias_correction2', label: code('bias_correction2'), value: second });
  if (n.corrected?.m) rows.push({ key: 'm_hat', label: html`m̂<sub>t</sub>`, value: n.corrected.m });
  if (n.corrected?.v) rows.push({ key: 'v_hat', label: html`v̂<sub>t</sub>`, value: n.corrected.v });
  if (n.decayedLr !== undefined)
    rows.push({ key: 'clr', label: html`decayed lr`, value: n.decayedLr });
  if (view.lookAhead)
    rows.push({ key: 'look-ahead', label: html`look-ahead θ − γμb`, value: view.lookAhead });
  rows.push(
    { key: 'delta', label: html`Δθ (the update)`, value: view.delta },
    { key: 'theta-next', label: html`θ<sub>t</sub> (after)`, value: view.thetaNext },
    { key: 'loss-next', label: html`f(θ<sub>t</sub>)`, value: view.lossNext },
  );
  return rows;
}

function cells(value: number | Point): TemplateResult {
  return Array.isArray(value)
    ? html`<td>${formatNumber(value[0])}</td>
        <td>${formatNumber(value[1])}</td>`
    : html`<td colspan="2">${formatNumber(value)}</td>`;
}

export function numbersPanel(o: NumbersPanelOptions): TemplateResult {
  const n = o.numbers;
  const step = n?.view.step ?? 1;
  const run = o.runs[o.selected];
  return html`<details class="numbers" part="numbers" open>
    <summary>The update in numbers</summary>
    <div class="numbers-controls">
      <label class="control"
        >Run
        <select
          part="run-select"
          @change=${(e: Event) => o.onRun(Number((e.target as HTMLSelectElement).value))}
        >
          ${o.runs.map(
            (r, i) => html`<option value=${i} ?selected=${i === o.selected}>${r.label}</option>`,
          )}
        </select>
      </label>
      <label class="control step-control"
        >Step
        <input
          part="step-slider"
          type="range"
          min="1"
          max=${Math.max(1, o.steps)}
          .value=${String(step)}
          ?disabled=${o.steps < 1}
          aria-valuetext=${`step ${step} of ${o.steps}`}
          @input=${(e: Event) => o.onStep(Number((e.target as HTMLInputElement).value))}
        />
      </label>
      <output part="step-output">step ${step} of ${o.steps}</output>
    </div>
    ${
      n === undefined || run === undefined
        ? html`<p class="note">No step to show yet.</p>`
        : html`<table part="numbers-table">
              <caption>
                ${run.label}, step ${step}: from θ<sub>t−1</sub>
                to θ<sub>t</sub>
              </caption>
              <thead>
                <tr>
                  <th scope="col">quantity</th>
                  <th scope="col">x</th>
                  <th scope="col">y</th>
                </tr>
              </thead>
              <tbody>
                ${numberRows(n).map(
                  (row) =>
                    html`<tr data-key=${row.key}>
                      <th scope="row">${row.label}</th>
                      ${cells(row.value)}
                    </tr>`,
                )}
              </tbody>
            </table>
            <!-- Long rules scroll sideways: focusable, so the keyboard can scroll them. -->
            <div class="rules">
              <figure part="rule" class="math" tabindex="0">
                <figcaption>${n.optimizer.type}'s update rule</figcaption>
                ${unsafeHTML(updateRuleMarkup(n.optimizer.type))}
              </figure>
              <figure part="math" class="math" tabindex="0">
                <figcaption>with the numbers of step ${step}</figcaption>
                ${unsafeHTML(numbersMarkup(n))}
              </figure>
            </div>
            ${
              n.lookahead
                ? html`<p class="note">
                    Lookahead (k = ${n.lookahead.k}, α = ${n.lookahead.alpha}) wraps
                    ${n.optimizer.type}: the rule above is the inner optimizer's; every k-th step θ
                    is pulled back to the slow weights.
                  </p>`
                : nothing
            }`
    }
  </details>`;
}
