import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { parseSwaConfig, SWA_DEFAULTS } from '../../src/protocol/swa';
import type { SwaConfigInput } from '../../src/protocol/swa';
import { ConfigError } from '../../src/protocol/validation';
import { ConfigEditorElement } from '../shared/editor-base';
import { choiceField, numberField, toggleField } from '../shared/form-controls';
import { editorHost, formStyles } from '../shared/form.styles';
import { formatNumber, parseTyped } from '../shared/number-rule';
import { swaEditorStyles } from './swa-editor.styles';

type NumberKey = 'start' | 'swaLr' | 'annealEpochs';

const NUMBER_FIELDS: readonly { key: NumberKey; label: string }[] = [
  { key: 'start', label: 'Start epoch (start)' },
  { key: 'swaLr', label: 'SWA lr (swaLr)' },
  { key: 'annealEpochs', label: 'Anneal epochs (annealEpochs)' },
];

/** Share of the training before the averaging starts, for a run that turns SWA on. */
const DEFAULT_START_SHARE = 0.75;

/** What parseSwaConfig says about a candidate ('' when it takes it). */
function problemWith(candidate: SwaConfigInput): string {
  try {
    parseSwaConfig(candidate, '');
    return '';
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/**
 * Turn Stochastic Weight Averaging on for a run and set it as torch.optim.swa_utils does:
 * from epoch `start` (counted from 0, torch's swa_start) on, the end of every epoch folds the
 * weights into an equal running average, and SWALR anneals the lr to `swaLr` over
 * `annealEpochs`, then holds it. Every edit is checked with the core's parseSwaConfig; only
 * valid settings reach `value`.
 *
 * @summary SWA switch and settings; `value` is the run's `swa` option, or null for none.
 *
 * @fires input - While a setting changes (each valid keystroke). Read `value`.
 * @fires change - When an edit is committed (Enter/blur, select, toggle), only with valid
 *   settings. Read `value`.
 *
 * @csspart base - The fieldset around everything.
 * @csspart field - Each labelled control.
 * @csspart label - Each control's label.
 * @csspart checkbox - The on/off switch.
 * @csspart toggle - The switch with its label.
 * @csspart options - The grid of settings.
 * @csspart input - Text entries.
 * @csspart number-input - Number entries.
 * @csspart select - The anneal strategy select.
 * @csspart error - Inline validation messages.
 * @csspart hint - When the first average comes.
 *
 * @cssproperty --optim-lab-* - The theme tokens every element reads (ink, muted, surface, field, border,
 *   accent, focus, error, radius, gap, font, ...); light and dark defaults: README, Theme.
 *
 * @tag swa-editor
 */
export class SwaEditor extends ConfigEditorElement<SwaConfigInput | null> {
  static override styles = [editorHost, formStyles, swaEditorStyles];

  /** The run's `swa` option, or null for none. Setting it resets drafts and messages. */
  @property({ attribute: false }) override value: SwaConfigInput | null = null;

  /** The optimizer's lr: what swaLr starts at when SWA is turned on. */
  @property({ type: Number, attribute: 'base-lr' }) baseLr = 0.05;

  /** Epochs the training runs: where `start` lands, and its default (three quarters in). */
  @property({ type: Number }) epochs = 50;

  /** The fieldset's legend. */
  @property() label = 'Stochastic Weight Averaging';

  private onToggle(on: boolean): void {
    this.clearEdits();
    if (!on) {
      this.setValue(null, true);
      return;
    }
    const epochs = Number.isFinite(this.epochs) && this.epochs > 0 ? this.epochs : 1;
    this.setValue(
      {
        start: Math.floor(epochs * DEFAULT_START_SHARE),
        swaLr: this.baseLr,
        ...SWA_DEFAULTS,
      },
      true,
    );
  }

  /** Checks a candidate with the schema: invalid, keep the text and say why; valid, apply. */
  private apply(key: string, raw: string | undefined, candidate: SwaConfigInput, commit: boolean) {
    const problem = problemWith(candidate);
    if (problem) {
      if (raw !== undefined) this.setDraft(key, raw);
      this.setError(key, problem);
      return;
    }
    this.clearEdits();
    if (!commit && raw !== undefined) this.setDraft(key, raw);
    if (JSON.stringify(candidate) === JSON.stringify(this.value)) {
      if (commit) this.commit();
      return;
    }
    this.setValue(candidate, commit);
  }

  private onNumber(swa: SwaConfigInput, key: NumberKey, raw: string, commit: boolean): void {
    const parsed = parseTyped(key, raw);
    if (typeof parsed === 'string') {
      this.setDraft(key, raw);
      this.setError(key, parsed);
      return;
    }
    this.apply(key, raw, { ...swa, [key]: parsed }, commit);
  }

  /** When the first average comes, in the reader's (1-based) epochs. */
  private startHint(start: number): string {
    if (start >= this.epochs) {
      return `Starts after the training's ${this.epochs} epochs: nothing would be averaged.`;
    }
    const models = this.epochs - start;
    return `Averages ${models} model${models === 1 ? '' : 's'}: at the end of epochs ${start + 1} to ${this.epochs} of ${this.epochs}.`;
  }

  protected override render(): TemplateResult {
    const swa = this.value;
    return html`<fieldset part="base" class="base">
      <legend>${this.label}</legend>
      ${toggleField({
        id: 'swa-on',
        label: 'Average the weights (SWA)',
        checked: swa !== null,
        onChange: (on) => this.onToggle(on),
      })}
      ${swa ? this.renderSettings(swa) : nothing}
    </fieldset>`;
  }

  private renderSettings(swa: SwaConfigInput): TemplateResult {
    const settings = { ...SWA_DEFAULTS, ...swa };
    return html`<div part="options" class="grid">
        ${NUMBER_FIELDS.map(({ key, label }) =>
          numberField({
            id: `swa-${key}`,
            label,
            text: this.drafts[key] ?? formatNumber(settings[key]),
            error: this.errors[key],
            hint: key === 'start' ? this.startHint(settings.start) : undefined,
            onInput: (raw) => this.onNumber(swa, key, raw, false),
            onCommit: (raw) => this.onNumber(swa, key, raw, true),
          }),
        )}
        ${choiceField({
          id: 'swa-annealStrategy',
          label: 'Anneal (annealStrategy)',
          value: settings.annealStrategy,
          options: ['cos', 'linear'].map((value) => ({ value, label: value })),
          onChange: (choice) =>
            this.apply(
              'annealStrategy',
              undefined,
              { ...swa, annealStrategy: choice as 'cos' | 'linear' },
              true,
            ),
        })}
      </div>
      <p class="hint" part="hint">
        SWALR takes over from the run's scheduler at the first average and anneals the lr to swaLr;
        the average is scored at every evaluation beside the run.
      </p>`;
  }
}
