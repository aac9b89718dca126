import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { OptimizerConfig } from '../../src/optim/types';
import { ConfigEditorElement } from '../shared/editor-base';
import { choiceField, lrField, numberField, toggleField } from '../shared/form-controls';
import { editorHost, formStyles } from '../shared/form.styles';
import { checkNumber, formatNumber } from '../shared/number-rule';
import { KNOWN_TYPES, choiceGroups, choiceOf, configForChoice } from './catalog';
import type { Choice } from './catalog';
import { KNOW_HOW } from './know-how';
import { updateRuleMarkup } from '../shared/math';
import { OPTION_SPECS, coreProblem, crossCheck, readOption, ruleFor, withOption } from './options';
import type { OptionSpec } from './options';
import { pickerStyles } from './optimizer-picker.styles';

/**
 * Choose a torch.optim optimizer and edit its options, with the update rule and a few lines
 * of know-how. Options left at PyTorch's default stay out of `value`, so a config reads like
 * the constructor call a learner would write.
 *
 * @summary Optimizer chooser and option editor; `value` is an OptimizerConfig.
 *
 * @fires input - While an option changes (slider drag, each valid keystroke). Read `value`.
 * @fires change - When an edit is committed (slider release, Enter/blur, select, toggle),
 *   only with a valid config. Read `value`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart field - Each labelled control.
 * @csspart label - Each control's label.
 * @csspart type-select - The optimizer select.
 * @csspart select - Other selects.
 * @csspart options - The grid of option controls.
 * @csspart input - Text entries.
 * @csspart number-input - Text entries for numbers.
 * @csspart slider - The log-scale learning-rate slider.
 * @csspart lr-field - The learning-rate slider and entry.
 * @csspart checkbox - Toggles (nesterov, amsgrad, centered, maximize).
 * @csspart toggle - A toggle with its label.
 * @csspart error - Inline validation messages.
 * @csspart inner - The fieldset holding Lookahead's inner optimizer.
 * @csspart about - The update rule and know-how.
 * @csspart math - The typeset update rule.
 * @csspart tips - The know-how list.
 *
 * @cssproperty --optim-lab-* - The theme tokens every element reads (ink, muted, surface, field, border,
 *   accent, focus, error, radius, gap, font, ...); light and dark defaults: README, Theme.
 *
 * @tag optimizer-picker
 */
export class OptimizerPicker extends ConfigEditorElement<OptimizerConfig> {
  static override styles = [editorHost, formStyles, pickerStyles];

  /** The optimizer config being edited. Setting it resets drafts and messages. */
  @property({ attribute: false }) override value: OptimizerConfig = { type: 'Adam' };

  /** Label of the optimizer select. */
  @property() label = 'Optimizer';

  /** Set on the picker inside Lookahead: no wrapper in the menu, compact layout. */
  @property({ type: Boolean, reflect: true }) nested = false;

  private onChoice(choice: string): void {
    this.clearEdits();
    this.setValue(configForChoice(choice as Choice, this.value), true);
  }

  /** Checks typed text against the option's range and PyTorch's cross-field rule. */
  private tryNumber(spec: OptionSpec, raw: string, commit: boolean): void {
    if (spec.kind === 'toggle') return;
    const field = spec.kind === 'lr' ? 'lr' : spec.field;
    this.setDraft(spec.key, commit ? undefined : raw);
    const checked = checkNumber(field, raw, ruleFor(this.value.type, spec.key));
    if (!checked.ok) {
      if (commit) this.setDraft(spec.key, raw);
      this.setError(spec.key, checked.message);
      return;
    }
    const candidate = withOption(this.value, spec.key, checked.value);
    const conflict = crossCheck(candidate, spec.key) ?? coreProblem(candidate);
    if (conflict) {
      if (commit) this.setDraft(spec.key, raw);
      this.setError(spec.key, conflict);
      return;
    }
    this.setError(spec.key, undefined);
    if (readOption(this.value, spec.key) === checked.value) {
      // Already applied while typing (or typed the default): commit without a new `input`.
      if (commit) this.commit();
      return;
    }
    this.setValue(candidate, commit);
  }

  private onToggle(key: string, checked: boolean): void {
    const candidate = withOption(this.value, key, checked);
    const conflict = crossCheck(candidate, key) ?? coreProblem(candidate);
    this.setError(key, conflict);
    if (conflict) {
      this.requestUpdate();
      return;
    }
    this.setValue(candidate, true);
  }

  private onSlide(lr: number, commit: boolean): void {
    this.setDraft('lr', undefined);
    this.setError('lr', undefined);
    // Release after a drag: the lr is already applied, so only announce the commit.
    if (commit && readOption(this.value, 'lr') === lr) this.commit();
    else this.setValue(withOption(this.value, 'lr', lr), commit);
  }

  private onInner(event: Event, commit: boolean): void {
    event.stopPropagation();
    if (this.value.type !== 'Lookahead') return;
    const inner = (event.target as OptimizerPicker).value;
    if (inner.type === 'Lookahead') return;
    this.setValue({ ...this.value, optimizer: inner }, commit);
  }

  private renderOption(spec: OptionSpec): TemplateResult {
    const id = `opt-${spec.key.replace('.', '-')}`;
    const current = readOption(this.value, spec.key);
    if (spec.kind === 'toggle') {
      return toggleField({
        id,
        label: spec.label,
        checked: current === true,
        error: this.errors[spec.key],
        onChange: (checked) => this.onToggle(spec.key, checked),
      });
    }
    if (spec.kind === 'lr') {
      return lrField({
        id,
        label: spec.label,
        lr: current as number,
        text: this.drafts.lr,
        error: this.errors.lr,
        onSlide: (lr, commit) => this.onSlide(lr, commit),
        onInput: (raw) => this.tryNumber(spec, raw, false),
        onCommit: (raw) => this.tryNumber(spec, raw, true),
      });
    }
    return numberField({
      id,
      label: spec.label,
      text: this.drafts[spec.key] ?? formatNumber(current as number),
      error: this.errors[spec.key],
      onInput: (raw) => this.tryNumber(spec, raw, false),
      onCommit: (raw) => this.tryNumber(spec, raw, true),
    });
  }

  private renderInner(): TemplateResult | typeof nothing {
    if (this.value.type !== 'Lookahead') return nothing;
    return html`<fieldset part="inner" class="inner">
      <legend>Inner optimizer</legend>
      <optimizer-picker
        nested
        label="Inner optimizer"
        .value=${this.value.optimizer}
        @input=${(e: Event) => this.onInner(e, false)}
        @change=${(e: Event) => this.onInner(e, true)}
      ></optimizer-picker>
    </fieldset>`;
  }

  protected override render(): TemplateResult {
    const type = this.value.type;
    if (!KNOWN_TYPES.includes(type)) {
      return html`<p part="error" class="error" role="alert">
        Unknown optimizer type "${String(type)}"; choose one of ${KNOWN_TYPES.join(', ')}.
      </p>`;
    }
    const specs = OPTION_SPECS[type];
    const lr = specs.filter((s) => s.kind === 'lr');
    const numbers = specs.filter((s) => s.kind === 'number');
    const toggles = specs.filter((s) => s.kind === 'toggle');
    const know = KNOW_HOW[type];
    return html`<div part="base" class="base">
      ${choiceField({
        id: 'type',
        label: this.label,
        value: choiceOf(this.value),
        options: choiceGroups(!this.nested),
        onChange: (choice) => this.onChoice(choice),
        part: 'type-select',
      })}
      ${lr.map((spec) => this.renderOption(spec))}
      <div part="options" class="grid">${numbers.map((spec) => this.renderOption(spec))}</div>
      ${
        toggles.length > 0
          ? html`<div class="toggles">${toggles.map((spec) => this.renderOption(spec))}</div>`
          : nothing
      }
      ${this.renderInner()}
      <section part="about" class="about" aria-label="How ${type} updates the weights">
        <!-- Focusable because a wide rule scrolls sideways on narrow screens. -->
        <div part="math" class="math" tabindex="0" role="region" aria-label="${type} update rule">
          ${unsafeHTML(updateRuleMarkup(type))}
        </div>
        <ul part="tips" class="tips">
          ${know.tips.map((tip) => html`<li>${tip}</li>`)}
        </ul>
      </section>
    </div>`;
  }
}
