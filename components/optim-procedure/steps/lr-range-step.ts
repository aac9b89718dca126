/**
 * Step 3: the LR range test with Adam or RAdam until the loss blows up; adopt one of its
 * suggestions (or any lr read off the plot).
 */
import { html, nothing } from 'lit';
import '../../lr-finder-plot/index';
import type { LrPickDetail } from '../../lr-finder-plot/index';
import { formatValue } from '../../plot/format';
import { choiceGroup } from '../choices';
import { runOf, withOptimizer } from '../recipe';
import { FINDER_OPTIMIZERS } from '../step-host';
import type { FinderOptimizer, ProcedureHost, StepDefinition } from '../step-host';

/** Each suggestion the plot marks, and why it is a reasonable pick. */
const SUGGESTIONS: readonly [string, string][] = [
  [
    'steepest',
    'where the smoothed loss falls fastest against log(lr): the rate at which the model learns quickest, though it may be close to the edge.',
  ],
  [
    'min / 10',
    "the rate of the lowest loss, divided by ten: at the minimum the loss is already about to blow up, so a tenth of it is safely below (the lesson's rule).",
  ],
  [
    'valley',
    "fastai's default: about two thirds of the way down the longest stretch over which the loss keeps falling; it holds up better than the others on a noisy curve.",
  ],
];

function pick(host: ProcedureHost, optimizer: FinderOptimizer, lr: number): void {
  const run = withOptimizer(runOf(host.before ?? host.current), { type: optimizer, lr });
  host.adopt(run, `${optimizer} at lr ${formatValue(lr)}, from the LR range test`);
}

export const lrRangeStep: StepDefinition = {
  title: 'For a custom architecture: the LR range test',
  knowHow:
    'For a model nobody has published a recipe for, let the data choose the learning rate: train a throwaway copy while the rate grows, one step per rate, from 1e-7 until the loss blows up (here up to 10, over as many steps as the training). Test with the optimizer you will train with, usually Adam or RAdam, and pick a rate well below the blow-up, about ten times lower than where the loss is lowest.',
  lookFor:
    'A flat start (too small a rate to learn), a fall, then the blow-up. Good rates lie on the falling part, before the bottom. When the curve is noisy the plot says so, and its markers are only rough.',
  render(host) {
    const finder = host.finder;
    const chosen = host.choices.finderOptimizer;
    const recipe = host.before ?? host.current;
    const tested = finder.tested;
    const busy = finder.running;
    return html`
      <div class="finder-actions">
        ${choiceGroup({
          name: 'finder',
          legend: 'Optimizer to test',
          part: 'finder-optimizers',
          choices: FINDER_OPTIMIZERS.map((name) => ({ value: name, label: name })),
          checked: chosen,
          disabled: busy,
          inline: true,
          onChange: (name) => host.choose({ finderOptimizer: name }),
        })}
        <button
          part="find-lr-button"
          class="primary"
          type="button"
          ?disabled=${busy}
          aria-busy=${busy ? 'true' : 'false'}
          @click=${() => void finder.run(recipe, chosen)}
        >
          ${busy ? 'Running the LR range test…' : `Run the LR range test with ${chosen}`}
        </button>
      </div>
      <dl class="suggestions" part="suggestions">
        ${SUGGESTIONS.map(
          ([name, why]) =>
            html`<dt>${name}</dt>
              <dd>${why}</dd>`,
        )}
      </dl>
      ${finder.error ? html`<p class="error" role="alert">${finder.error}</p>` : nothing}
      ${
        tested
          ? html`<p class="hint" part="finder-status">
                Tested with
                ${tested.optimizer}${
                  tested.result.stoppedEarly ? ', stopped when the loss blew up' : ''
                }.
                Press a <strong>Use lr</strong> button to adopt that rate with ${tested.optimizer}.
              </p>
              <lr-finder-plot
                part="lr-finder-plot"
                .result=${tested.result}
                @lr-pick=${(e: CustomEvent<LrPickDetail>) =>
                  pick(host, tested.optimizer, e.detail.lr)}
              ></lr-finder-plot>`
          : html`<p class="hint" part="finder-status">
              ${busy ? 'Training a throwaway copy of the model…' : 'No test run yet.'}
            </p>`
      }
    `;
  },
};
