import { css } from 'lit';
import { themeStyles } from './theme';

/**
 * The look of a lab's entries (its settings, the pasted-text boxes), to go inside a rule:
 * `input, select { ${fieldLook} }`.
 */
export const fieldLook = css`
  font: inherit;
  color: var(--_ink);
  background: var(--_field);
  border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) - 2px);
  padding: 0.375rem 0.5rem;
  min-width: 0;
  width: 100%;
  min-height: 2.25rem;
`;

/** Form look shared by <optimizer-picker> and <scheduler-editor>, in the theme's tokens. */
export const formStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }
  .field.toggle {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .field.toggle .error {
    flex-basis: 100%;
  }
  label,
  legend {
    font-size: 0.875rem;
    font-weight: 600;
  }
  input[type='text'],
  input[type='number'],
  select {
    font: inherit;
    color: inherit;
    background: var(--_field);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.375rem 0.5rem;
    min-width: 0;
    width: 100%;
    box-sizing: border-box;
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
    box-shadow: 0 0 0 1px var(--_error);
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.125rem;
    height: 1.125rem;
    accent-color: var(--_accent);
    margin: 0;
  }
  input[type='range'] {
    flex: 1 1 8rem;
    min-width: 6rem;
    accent-color: var(--_accent);
  }
  :is(input, select, button):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .lr-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .lr-row input[type='text'] {
    flex: 0 1 8rem;
  }
  .error {
    color: var(--_error);
    font-size: 0.8125rem;
    margin: 0;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.8125rem;
    margin: 0;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem 0.75rem;
    margin: 0;
  }
  .number-list ol {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: 0;
    margin: 0 0 0.5rem;
  }
  .number-list li {
    display: flex;
    gap: 0.25rem;
  }
  .number-list input {
    width: 5.5rem;
  }
  .number-list > button {
    align-self: flex-start;
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--_field);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25rem 0.625rem;
    cursor: pointer;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
    gap: 0.75rem;
  }
`;

/**
 * The editors' host on top of the theme (components/shared/theme.ts): a block with its own
 * surface, and the editors' tighter spacing.
 */
export const editorHost = [
  themeStyles,
  css`
    :host {
      --_editor-gap: calc(var(--_gap) * 0.75);
      display: block;
      font-size: 1rem;
      line-height: 1.4;
    }
    :host([hidden]) {
      display: none;
    }
  `,
];
