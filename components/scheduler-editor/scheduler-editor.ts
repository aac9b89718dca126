import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  SCHEDULER_TYPES,
  parseSchedulerConfig,
  schedulerDefaults,
  validateExpression,
} from '../../src/schedule/index';
import type { SchedulerType } from '../../src/schedule/types';
import { HORIZON_OPTIONS, fillScheduleHorizon, followTraining } from '../../src/protocol/horizon';
import type { SchedulerConfigInput } from '../../src/protocol/horizon';
import { configProblem } from '../../src/protocol/validation';
import '../lr-curve/index';
import { ConfigEditorElement } from '../shared/editor-base';
import { choiceField, numberField, numberList, toggleField } from '../shared/form-controls';
import { editorHost, formStyles } from '../shared/form.styles';
import { formatNumber, parseTyped } from '../shared/number-rule';
import { asWarmup, initialConfig, schedulerGroups, withWarmup } from './catalog';
import type { WarmupShape } from './catalog';
import { expressionField } from './expression-field';
import { FIELD_SPECS } from './fields';
import type { FieldSpec } from './fields';
import { SCHEDULER_TIPS } from './know-how';
import { editorStyles } from './scheduler-editor.styles';
import { warmupFields } from './warmup-fields';

type ConfigRecord = Record<string, unknown>;
const asRecord = (config: SchedulerConfigInput) => config as unknown as ConfigRecord;
const fromRecord = (record: ConfigRecord) => record as unknown as SchedulerConfigInput;

/** "abc" is not a number: said before the schema sees NaN. */
/**
 * Choose a torch.optim.lr_scheduler scheduler and edit its options, with a live preview of
 * the learning rate through `<lr-curve>`. SequentialLR is presented as "warm-up, then …".
 * Every edit is checked with the core's parseSchedulerConfig; only valid configs reach
 * `value`. With `follow-steps`, the lengths that span the training (OneCycleLR's totalSteps,
 * CosineAnnealingLR's tMax, PolynomialLR's totalIters) may be left empty: they follow
 * `steps`, and `value` leaves them out (src/protocol/horizon.ts fills them in).
 *
 * @summary Scheduler chooser and option editor; `value` is a SchedulerConfig.
 *
 * @fires input - While an option changes (each valid keystroke). Read `value`.
 * @fires change - When an edit is committed (Enter/blur, select, toggle, add/remove), only
 *   with a valid config. Read `value`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart type-select - The scheduler select.
 * @csspart select - Option selects (mode, annealStrategy, ...).
 * @csspart options - The grid of option controls.
 * @csspart field - Each labelled control.
 * @csspart label - Each control's label.
 * @csspart input - Text entries.
 * @csspart number-input - Number entries.
 * @csspart checkbox - Toggles.
 * @csspart number-list - The milestones editor; `list`, `list-item`, `add-button`,
 *   `remove-button` inside it.
 * @csspart expression-field - The lrLambda entry; `expression-input`, `caret` inside it.
 * @csspart error - Inline validation messages.
 * @csspart hint - Help text under a control.
 * @csspart warmup - SequentialLR's warm-up fieldset.
 * @csspart main - SequentialLR's main-scheduler fieldset.
 * @csspart tips - The know-how list.
 * @csspart preview - The `<lr-curve>` preview.
 *
 * @cssproperty --optim-lab-* - The theme tokens every element reads (ink, muted, surface, field, border,
 *   accent, focus, error, radius, gap, font, ...); light and dark defaults: README, Theme.
 *
 * @tag scheduler-editor
 */
export class SchedulerEditor extends ConfigEditorElement<SchedulerConfigInput> {
  static override styles = [editorHost, formStyles, editorStyles];

  /** The scheduler config being edited. Setting it resets drafts and messages. */
  @property({ attribute: false }) override value: SchedulerConfigInput = { type: 'None' };

  /** The optimizer's lr: scales the preview and seeds CyclicLR/OneCycleLR/SWALR lrs. */
  @property({ type: Number, attribute: 'base-lr' }) baseLr = 0.1;

  /** Training horizon in optimizer steps: the preview's length and new configs' lengths. */
  @property({ type: Number }) steps = 100;

  /**
   * Lengths that span the training follow `steps` while left empty (a new choice leaves them
   * empty); `value` then leaves them out. Without it every length is a number in `value`.
   */
  @property({ type: Boolean, attribute: 'follow-steps' }) followSteps = false;

  /** Label of the scheduler select. */
  @property() label = 'Scheduler';

  /** Set on SequentialLR's main editor: chainable schedulers only, no preview. */
  @property({ type: Boolean, reflect: true }) nested = false;

  /** Where the lrLambda expression goes wrong, for the caret. */
  @state() private expressionProblem?: { message: string; column: number };

  protected override valueSetFromOutside(): void {
    this.expressionProblem = undefined;
    const problem = SCHEDULER_TYPES.includes(this.value.type)
      ? this.problemWith(this.value)
      : undefined;
    if (problem) this.setError('config', problem);
  }

  /** The config as it trains: with `follow-steps`, lengths left empty span `steps`. */
  private complete(config: SchedulerConfigInput) {
    return this.followSteps ? fillScheduleHorizon(config, this.steps) : config;
  }

  /** The schema's message for `config`, path first ("gamma: must be ..."), or undefined. */
  private problemWith(config: SchedulerConfigInput): string | undefined {
    return configProblem(parseSchedulerConfig, this.complete(config));
  }

  private onType(type: string): void {
    this.clearEdits();
    this.expressionProblem = undefined;
    const initial = initialConfig(type as SchedulerType, this.steps, this.baseLr);
    this.setValue(this.followSteps ? followTraining(initial) : initial, true);
  }

  /**
   * Checks a candidate config with the schema. Invalid: keep what was typed and say why
   * under the field. Valid: apply (input), and announce (change) when `commit`.
   */
  private apply(
    errorKey: string,
    draftKey: string | undefined,
    raw: string | undefined,
    candidate: SchedulerConfigInput,
    commit: boolean,
  ): void {
    const problem = this.problemWith(candidate);
    if (problem) {
      if (draftKey) this.setDraft(draftKey, raw);
      this.setError(errorKey, problem);
      return;
    }
    // The whole config is valid now: only messages about untouched drafts can still apply.
    for (const key of Object.keys(this.errors)) {
      const hasDraft = Object.keys(this.drafts).some((d) => d === key || d.startsWith(`${key}.`));
      if (key === errorKey || key === 'config' || !hasDraft) this.setError(key, undefined);
    }
    if (draftKey) this.setDraft(draftKey, commit ? undefined : raw);
    if (JSON.stringify(candidate) === JSON.stringify(this.value)) {
      if (commit) this.commit();
      return;
    }
    this.setValue(candidate, commit);
  }

  private withKey(key: string, value: unknown): SchedulerConfigInput {
    const next: ConfigRecord = { ...asRecord(this.value) };
    if (value === undefined) delete next[key];
    else next[key] = value;
    return fromRecord(next);
  }

  private onNumber(spec: Extract<FieldSpec, { kind: 'number' }>, raw: string, commit: boolean) {
    // An optional option with no default (stepSizeDown), or a length that may follow the
    // training, may be emptied to mean "unset".
    if ((spec.placeholder || this.followsTraining(spec.key)) && raw.trim() === '') {
      this.apply(spec.key, spec.key, raw, this.withKey(spec.key, undefined), commit);
      return;
    }
    const parsed = parseTyped(spec.key, raw);
    if (typeof parsed === 'string') {
      this.setDraft(spec.key, raw);
      this.setError(spec.key, parsed);
      return;
    }
    this.apply(spec.key, spec.key, raw, this.withKey(spec.key, parsed), commit);
  }

  private milestones(): number[] {
    const list = asRecord(this.value).milestones;
    return Array.isArray(list) ? [...(list as number[])] : [];
  }

  private onMilestone(index: number, raw: string, commit: boolean): void {
    const parsed = parseTyped(`milestones[${index}]`, raw);
    if (typeof parsed === 'string') {
      this.setDraft(`milestones.${index}`, raw);
      this.setError('milestones', parsed);
      return;
    }
    const list = this.milestones();
    list[index] = parsed;
    this.apply('milestones', `milestones.${index}`, raw, this.withKey('milestones', list), commit);
  }

  private async onAddMilestone(): Promise<void> {
    const list = this.milestones();
    const stride = Math.max(1, Math.round(this.steps / 10));
    list.push((list.at(-1) ?? 0) + stride);
    this.drafts = {};
    this.apply('milestones', undefined, undefined, this.withKey('milestones', list), true);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#sch-milestones-${list.length - 1}`)?.focus();
  }

  private onRemoveMilestone(index: number): void {
    const list = this.milestones();
    list.splice(index, 1);
    this.drafts = {};
    this.apply('milestones', undefined, undefined, this.withKey('milestones', list), true);
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="add-button"]')?.focus();
  }

  private onExpression(raw: string, commit: boolean): void {
    const check = validateExpression(raw);
    if (!check.ok) {
      this.expressionProblem = { message: check.message, column: check.column };
      this.setDraft('lrLambda', raw);
      this.setError('lrLambda', check.message);
      return;
    }
    this.expressionProblem = undefined;
    this.apply('lrLambda', 'lrLambda', raw, this.withKey('lrLambda', raw), commit);
  }

  private onWarmupNumber(
    shape: WarmupShape,
    key: 'length' | 'factor',
    raw: string,
    commit: boolean,
  ) {
    const errorKey = `warmup-${key}`;
    const parsed = parseTyped(key === 'length' ? 'warm-up steps' : 'factor', raw);
    if (typeof parsed === 'string') {
      this.setDraft(errorKey, raw);
      this.setError(errorKey, parsed);
      return;
    }
    if (key === 'length' && !(Number.isInteger(parsed) && parsed >= 1)) {
      // Said in the form's own words: the length is the SequentialLR milestone.
      this.setDraft(errorKey, raw);
      this.setError(
        errorKey,
        `warm-up steps (milestones[0]): must be an integer >= 1, got ${parsed}`,
      );
      return;
    }
    const candidate =
      key === 'length'
        ? withWarmup(shape, shape.kind, parsed, shape.factor)
        : withWarmup(shape, shape.kind, shape.length, parsed);
    this.apply(errorKey, errorKey, raw, candidate, commit);
  }

  private onMain(shape: WarmupShape, event: Event, commit: boolean): void {
    event.stopPropagation();
    const main = (event.target as SchedulerEditor).value;
    const candidate = withWarmup(shape, shape.kind, shape.length, shape.factor);
    if (candidate.type === 'SequentialLR') candidate.schedulers[1] = main;
    this.apply('main', undefined, undefined, candidate, commit);
  }

  /** Whether option `key` of the type shown may follow the training (with `follow-steps`). */
  private followsTraining(key: string): boolean {
    const type = this.value.type;
    return this.followSteps && type in HORIZON_OPTIONS
      ? HORIZON_OPTIONS[type as keyof typeof HORIZON_OPTIONS] === key
      : false;
  }

  /** A length that may follow the training: empty while it does, and says what it is. */
  private renderLength(spec: Extract<FieldSpec, { kind: 'number' }>): TemplateResult {
    const given = asRecord(this.value)[spec.key];
    const length = `${formatNumber(Math.max(1, Math.round(this.steps)))} steps`;
    return numberField({
      id: `sch-${spec.key}`,
      label: spec.label,
      text: this.drafts[spec.key] ?? (given === undefined ? '' : formatNumber(given as number)),
      placeholder: formatNumber(Math.max(1, Math.round(this.steps))),
      error: this.errors[spec.key],
      hint:
        given === undefined
          ? `Follows the training length, now ${length}. A number fixes it.`
          : `Empty follows the training length (now ${length}).`,
      onInput: (raw) => this.onNumber(spec, raw, false),
      onCommit: (raw) => this.onNumber(spec, raw, true),
    });
  }

  private renderField(spec: FieldSpec): TemplateResult {
    const id = `sch-${spec.key}`;
    const record = asRecord(this.value);
    const defaults = schedulerDefaults(this.value.type) as ConfigRecord;
    const current = record[spec.key] ?? defaults[spec.key];
    switch (spec.kind) {
      case 'number':
        if (this.followsTraining(spec.key)) return this.renderLength(spec);
        return numberField({
          id,
          label: spec.label,
          text:
            this.drafts[spec.key] ?? (current === undefined ? '' : formatNumber(current as number)),
          error: this.errors[spec.key],
          hint: spec.placeholder
            ? `Empty means ${spec.placeholder.replace(/^= /, '')}.`
            : undefined,
          onInput: (raw) => this.onNumber(spec, raw, false),
          onCommit: (raw) => this.onNumber(spec, raw, true),
        });
      case 'choice':
        return choiceField({
          id,
          label: spec.label,
          value: String(current),
          options: spec.options.map((o) => ({ value: o, label: o })),
          onChange: (choice) =>
            this.apply(spec.key, undefined, undefined, this.withKey(spec.key, choice), true),
        });
      case 'toggle':
        return toggleField({
          id,
          label: spec.label,
          checked: current === true,
          error: this.errors[spec.key],
          onChange: (on) =>
            this.apply(spec.key, undefined, undefined, this.withKey(spec.key, on), true),
        });
      case 'milestones':
        return numberList({
          id,
          label: spec.label,
          texts: this.milestones().map((m, i) => this.drafts[`milestones.${i}`] ?? String(m)),
          error: this.errors.milestones,
          itemLabel: (i) => `milestone ${i + 1}`,
          onItemInput: (i, raw) => this.onMilestone(i, raw, false),
          onItemCommit: (i, raw) => this.onMilestone(i, raw, true),
          onAdd: () => void this.onAddMilestone(),
          onRemove: (i) => this.onRemoveMilestone(i),
        });
      case 'expression':
        return expressionField({
          id,
          label: spec.label,
          text: this.drafts.lrLambda ?? String(current ?? ''),
          problem: this.expressionProblem,
          onInput: (raw) => this.onExpression(raw, false),
          onCommit: (raw) => this.onExpression(raw, true),
        });
    }
  }

  private renderWarmup(shape: WarmupShape | undefined): TemplateResult {
    return warmupFields({
      shape,
      value: this.value,
      drafts: this.drafts,
      errors: this.errors,
      steps: this.steps,
      followSteps: this.followSteps,
      baseLr: this.baseLr,
      onKind: (kind) =>
        shape &&
        this.apply(
          'warmup-kind',
          undefined,
          undefined,
          withWarmup(shape, kind, shape.length, shape.factor),
          true,
        ),
      onNumber: (key, raw, commit) => shape && this.onWarmupNumber(shape, key, raw, commit),
      onMain: (event, commit) => shape && this.onMain(shape, event, commit),
    });
  }

  protected override render(): TemplateResult {
    const type = this.value.type;
    if (!SCHEDULER_TYPES.includes(type)) {
      return html`<p part="error" class="error" role="alert">
        Unknown scheduler type "${String(type)}"; choose one of ${SCHEDULER_TYPES.join(', ')}.
      </p>`;
    }
    return html`<div part="base" class="base">
      ${choiceField({
        id: 'type',
        label: this.label,
        value: type,
        options: schedulerGroups(this.nested),
        onChange: (choice) => this.onType(choice),
        part: 'type-select',
      })}
      ${
        type === 'SequentialLR'
          ? this.renderWarmup(asWarmup(this.value))
          : html`<div part="options" class="grid">
              ${FIELD_SPECS[type].map((spec) => this.renderField(spec))}
            </div>`
      }
      ${
        this.errors.config
          ? html`<p class="error" part="error" role="alert">${this.errors.config}</p>`
          : nothing
      }
      <ul part="tips" class="tips">
        ${SCHEDULER_TIPS[type].map((tip) => html`<li>${tip}</li>`)}
      </ul>
      ${
        this.nested
          ? nothing
          : html`<lr-curve
              part="preview"
              .schedule=${this.complete(this.value)}
              .baseLr=${this.baseLr}
              .steps=${this.steps}
            ></lr-curve>`
      }
    </div>`;
  }
}
