import { css, unsafeCSS } from 'lit';
import { BACKGROUND_DARK, BACKGROUND_LIGHT } from './colors';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

/**
 * Tokens and bits both plots share: surface and ink colours (light and dark), the focus
 * ring, the toolbar buttons and a visually-hidden utility for text summaries.
 * Each token reads a page-wide `--optim-lab-*` variable first so one rule themes every element.
 */
export const plotTheme = css`
  :host {
    --plot-background: var(--optim-lab-surface, ${unsafeCSS(BACKGROUND_LIGHT)});
    --plot-ink: var(--optim-lab-ink, #1f2328);
    --plot-muted: var(--optim-lab-muted, #57606a);
    --plot-grid: var(--optim-lab-grid, #d0d7de);
    --plot-accent: var(--optim-lab-accent, #0969da);
    --plot-focus: var(--optim-lab-focus, #0969da);
    --plot-error: var(--optim-lab-error, #b3261e);
    --plot-font: var(--optim-lab-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --plot-radius: var(--optim-lab-radius, 6px);
    display: block;
    /* Native controls (the smoothing slider, selects) follow the theme: without this a
       dark plot shows a white light-scheme slider track. */
    color-scheme: light dark;
    color: var(--plot-ink);
    background: var(--plot-background);
    font-family: var(--plot-font);
    font-size: 0.875rem;
    min-width: 0;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --plot-background: var(--optim-lab-surface, ${unsafeCSS(BACKGROUND_DARK)});
      --plot-ink: var(--optim-lab-ink, #e6edf3);
      --plot-muted: var(--optim-lab-muted, #9da7b3);
      --plot-grid: var(--optim-lab-grid, #3a3f47);
      --plot-accent: var(--optim-lab-accent, #58a6ff);
      --plot-focus: var(--optim-lab-focus, #58a6ff);
      --plot-error: var(--optim-lab-error, #ff8a80);
    }
  }
  :host([hidden]) {
    display: none;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-bottom: 0.5rem;
  }
  button {
    font: inherit;
    color: var(--plot-ink);
    background: transparent;
    border: 1px solid var(--plot-muted);
    border-radius: var(--plot-radius);
    padding: 0.25rem 0.6rem;
    min-height: 2rem;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: var(--plot-accent);
    border-color: var(--plot-accent);
    color: var(--plot-background);
  }
  :focus-visible {
    outline: 2px solid var(--plot-focus);
    outline-offset: 2px;
  }
  .axis {
    color: var(--plot-muted);
    font-size: 0.75rem;
  }
  .axis text {
    fill: var(--plot-ink);
  }
  .grid line {
    stroke: var(--plot-grid);
  }
  ${visuallyHidden}
`;
