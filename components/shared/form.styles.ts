import { css } from 'lit';

/**
 * Form look shared by <optimizer-picker> and <scheduler-editor>. Colours come from the
 * host's custom properties (set in each element's styles) so one theme serves both.
 */
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
  select {
    font: inherit;
    color: inherit;
    background: var(--_input-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.375rem 0.5rem;
    min-width: 0;
    width: 100%;
    box-sizing: border-box;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: 0 0 0 1px var(--_danger);
  }
  input[type='checkbox'] {
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
    color: var(--_danger);
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
    background: var(--_input-bg);
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
 * The theme tokens both editors expose on :host, with light and dark defaults. Private
 * `--_x` variables resolve the public `--optim-x` ones once, so the rules above stay short.
 * Each falls back to the page-wide `--optim-lab-*` family the plots and the lab read, so one
 * rule on a page themes every element; `--optim-color-*` still wins for editor-only tweaks.
 */
export const themeTokens = css`
  :host {
    --_fg: var(--optim-color-text, var(--optim-lab-ink, #1b1f24));
    --_muted: var(--optim-color-muted, var(--optim-lab-muted, #57606a));
    --_bg: var(--optim-color-surface, var(--optim-lab-surface, #ffffff));
    --_input-bg: var(--optim-color-input, var(--optim-lab-surface, #ffffff));
    --_border: var(--optim-color-border, var(--optim-lab-border, #8c959f));
    --_accent: var(--optim-color-accent, var(--optim-lab-accent, #0b63c7));
    --_focus: var(--optim-color-focus, var(--optim-lab-focus, #0b63c7));
    --_danger: var(--optim-color-danger, var(--optim-lab-error, #b3261e));
    --_radius: var(--optim-radius, var(--optim-lab-radius, 6px));
    --_gap: var(--optim-gap, 0.75rem);
    display: block;
    /* Own background and colour scheme: light text must never land on a page's white. */
    color-scheme: light dark;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--optim-font, var(--optim-lab-font, system-ui, sans-serif));
    font-size: var(--optim-font-size, 1rem);
    line-height: 1.4;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--optim-color-text, var(--optim-lab-ink, #e6edf3));
      --_muted: var(--optim-color-muted, var(--optim-lab-muted, #a8b3bf));
      --_bg: var(--optim-color-surface, var(--optim-lab-surface, #0d1117));
      --_input-bg: var(--optim-color-input, var(--optim-lab-surface, #161b22));
      --_border: var(--optim-color-border, var(--optim-lab-border, #6e7681));
      --_accent: var(--optim-color-accent, var(--optim-lab-accent, #58a6ff));
      --_focus: var(--optim-color-focus, var(--optim-lab-focus, #79c0ff));
      --_danger: var(--optim-color-danger, var(--optim-lab-error, #ff8a80));
    }
  }
  :host([hidden]) {
    display: none;
  }
`;
