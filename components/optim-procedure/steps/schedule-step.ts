/**
 * Step 5: choose a schedule from what the loss did in step 4 (its loss plot beside the
 * choice), tune it in the scheduler editor, and race it against the recipe as it is.
 */
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { fillScheduleHorizon } from '../../../src/protocol/horizon';
import type { SchedulerConfig } from '../../../src/schedule/types';
import '../../loss-plot/index';
import type { LossPlot } from '../../loss-plot/index';
import type { RunHistory } from '../../loss-plot/run-series';
import '../../scheduler-editor/index';
import type { SchedulerEditor } from '../../scheduler-editor/index';
import { choiceGroup } from '../choices';
import { lossShape, SHAPE_TEXT } from '../loss-shape';
import type { LossShape } from '../loss-shape';
import { historyOf } from '../outcome';
import { runLr, runOf, sameRun, scheduleSpan, syncPeak } from '../recipe';
import { ADVICE, SCHEDULE_CHOICES, SCHEDULE_NOTES, scheduleFor, withSchedule } from '../schedules';
import type { ScheduleChoice } from '../schedules';
import type { ProcedureHost, StepDefinition } from '../step-host';

/** The step whose loss this step reads: step 4's race. */
const PREVIOUS = 3;

/** Draws `histories` into a plot once per plot element (a plot that stays keeps its points). */
const drawn = new WeakMap<LossPlot, readonly RunHistory[]>();
function fill(histories: readonly RunHistory[]) {
  return (el?: Element) => {
    const plot = el as LossPlot | undefined;
    if (!plot || drawn.get(plot) === histories) return;
    drawn.set(plot, histories);
    plot.setRuns(histories.map((h) => h.spec));
    for (const h of histories) {
      plot.appendLoss(h.spec.id, h.loss);
      if (h.eval.steps.length > 0) plot.appendEval(h.spec.id, h.eval);
      if (h.swa.steps.length > 0) plot.appendSwaEval(h.spec.id, h.swa);
    }
  };
}

/** The previous step's run that became the recipe (else its best), and the shape of its loss. */
function previousLoss(host: ProcedureHost) {
  const outcome = host.outcome(PREVIOUS);
  if (!outcome) return undefined;
  const recipe = runOf(host.before ?? host.current);
  const followed = outcome.candidates.find((c) => sameRun(c.run, recipe)) ?? outcome.candidates[0];
  const history = historyOf(outcome, followed?.run.id);
  const shape = history ? lossShape(history.loss.loss) : undefined;
  return { outcome, label: followed?.result.label ?? '', shape };
}

function adviceText(shape: LossShape | undefined, label: string) {
  if (!shape)
    return 'Train the race of step 4 to see what the loss did; until then MultiStepLR, the most battle-tested schedule, is chosen.';
  return `${label}: ${SHAPE_TEXT[shape.kind]}`;
}

export const scheduleStep: StepDefinition = {
  title: 'A schedule for what the loss did',
  knowHow:
    'Lowering the learning rate as training goes on usually helps: big steps find the valley, small ones settle into it. Step schedules lower it at fixed epochs, ReduceLROnPlateau when the validation loss stops improving, and the cyclical ones (1cycle, warm restarts) follow a shape meant to reach flatter minima.',
  lookFor:
    'Beside the choice is the loss of step 4. Was it still falling at the end, did it bounce, or did it flatten out? Choose the schedule that answers it, then see whether it beats the recipe as it is.',
  render(host) {
    const base = runOf(host.before ?? host.current);
    const previous = previousLoss(host);
    const advised: ScheduleChoice = previous?.shape ? ADVICE[previous.shape.kind] : 'MultiStepLR';
    const chosen = host.choices.schedule ?? advised;
    const fitted = scheduleFor(chosen, runLr(base), host.horizon);
    // An edit in the scheduler editor wins; one to a type outside the five steps per batch.
    const edit = host.choices.scheduleEdit;
    const scheduler: SchedulerConfig = edit ?? fitted.scheduler;
    const stepOn = !edit || edit.type === chosen ? fitted.schedulerStepOn : 'batch';
    const scheduled = syncPeak({
      ...withSchedule(base, { scheduler, schedulerStepOn: stepOn }),
      id: 'scheduled',
      label: `Recipe + ${scheduler.type}`,
    });
    const runs = [{ ...base, id: 'as-is', label: 'Recipe as it is' }, scheduled];
    const span = scheduleSpan(host.horizon, stepOn);
    return html`
      <div class="side-by-side">
        <figure class="previous" part="previous-loss">
          <figcaption>Step 4's training loss</figcaption>
          ${
            previous
              ? html`<loss-plot ${ref(fill(previous.outcome.history))}></loss-plot>`
              : html`<p class="hint">Not trained yet.</p>`
          }
          <p class="advice" part="advice">${adviceText(previous?.shape, previous?.label ?? '')}</p>
        </figure>
        <div class="schedule-choice">
          ${choiceGroup({
            name: 'schedule',
            legend: 'Schedule to try',
            part: 'schedules',
            choices: SCHEDULE_CHOICES.map((type) => ({
              value: type,
              label: `${type}${type === advised ? ' (suggested)' : ''}`,
              hint: SCHEDULE_NOTES[type],
            })),
            checked: SCHEDULE_CHOICES.find((type) => type === scheduler.type),
            onChange: (type) => host.choose({ schedule: type, scheduleEdit: undefined }),
          })}
          <scheduler-editor
            part="scheduler-editor"
            label="Its settings"
            .value=${scheduler}
            .baseLr=${runLr(base)}
            .steps=${span}
            @change=${(e: Event) => {
              // Complete already (no follow-steps): filling only says so to the types.
              const value = fillScheduleHorizon((e.target as SchedulerEditor).value, span);
              const type = SCHEDULE_CHOICES.find((t) => t === value.type);
              host.choose(type ? { schedule: type, scheduleEdit: value } : { scheduleEdit: value });
            }}
          ></scheduler-editor>
          ${stepOn === 'epoch' ? html`<p class="hint">Stepped once per epoch.</p>` : nothing}
        </div>
      </div>
      ${host.lab(runs)} ${host.ranking()}
    `;
  },
};
