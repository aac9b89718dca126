/** Step 2: a small grid search around the recipe, ranked; adopt the best. */
import { html } from 'lit';
import { formatValue } from '../../plot/format';
import { gridAround, gridRunsAround } from '../grid';
import { runOf } from '../recipe';
import type { StepDefinition } from '../step-host';

export const gridStep: StepDefinition = {
  title: 'Iterate with a small grid search',
  knowHow:
    'If the published recipe disappoints, search a little around it before you change it: a few learning rates crossed with a few momenta. Keep the grid small, since every point is a whole training, and train its points as one experiment, so that all of them see the same data, initial weights and batch order.',
  lookFor:
    'Compare runs at the same learning rate: does more momentum help or hurt? The two interact (momentum 0.9 makes the effective step about ten times the lr), so the best pairs often lie along a diagonal of the grid. Runs that diverged rank last.',
  render(host) {
    const base = runOf(host.before ?? host.current);
    const axes = Object.entries(gridAround(base))
      .map(([key, values]) => `${key} ∈ {${values.map((v) => formatValue(Number(v))).join(', ')}}`)
      .join(' × ');
    return html`<p class="grid-axes" part="grid-axes">
        The grid: <code>${axes}</code>, the rest of the recipe as it is.
      </p>
      ${host.lab(gridRunsAround(base))} ${host.ranking()}`;
  },
};
