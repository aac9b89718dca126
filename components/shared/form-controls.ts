/**
 * Render helpers for the editors' form controls. They render into the caller's shadow root
 * (not as separate elements) so <label for>, aria-describedby and axe all see one tree.
 * Every native input/change event is stopped here: the editor fires its own events on the
 * host, carrying the whole config, and a stray native `input` (which is composed) must not
 * escape the shadow root looking like one of them.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LR_SLIDER_TICKS, lrToTick, tickToLr } from './log-scale';
import { formatNumber } from './number-rule';

function stop(event: Event): HTMLInputElement | HTMLSelectElement {
  event.stopPropagation();
  return event.target as HTMLInputElement | HTMLSelectElement;
}

function errorMessage(id: string, error: string | undefined) {
  return error
    ? html`<p id="${id}-error" class="error" part="error" role="alert">${error}</p>`
    : nothing;
}

const describedBy = (id: string, error: string | undefined, hint?: string) => {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
};

export interface NumberFieldOptions {
  id: string;
  label: string;
  /** What the box shows: the person's draft while editing, else the formatted value. */
  text: string;
  error?: string;
  hint?: string;
  /** What an empty box stands for (the value it takes when left empty). */
  placeholder?: string;
  onInput: (raw: string) => void;
  onCommit: (raw: string) => void;
}

/** A text box for exact numbers (accepts 1e-3), checked by the caller on every keystroke. */
export function numberField(o: NumberFieldOptions): TemplateResult {
  return html`<div class="field" part="field">
    <label for=${o.id} part="label">${o.label}</label>
    <input
      id=${o.id}
      part="input number-input"
      type="text"
      inputmode="decimal"
      autocomplete="off"
      spellcheck="false"
      .value=${live(o.text)}
      placeholder=${ifDefined(o.placeholder)}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(o.id, o.error, o.hint))}
      @input=${(e: Event) => o.onInput(stop(e).value)}
      @change=${(e: Event) => o.onCommit(stop(e).value)}
    />
    ${o.hint ? html`<p id="${o.id}-hint" class="hint" part="hint">${o.hint}</p>` : nothing}
    ${errorMessage(o.id, o.error)}
  </div>`;
}

export interface ToggleOptions {
  id: string;
  label: string;
  checked: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
}

export function toggleField(o: ToggleOptions): TemplateResult {
  return html`<div class="field toggle" part="field toggle">
    <input
      id=${o.id}
      part="checkbox"
      type="checkbox"
      .checked=${live(o.checked)}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(o.id, o.error))}
      @input=${stop}
      @change=${(e: Event) => o.onChange((stop(e) as HTMLInputElement).checked)}
    />
    <label for=${o.id} part="label">${o.label}</label>
    ${errorMessage(o.id, o.error)}
  </div>`;
}

export interface ChoiceOption {
  value: string;
  label: string;
}
export interface ChoiceGroup {
  label: string;
  options: readonly ChoiceOption[];
}

export interface ChoiceOptions {
  id: string;
  label: string;
  value: string;
  /** Flat options or <optgroup>s. */
  options: readonly (ChoiceOption | ChoiceGroup)[];
  onChange: (value: string) => void;
  part?: string;
}

const optionTemplate = (o: ChoiceOption, selected: string) =>
  html`<option value=${o.value} ?selected=${o.value === selected}>${o.label}</option>`;

export function choiceField(o: ChoiceOptions): TemplateResult {
  return html`<div class="field" part="field">
    <label for=${o.id} part="label">${o.label}</label>
    <select
      id=${o.id}
      part=${o.part ?? 'select'}
      .value=${live(o.value)}
      @input=${stop}
      @change=${(e: Event) => o.onChange(stop(e).value)}
    >
      ${o.options.map((entry) =>
        'options' in entry
          ? html`<optgroup label=${entry.label}>
              ${entry.options.map((option) => optionTemplate(option, o.value))}
            </optgroup>`
          : optionTemplate(entry, o.value),
      )}
    </select>
  </div>`;
}

export interface LrFieldOptions {
  id: string;
  label: string;
  lr: number;
  /** Draft text of the exact entry while the person is typing. */
  text?: string;
  error?: string;
  /** Slider moved: lr snapped to the slider's grid. `commit` is true on release (change). */
  onSlide: (lr: number, commit: boolean) => void;
  onInput: (raw: string) => void;
  onCommit: (raw: string) => void;
}

/** Log-scale slider (1e-5 .. 10) plus an exact number entry, kept in sync through `lr`. */
export function lrField(o: LrFieldOptions): TemplateResult {
  const slide = (e: Event, commit: boolean) => o.onSlide(tickToLr(Number(stop(e).value)), commit);
  return html`<div class="field lr" part="field lr-field">
    <label for=${o.id} part="label">${o.label}</label>
    <div class="lr-row">
      <input
        id="${o.id}-slider"
        part="slider"
        type="range"
        min="0"
        max=${LR_SLIDER_TICKS}
        step="1"
        .value=${live(String(lrToTick(o.lr)))}
        aria-label="${o.label}, log scale from 1e-5 to 10"
        aria-valuetext=${formatNumber(o.lr)}
        @input=${(e: Event) => slide(e, false)}
        @change=${(e: Event) => slide(e, true)}
      />
      <input
        id=${o.id}
        part="input number-input"
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck="false"
        .value=${live(o.text ?? formatNumber(o.lr))}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(o.id, o.error))}
        @input=${(e: Event) => o.onInput(stop(e).value)}
        @change=${(e: Event) => o.onCommit(stop(e).value)}
      />
    </div>
    ${errorMessage(o.id, o.error)}
  </div>`;
}

export interface NumberListOptions {
  id: string;
  label: string;
  /** One text per item: drafts where the person is typing, else formatted numbers. */
  texts: readonly string[];
  error?: string;
  itemLabel: (index: number) => string;
  onItemInput: (index: number, raw: string) => void;
  onItemCommit: (index: number, raw: string) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}

/** An editable list of numbers (milestones): edit in place, add at the end, remove any. */
export function numberList(o: NumberListOptions): TemplateResult {
  return html`<fieldset class="field number-list" part="field number-list">
    <legend part="label">${o.label}</legend>
    <ol part="list">
      ${o.texts.map(
        (text, index) =>
          html`<li part="list-item">
            <input
              id="${o.id}-${index}"
              part="input number-input"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              aria-label=${o.itemLabel(index)}
              aria-invalid=${o.error ? 'true' : 'false'}
              aria-describedby=${ifDefined(describedBy(o.id, o.error))}
              .value=${live(text)}
              @input=${(e: Event) => o.onItemInput(index, stop(e).value)}
              @change=${(e: Event) => o.onItemCommit(index, stop(e).value)}
            />
            <button
              type="button"
              part="button remove-button"
              aria-label="Remove ${o.itemLabel(index)}"
              @click=${() => o.onRemove(index)}
            >
              ×
            </button>
          </li>`,
      )}
    </ol>
    <button type="button" part="button add-button" @click=${o.onAdd}>
      Add ${o.itemLabel(o.texts.length).replace(/\s*\d+$/, '')}
    </button>
    ${errorMessage(o.id, o.error)}
  </fieldset>`;
}
