import { css, unsafeCSS } from 'lit';
import { SERIES_DARK, SERIES_LIGHT } from '../plot/colors.js';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

/** `--_series-0` ... `--_series-7`: the loss plot's run colours, for the run cards' edge. */
const series = (palette: readonly string[]) =>
  unsafeCSS(palette.map((color, i) => `--_series-${i}: ${color};`).join('\n'));

/**
 * One theme for the lab and everything inside it: the public `--optim-lab-*` tokens (which
 * the plots read too) get light and dark defaults here, and the wrapper hands the resolved
 * colours on to the editors' `--optim-color-*` tokens, so a page sets one family only.
 */
export const labStyles = css`
  :host {
    --_ink: var(--optim-lab-ink, #1f2328);
    --_muted: var(--optim-lab-muted, #57606a);
    --_surface: var(--optim-lab-surface, #ffffff);
    --_panel: var(--optim-lab-panel, #f6f8fa);
    --_border: var(--optim-lab-border, #8c959f);
    --_grid: var(--optim-lab-grid, #d0d7de);
    --_accent: var(--optim-lab-accent, #0969da);
    --_on-accent: var(--optim-lab-on-accent, #ffffff);
    --_focus: var(--optim-lab-focus, #0969da);
    --_error: var(--optim-lab-error, #b3261e);
    --_error-bg: var(--optim-lab-error-surface, #fff1f0);
    --_radius: var(--optim-lab-radius, 8px);
    --_gap: var(--optim-lab-gap, 1rem);
    ${series(SERIES_LIGHT)}
    display: block;
    container-type: inline-size;
    color: var(--_ink);
    background: var(--_surface);
    font-family: var(--optim-lab-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    font-size: 1rem;
    line-height: 1.45;
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    min-width: 0;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_ink: var(--optim-lab-ink, #e6edf3);
      --_muted: var(--optim-lab-muted, #9da7b3);
      --_surface: var(--optim-lab-surface, #1c1c21);
      --_panel: var(--optim-lab-panel, #24262d);
      --_border: var(--optim-lab-border, #6e7681);
      --_grid: var(--optim-lab-grid, #3a3f47);
      --_accent: var(--optim-lab-accent, #58a6ff);
      --_on-accent: var(--optim-lab-on-accent, #0d1117);
      --_focus: var(--optim-lab-focus, #79c0ff);
      --_error: var(--optim-lab-error, #ff8a80);
      --_error-bg: var(--optim-lab-error-surface, #3a1d1d);
      ${series(SERIES_DARK)}
    }
  }
  /* An empty hidden hides the lab like any element; a hidden="16,16" is the deprecated name
     of layers and keeps it visible (author styles win over the browser's [hidden] rule). */
  :host([hidden='']) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .lab {
    /* Hand the resolved theme to the child elements. */
    --optim-lab-ink: var(--_ink);
    --optim-lab-muted: var(--_muted);
    --optim-lab-surface: var(--_surface);
    --optim-lab-grid: var(--_grid);
    --optim-lab-accent: var(--_accent);
    --optim-lab-focus: var(--_focus);
    --optim-lab-error: var(--_error);
    --optim-color-text: var(--_ink);
    --optim-color-muted: var(--_muted);
    --optim-color-surface: var(--_panel);
    --optim-color-input: var(--_surface);
    --optim-color-border: var(--_border);
    --optim-color-accent: var(--_accent);
    --optim-color-focus: var(--_focus);
    --optim-color-danger: var(--_error);
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
  }

  h2,
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  .section-title {
    font-weight: 650;
    font-size: 0.9375rem;
    margin: 0 0 0.5rem;
  }

  /* Messages */
  .problems ul {
    margin: 0;
    padding: 0.5rem 0.75rem;
    list-style: none;
    color: var(--_error);
    background: var(--_error-bg);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
  }
  /* Live regions stay in the page (so they announce) but take no room while empty. */
  .problems:not(:has(li)),
  .alert:not(:has(p)) {
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
  .alert p {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--_error);
    background: var(--_error-bg);
    border-radius: 0 var(--_radius) var(--_radius) 0;
    font-weight: 600;
  }

  /* Setup form */
  .setup {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: 0.75rem;
    margin: 0;
    padding: 0.75rem;
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    background: var(--_panel);
    min-width: 0;
  }
  .setup legend {
    padding: 0 0.25rem;
    font-weight: 650;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }
  .field label {
    font-size: 0.875rem;
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    color: var(--_ink);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.375rem 0.5rem;
    min-width: 0;
    width: 100%;
    min-height: 2.25rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
    box-shadow: 0 0 0 1px var(--_error);
  }
  .hint {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  /* Buttons */
  button {
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
  button:hover:not(:disabled) {
    border-color: var(--_accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button.primary {
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  :is(button, input, select, summary, [tabindex]):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* Transport */
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .status {
    contain: content;
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .backend {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .backend strong {
    color: var(--_ink);
  }

  /* Runs */
  .runs {
    display: grid;
    gap: 0.5rem;
  }
  .run-list {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .run {
    /* Numbers change inside while training: keep their layout work inside the card. */
    contain: content;
    border: 1px solid var(--_grid);
    border-left: 6px solid var(--_run-color, var(--_accent));
    border-radius: var(--_radius);
    background: var(--_panel);
    min-width: 0;
  }
  .run > details > summary {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    cursor: pointer;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .run-metrics {
    margin-inline-start: auto;
    font-weight: 400;
    font-size: 0.875rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .run-body {
    display: grid;
    gap: 0.75rem;
    padding: 0 0.75rem 0.75rem;
  }
  .run-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .run-actions .field {
    flex: 1 1 12rem;
  }

  /* Plots */
  .plots {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 46rem) {
    .plots {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
  .plot-panel {
    contain: content;
    min-width: 0;
  }
  .plot-panel .field {
    margin-bottom: 0.5rem;
  }

  /* Decision boundaries */
  .boundaries {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .boundary {
    margin: 0;
    display: grid;
    gap: 0.25rem;
    justify-items: center;
    font-size: 0.8125rem;
  }
  .boundary canvas {
    width: var(--optim-lab-boundary-size, 9rem);
    height: var(--optim-lab-boundary-size, 9rem);
    border: 1px solid var(--_grid);
    border-radius: calc(var(--_radius) - 2px);
    image-rendering: pixelated;
  }

  .summary {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  /* LR range test */
  .lr-finder {
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    background: var(--_panel);
  }
  .lr-finder > summary {
    padding: 0.5rem 0.75rem;
    cursor: pointer;
    font-weight: 600;
  }
  .finder-body {
    display: grid;
    gap: 0.5rem;
    padding: 0 0.75rem 0.75rem;
  }
  .finder-body .hint {
    margin: 0;
  }
  .finder-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .finder-error {
    margin: 0;
    padding: 0.5rem 0.75rem;
    color: var(--_error);
    background: var(--_error-bg);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
  }

  /* Grid search ranking */
  .ranking {
    overflow-x: auto;
  }
  .ranking table {
    border-collapse: collapse;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  .ranking caption {
    text-align: start;
    font-weight: 650;
    padding-bottom: 0.5rem;
  }
  .ranking th,
  .ranking td {
    padding: 0.25rem 0.75rem;
    border-bottom: 1px solid var(--_grid);
    text-align: start;
  }
  .ranking tbody th {
    font-weight: 400;
  }

  [hidden] {
    display: none !important;
  }
  ${visuallyHidden}
`;
