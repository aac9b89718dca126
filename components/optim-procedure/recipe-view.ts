/**
 * The recipe before and after a step, setting by setting, with what changed marked in words
 * (not by colour alone). Options are written with PyTorch's names, as the learner will type
 * them in torch.optim.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { EXPERIMENT_DEFAULTS } from '../../src/protocol/experiment';
import type { SchedulerConfig } from '../../src/schedule/types';
import { formatValue } from '../plot/format';
import { horizonOf, runLr, runOf, scheduleSpan, settingsOf } from './recipe';
import type { Recipe } from './recipe';

function valueText(value: unknown): string {
  if (typeof value === 'number') return formatValue(value);
  if (Array.isArray(value)) return `(${value.map(valueText).join(', ')})`;
  return String(value);
}

/** `key value` pairs of a config, in its order, leaving out `type`, `skip` and nested configs. */
function optionsText(config: object, skip: readonly string[] = []): string {
  return Object.entries(config)
    .filter(([key]) => key !== 'type' && !skip.includes(key))
    .filter(([, value]) => typeof value !== 'object' || Array.isArray(value))
    .map(([key, value]) => `${key} ${valueText(value)}`)
    .join(', ');
}

function schedulerText(scheduler: SchedulerConfig): string {
  if (scheduler.type === 'None') return 'none (constant lr)';
  if (scheduler.type === 'SequentialLR') {
    const parts = scheduler.schedulers.map(schedulerText).join(' → ');
    return `${parts} (switching at step ${scheduler.milestones.join(', ')})`;
  }
  const options = optionsText(scheduler);
  return options ? `${scheduler.type} (${options})` : scheduler.type;
}

/** The recipe's settings as rows: label -> value, in a fixed order. */
export function recipeRows(recipe: Recipe): [string, string][] {
  const run = runOf(recipe);
  const settings = settingsOf(recipe);
  const optimizer = run.optimizer;
  const inner = optimizer.type === 'Lookahead' ? `Lookahead(${optimizer.optimizer.type})` : '';
  const options = optionsText(optimizer, ['lr']);
  const scheduler = run.scheduler ?? { type: 'None' };
  const per = run.schedulerStepOn === 'epoch' ? ', stepped per epoch' : '';
  const horizon = horizonOf(settings);
  return [
    ['Optimizer', `${inner || optimizer.type}${options ? ` (${options})` : ''}`],
    ['Learning rate', formatValue(runLr(run))],
    ['Schedule', `${schedulerText(scheduler)}${scheduler.type === 'None' ? '' : per}`],
    ['Batch size', String(settings.training?.batchSize ?? EXPERIMENT_DEFAULTS.training.batchSize)],
    [
      'Epochs',
      `${scheduleSpan(horizon, 'epoch')} (${horizon.totalSteps} steps of ${horizon.stepsPerEpoch} per epoch)`,
    ],
  ];
}

/** The before/after table; `before` undefined (step 1) shows the recipe alone. */
export function recipeView(before: Recipe | undefined, after: Recipe): TemplateResult {
  const rowsAfter = recipeRows(after);
  const rowsBefore = before ? recipeRows(before) : undefined;
  return html`<div
    class="table-scroll recipe"
    part="recipe"
    role="region"
    aria-label="Recipe"
    tabindex="0"
  >
    <table>
      <caption>
        ${rowsBefore ? 'The recipe before and after this step' : 'The recipe'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          ${rowsBefore ? html`<th scope="col">Before</th>` : nothing}
          <th scope="col">${rowsBefore ? 'After' : 'Value'}</th>
        </tr>
      </thead>
      <tbody>
        ${rowsAfter.map(([label, value], i) => {
          const old = rowsBefore?.[i][1];
          const changed = old !== undefined && old !== value;
          return html`<tr class=${changed ? 'changed' : ''}>
            <th scope="row">${label}</th>
            ${rowsBefore ? html`<td>${old}</td>` : nothing}
            <td>${value}${changed ? html` <span class="badge">changed</span>` : nothing}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
