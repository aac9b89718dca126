import { css } from 'lit';
import { buttonStyles } from '../shared/button.styles';
import { themeStyles } from '../shared/theme';

export const pytorchExportStyles = [
  themeStyles,
  buttonStyles,
  css`
    :host {
      display: inline-block;
      background: transparent;
    }
    :host([hidden]) {
      display: none;
    }
    :is(button, a, textarea):focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    dialog {
      color: var(--_ink);
      background: var(--_surface);
      border: 1px solid var(--_grid);
      border-radius: var(--_radius);
      padding: var(--_gap);
      width: min(56rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      box-sizing: border-box;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 45%);
    }
    dialog[open] {
      display: grid;
      gap: 0.625rem;
    }
    .head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
    }
    h2 {
      margin: 0;
      font-size: 1.0625rem;
    }
    p {
      margin: 0;
    }
    .hint {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    label {
      font-size: 0.875rem;
      font-weight: 600;
    }
    textarea {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      font-size: 0.8125rem;
      line-height: 1.4;
      color: var(--_ink);
      background: var(--_field);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem;
      width: 100%;
      min-height: 12rem;
      box-sizing: border-box;
      resize: vertical;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .status {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    .error {
      color: var(--_error);
      background: var(--_error-surface);
      border: 1px solid var(--_error);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
    }
  `,
];
