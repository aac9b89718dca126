import { css } from 'lit';

/**
 * The buttons of the lab and of the elements around it (the data view, the PyTorch export,
 * the procedure): one look, in the theme's tokens, with a 2.5rem touch target. `.primary` is
 * the one main action of a group, and a toggle shows its pressed state (`aria-pressed="true"`)
 * the same way; a link with class `button` looks like one. The element's own sheet adds its
 * focus ring.
 */
export const buttonStyles = css`
  button,
  .button {
    font: inherit;
    font-weight: 600;
    color: var(--_ink);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.375rem 0.875rem;
    min-height: 2.5rem;
    min-width: 2.75rem;
    cursor: pointer;
  }
  a.button {
    display: inline-flex;
    align-items: center;
    text-decoration: none;
    box-sizing: border-box;
  }
  :is(button:not(:disabled), a.button):hover {
    border-color: var(--_accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button.primary,
  button[aria-pressed='true'] {
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
  }
`;
