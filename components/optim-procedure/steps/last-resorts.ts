/**
 * Steps 7 and 8, the last resorts: AutoML (what it is and when, nothing to train) and a
 * large hyperparameter search, tasted as a bounded, seeded random search over the recipe's
 * lr and weight decay.
 */
import { html, nothing } from 'lit';
import { MAX_RUNS } from '../../../src/protocol/experiment';
import { formatValue } from '../../plot/format';
import { LR_SPAN, WEIGHT_DECAY_RANGE, randomSearchRuns, searchProblem } from '../random-search';
import { runLr, runOf } from '../recipe';
import type { ProcedureHost, StepDefinition } from '../step-host';

export const automlStep: StepDefinition = {
  title: 'AutoML, a last resort',
  knowHow:
    'AutoML systems such as AutoGluon or neural architecture search try models, optimizers and their settings for you, and often ensemble the best of what they find. They need far more hardware than one training, and what they return is hard to understand or to carry to the next problem.',
  lookFor:
    'Nothing to train here. Turn to AutoML once the steps above have stopped helping and you have the hardware; the next step shows, on a small scale, what such a search does with the recipe.',
  render() {
    return html`<ul class="facts" part="automl">
      <li>
        <strong>What it searches:</strong> the architecture (layers, widths, activations), the
        optimizer and its schedule, regularization, sometimes the data preparation: everything this
        procedure fixed or tuned by hand.
      </li>
      <li>
        <strong>When:</strong> when you have the hardware for hundreds of trainings and the
        procedure above no longer moves the score. Not before: a tuned Adam recipe is most of the
        way there, at a tiny fraction of the cost.
      </li>
      <li>
        <strong>The price:</strong> compute, a model you did not design and may not understand, and
        a validation set that many trials have been fitted to (keep a test set apart).
      </li>
      <li>
        To try one: <a href="https://auto.gluon.ai/stable/index.html">AutoGluon</a> trains and
        ensembles many models on tabular, text and image data with a few lines of code.
      </li>
    </ul>`;
  },
};

function readWhole(raw: string): number {
  return /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
}

function searchInputs(host: ProcedureHost, problem: string | undefined) {
  const field = (key: 'searchRuns' | 'searchSeed', label: string, max: number) => {
    const wrong = problem?.startsWith(label) ?? false;
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <input
        id=${key}
        type="number"
        inputmode="numeric"
        min=${key === 'searchRuns' ? 1 : 0}
        max=${max}
        step="1"
        .value=${host.choices[key]}
        aria-invalid=${wrong ? 'true' : 'false'}
        aria-describedby=${wrong ? 'search-problem' : nothing}
        @change=${(e: Event) => host.choose({ [key]: (e.target as HTMLInputElement).value })}
      />
    </div>`;
  };
  return html`<div class="search-settings" part="search-settings">
    ${field('searchRuns', 'Runs', MAX_RUNS)} ${field('searchSeed', 'Seed', 0xffffffff)}
  </div>`;
}

export const searchStep: StepDefinition = {
  title: 'Hyperparameter search, a last resort',
  knowHow:
    'With hardware to spare, and truly stuck after the steps above, search the hyperparameters at large. Random search beats a grid when only a few settings matter, since every run tries new values of each; draw rates on a log scale, because going from 0.001 to 0.01 matters as much as going from 0.01 to 0.1.',
  lookFor:
    'Where the best runs cluster: at the edge of the range means the range was wrong. A large weight decay tends to underfit, a high lr diverges and ranks last. The same seed draws the same runs.',
  render(host) {
    const base = runOf(host.before ?? host.current);
    const settings = {
      runs: readWhole(host.choices.searchRuns),
      seed: readWhole(host.choices.searchSeed),
    };
    const problem = searchProblem(settings);
    const lr = runLr(base);
    return html`<p class="hint">
        Each run draws its lr log-uniformly from ${formatValue(lr / LR_SPAN)} to
        ${formatValue(lr * LR_SPAN)} and its weight decay from ${formatValue(WEIGHT_DECAY_RANGE[0])}
        to ${formatValue(WEIGHT_DECAY_RANGE[1])}; at most ${MAX_RUNS} runs.
      </p>
      ${searchInputs(host, problem)}
      ${
        problem
          ? html`<p class="error" id="search-problem" role="alert">${problem}</p>`
          : html`${host.lab(randomSearchRuns(base, settings))} ${host.ranking()}`
      }`;
  },
};
