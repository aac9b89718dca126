import { css } from 'lit';
import { fieldLook } from './form.styles';

/**
 * A labelled entry for pasted text (components/shared/text-area-field.ts: CSV, a link or
 * JSON) and `.field-error`, the inline message under it (or under any failed action), in the
 * theme's tokens.
 */
export const textAreaStyles = css`
  textarea {
    ${fieldLook}
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.875rem;
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_error);
    box-shadow: 0 0 0 1px var(--_error);
  }
  textarea:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .field-error {
    margin: 0;
    padding: 0.5rem 0.75rem;
    color: var(--_error);
    background: var(--_error-surface);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  /* A live region stays in the page (so it announces) but takes no room while empty. */
  .field-error:empty {
    display: contents;
  }
`;

/**
 * The Share panel (components/shared/share-panel.ts) of <optim-lab> and <optim-procedure>: a
 * `.tool-panel` (a framed group with its title; the lab's data editor is one too), its
 * actions in a row and what the last one did.
 */
export const sharePanelStyles = [
  textAreaStyles,
  css`
    .tool-panel {
      display: grid;
      gap: 0.75rem;
      padding: 0.75rem;
      border: 1px solid var(--_grid);
      border-radius: var(--_radius);
      background: var(--_panel);
      min-width: 0;
    }
    .tool-panel > .section-title {
      margin: 0;
      font-weight: 650;
      font-size: 0.9375rem;
    }
    .tool-panel .hint {
      margin: 0;
    }
    .share-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .said {
      margin: 0;
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }
    .said:empty {
      display: contents;
    }
  `,
];
