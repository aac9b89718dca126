/** Step 6: SGD + momentum (and Nesterov) over the procedure found, raced against the recipe. */
import { html } from 'lit';
import { formatValue } from '../../plot/format';
import { runLr, runOf, withOptimizer } from '../recipe';
import type { StepDefinition } from '../step-host';

/**
 * SGD's lr against Adam's: Adam divides each step by the gradient's running RMS, SGD does
 * not, so on these small MLPs it wants about ten times the rate (0.3 where Adam takes 0.03).
 */
export const SGD_LR_FACTOR = 10;

export const sgdStep: StepDefinition = {
  title: 'SGD + momentum, for those with time',
  knowHow:
    'Carefully tuned SGD with momentum is behind many state-of-the-art results, but it is harder to tune than Adam and wants a larger learning rate. Keep the schedule you found and swap the optimizer; Nesterov momentum takes the gradient where the momentum is about to carry the weights, so it brakes earlier before an overshoot.',
  lookFor:
    'Whether SGD catches up with the Adam recipe by the end, and how much more it wobbles on the way. Try other rates in the SGD run cards: SGD is far more sensitive to the learning rate than Adam.',
  render(host) {
    const base = runOf(host.before ?? host.current);
    const sgd = base.optimizer.type === 'SGD';
    const lr = sgd ? runLr(base) : runLr(base) * SGD_LR_FACTOR;
    const momentum = { type: 'SGD' as const, lr: Number(lr.toPrecision(3)), momentum: 0.9 };
    const runs = [
      { ...base, id: 'recipe', label: `Recipe (${base.optimizer.type})` },
      { ...withOptimizer(base, momentum), id: 'sgd-momentum', label: 'SGD + momentum 0.9' },
      {
        ...withOptimizer(base, { ...momentum, nesterov: true }),
        id: 'sgd-nesterov',
        label: 'SGD + Nesterov 0.9',
      },
    ];
    return html`<p class="hint">
        SGD at lr
        ${formatValue(momentum.lr)}${sgd ? ' (the recipe’s)' : `, ${SGD_LR_FACTOR} × the recipe’s`},
        with the recipe’s schedule.
      </p>
      ${host.lab(runs)} ${host.ranking()}`;
  },
};
