import { css } from 'lit';
import { buttonStyles } from '../shared/button.styles';
import { formStyles } from '../shared/form.styles';
import { frameStyles, problemsStyles } from '../shared/frame.styles';
import { sharePanelStyles } from '../shared/share-panel.styles';
import { themeStyles } from '../shared/theme';
import { visuallyHidden } from '../shared/visually-hidden.styles';

/**
 * The procedure's layout, in the theme's tokens (components/shared/theme.ts), on the lab's
 * frame and the editors' form look.
 */
export const procedureStyles = [
  themeStyles,
  frameStyles,
  problemsStyles,
  formStyles,
  buttonStyles,
  sharePanelStyles,
  css`
    :host([hidden]) {
      display: none;
    }
    .procedure {
      display: grid;
      gap: var(--_gap);
      padding: var(--_gap);
    }
    /* A phone: the step's lab, a whole lab inside this one, gets the room the frames took. */
    @container (max-width: 32rem) {
      .procedure {
        padding: 0.5rem;
      }
      optim-lab {
        --optim-lab-gap: 0.5rem;
      }
    }
    p {
      margin: 0;
    }
    h2 {
      margin: 0;
      font-size: 1.25rem;
    }
    h2:focus {
      outline: none;
    }
    :is(h2, a, [tabindex='0']):focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .hint {
      font-size: 0.875rem;
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      font-size: 0.875em;
      overflow-wrap: anywhere;
    }

    /*
     * The eight steps, the current one marked in words (aria-current) and weight. Numbered by
     * the list's own markers, not by content: counter(): Chromium's style cache keeps a
     * style with counter() content, and through it this shadow root and the element, after
     * the element has left the page.
     */
    .progress {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0;
      padding: 0;
      list-style: decimal inside;
      font-size: 0.8125rem;
    }
    .progress li {
      padding: 0.125rem 0.5rem;
      border: 1px solid var(--_grid);
      border-radius: 999px;
      color: var(--_muted);
    }
    .progress li.done {
      color: var(--_ink);
    }
    .progress li[aria-current='step'] {
      color: var(--_on-accent);
      background: var(--_accent);
      border-color: var(--_accent);
      font-weight: 650;
    }

    .step {
      display: grid;
      gap: 0.75rem;
      min-width: 0;
    }
    .step-count {
      font-size: 0.875rem;
      color: var(--_muted);
      font-weight: 600;
    }
    .look-for {
      padding: 0.5rem 0.75rem;
      border-left: 4px solid var(--_accent);
      background: var(--_panel);
      border-radius: 0 var(--_radius) var(--_radius) 0;
    }
    .step-body {
      display: grid;
      gap: 0.75rem;
      min-width: 0;
    }

    /* Choices (presets, the finder's optimizer, schedules) */
    fieldset {
      display: grid;
      gap: 0.5rem;
      min-width: 0;
      border-color: var(--_grid);
    }
    fieldset.inline {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }
    .choice {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 0.5rem;
      align-items: baseline;
    }
    .inline .choice {
      display: inline-flex;
      gap: 0.375rem;
    }
    .choice .hint {
      grid-column: 2;
    }
    cite {
      font-style: normal;
    }
    cite::before {
      content: '(';
    }
    cite::after {
      content: ')';
    }
    input[type='number'] {
      width: 9rem;
    }
    .search-settings,
    .finder-actions,
    .actions,
    .nav {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: end;
    }
    .nav {
      align-items: center;
      border-top: 1px solid var(--_grid);
      padding-top: var(--_gap);
    }
    .nav [part='share-button'] {
      margin-inline-start: auto;
    }
    .suggestions {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 0.75rem;
      margin: 0;
      font-size: 0.875rem;
    }
    .suggestions dt {
      font-weight: 650;
    }
    .suggestions dd {
      margin: 0;
    }
    .facts {
      margin: 0;
      padding-inline-start: 1.25rem;
      display: grid;
      gap: 0.375rem;
    }
    a {
      color: var(--_accent);
    }

    /* Step 5: the previous loss beside the choice. */
    .side-by-side {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
      gap: var(--_gap);
      align-items: start;
    }
    figure {
      margin: 0;
      display: grid;
      gap: 0.5rem;
      min-width: 0;
    }
    figcaption {
      font-weight: 650;
    }
    .schedule-choice {
      display: grid;
      gap: 0.75rem;
      min-width: 0;
    }

    /* Tables: the ranking and the recipe */
    .table-scroll {
      overflow-x: auto;
      min-width: 0;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.875rem;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: start;
      font-weight: 650;
      padding-bottom: 0.375rem;
    }
    th,
    td {
      text-align: start;
      padding: 0.3125rem 0.5rem;
      border-bottom: 1px solid var(--_grid);
      vertical-align: top;
    }
    thead th {
      color: var(--_muted);
      font-weight: 600;
    }
    tbody th {
      font-weight: 600;
    }
    tr.changed td:last-child {
      font-weight: 600;
    }
    .badge {
      display: inline-block;
      font-size: 0.75rem;
      font-weight: 650;
      padding: 0 0.375rem;
      border-radius: 999px;
      color: var(--_on-accent);
      background: var(--_accent);
    }
    .ranking {
      display: grid;
      gap: 0.625rem;
    }
    .adoption {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      padding: 0.5rem 0.75rem;
      background: var(--_panel);
      border-radius: var(--_radius);
    }
  `,
  visuallyHidden,
];
