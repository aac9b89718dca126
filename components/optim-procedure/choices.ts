/**
 * A group of radio buttons, each with its label and, if it has one, a line saying what it
 * is (tied to it with aria-describedby): the steps' choices of preset, optimizer, schedule.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: TemplateResult | string;
}

export interface ChoicesOptions<T extends string> {
  /** The radio group's name; also the start of each input's id. */
  name: string;
  legend: string;
  part: string;
  choices: readonly Choice<T>[];
  checked: T | undefined;
  disabled?: boolean;
  /** Side by side (short labels), instead of one under another. */
  inline?: boolean;
  onChange: (value: T) => void;
}

export function choiceGroup<T extends string>(o: ChoicesOptions<T>): TemplateResult {
  return html`<fieldset class="choices ${o.inline ? 'inline' : ''}" part=${o.part}>
    <legend>${o.legend}</legend>
    ${o.choices.map((choice) => {
      const id = `${o.name}-${choice.value}`;
      return html`<div class="choice">
        <input
          type="radio"
          name=${o.name}
          id=${id}
          value=${choice.value}
          .checked=${choice.value === o.checked}
          ?disabled=${o.disabled ?? false}
          aria-describedby=${choice.hint ? `${id}-about` : nothing}
          @change=${() => o.onChange(choice.value)}
        />
        <label for=${id}>${choice.label}</label>
        ${choice.hint ? html`<p class="hint" id="${id}-about">${choice.hint}</p>` : nothing}
      </div>`;
    })}
  </fieldset>`;
}
