/** Step 4: Adam as the default, with a warm-up, or RAdam without one: race the three. */
import { html } from 'lit';
import type { RunConfigInput } from '../../../src/protocol/experiment';
import { DEFAULT_RUN } from '../../optim-lab/attributes';
import { formatValue } from '../../plot/format';
import { warmupCosine } from '../presets';
import { runLr, runOf } from '../recipe';
import type { StepDefinition } from '../step-host';

/** The optimizers whose lr is on Adam's scale: the recipe's lr carries over to Adam. */
const ADAM_FAMILY = new Set(['Adam', 'AdamW', 'NAdam', 'RAdam', 'Adamax']);

export const adamStep: StepDefinition = {
  title: 'Adam as the default: with a warm-up, or RAdam',
  knowHow:
    "Adam (AdamW when you use weight decay) is the sensible default: it scales each parameter's step by that parameter's own gradient statistics, and it forgives a learning rate that is somewhat off. Those statistics are unreliable in the first steps, so warm up: start with a small rate and raise it. RAdam corrects for that early variance by itself and needs no warm-up.",
  lookFor:
    'The first few dozen steps: the warm-up run starts slower but steadier, while plain Adam may jump or stall at first. Then the end: the cosine after the warm-up takes the rate to 0, and the loss comes down smoothly with it.',
  render(host) {
    const base = runOf(host.before ?? host.current);
    const adaptive = ADAM_FAMILY.has(base.optimizer.type);
    const lr = runLr(adaptive ? base : DEFAULT_RUN);
    const runs: RunConfigInput[] = [
      { id: 'adam', label: 'Adam', optimizer: { type: 'Adam', lr } },
      {
        id: 'adam-warmup',
        label: 'Adam + warm-up + cosine',
        optimizer: { type: 'Adam', lr },
        scheduler: warmupCosine(host.horizon),
      },
      { id: 'radam', label: 'RAdam', optimizer: { type: 'RAdam', lr } },
    ];
    return html`<p class="hint">
        All three at lr
        ${formatValue(lr)}${
          adaptive
            ? ', the recipe’s.'
            : html`: the recipe is ${base.optimizer.type}, whose rates are on another scale, so this
              is the lab’s default for Adam (the LR range test of step 3 finds a better one).`
        }
        The warm-up rises linearly from 1 % of it over the first tenth of the steps.
      </p>
      ${host.lab(runs)} ${host.ranking()}`;
  },
};
