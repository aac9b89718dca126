import { css } from 'lit';

/**
 * The card a whole lab sits in (<optim-lab>, <optim-procedure>): a block that sizes its
 * content by its own width (container queries), framed in the theme's grid colour.
 */
export const frameStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    font-size: 1rem;
    line-height: 1.45;
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    min-width: 0;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
`;

/** The list OptimElement.renderProblems() draws: invalid attributes and settings, in words. */
export const problemsStyles = css`
  .problems ul {
    margin: 0;
    padding: 0.5rem 0.75rem;
    list-style: none;
    color: var(--_error);
    background: var(--_error-surface);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
  }
  /* A live region stays in the page (so it announces) but takes no room while empty. */
  .problems:not(:has(li)) {
    display: contents;
  }
  .problems li + li {
    margin-top: 0.25rem;
  }
  .problems code {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
`;
