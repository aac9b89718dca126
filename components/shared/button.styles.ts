import { css } from 'lit';

/**
 * Buttons (and links that look like one, `a.button`) in the theme's tokens, with a pressed
 * state for toggles (`aria-pressed="true"`). The element's own sheet adds its focus ring.
 */
export const buttonStyles = css`
  button,
  a.button {
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
  }
  :is(button:not(:disabled), a.button):hover {
    border-color: var(--_accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button[aria-pressed='true'] {
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
  }
`;
