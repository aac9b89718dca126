import { css } from 'lit';
import { buttonStyles } from '../shared/button.styles';
import { fieldLook } from '../shared/form.styles';
import { frameStyles, problemsStyles } from '../shared/frame.styles';
import { sharePanelStyles } from '../shared/share-panel.styles';
import { themeStyles } from '../shared/theme';
import { visuallyHidden } from '../shared/visually-hidden.styles';

/**
 * The lab's layout, in the theme's tokens (components/shared/theme.ts); the elements inside
 * read the same tokens, so a page sets one family, --optim-lab-*, for all of them.
 */
export const labStyles = [
  themeStyles,
  frameStyles,
  problemsStyles,
  buttonStyles,
  sharePanelStyles,
  css`
    /* An empty hidden hides the lab like any element; a hidden="16,16" is the deprecated name
     of layers and keeps it visible (author styles win over the browser's [hidden] rule). */
    :host([hidden='']) {
      display: none;
    }

    .lab {
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

    /* Messages (the problems list: problemsStyles). The alert, a live region, takes no
     room while empty. */
    .alert:not(:has(p)) {
      display: contents;
    }
    .alert p {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-left: 4px solid var(--_error);
      background: var(--_error-surface);
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
      ${fieldLook}
    }
    input[type='file'] {
      border: 0;
      padding: 0.25rem 0;
      background: transparent;
    }
    input[aria-invalid='true'] {
      border-color: var(--_error);
      box-shadow: 0 0 0 1px var(--_error);
    }
    .hint {
      font-size: 0.8125rem;
      color: var(--_muted);
    }

    /* Buttons: buttonStyles (components/shared/button.styles.ts) */
    :is(button, a, input, select, textarea, summary, [tabindex]):focus-visible {
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
      /* The editors inside paint the card's panel colour as their surface. */
      --optim-lab-surface: var(--_panel);
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
    .plot-panel .follows {
      margin: 0.25rem 0 0;
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
    .boundary .swa-toggle {
      font-size: 0.8125rem;
    }
    .boundary .hint {
      max-width: var(--optim-lab-boundary-size, 9rem);
      color: var(--_muted);
      text-align: center;
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
    /* The finder's failure is a .field-error (textAreaStyles). */

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

    /* Lab tools: Edit data, Share (the share panel: sharePanelStyles) */
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    /* The data editor is a .tool-panel (sharePanelStyles), like the share panel. */
    .data-editor optim-data-view {
      --optim-lab-surface: var(--_panel);
    }
    .editor-actions,
    .csv-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .inline-field,
    .file-field {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      font-size: 0.875rem;
      font-weight: 600;
      min-width: 0;
    }
    .inline-field select {
      width: auto;
    }
    .note {
      margin: 0;
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }
    .csv {
      border-top: 1px solid var(--_grid);
      padding-top: 0.5rem;
    }
    .csv > summary {
      cursor: pointer;
      font-weight: 600;
    }
    .csv-body {
      display: grid;
      gap: 0.5rem;
      padding-top: 0.5rem;
    }
    .csv code {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    }
    /* Empty live regions stay in the page (so they announce) but take no room. */
    .note:empty {
      display: contents;
    }

    [hidden] {
      display: none !important;
    }
  `,
  visuallyHidden,
];
