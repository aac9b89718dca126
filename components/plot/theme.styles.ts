import { css } from 'lit';
import { themeStyles } from '../shared/theme';
import { visuallyHidden } from '../shared/visually-hidden.styles';

/**
 * What every plot shares on top of the theme (components/shared/theme.ts): the toolbar and
 * its buttons, the focus ring, the axes and grid, and a visually-hidden text summary.
 */
export const plotTheme = [
  themeStyles,
  css`
    :host {
      display: block;
      font-size: 0.875rem;
      min-width: 0;
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
      color: var(--_ink);
      background: transparent;
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      padding: 0.25rem 0.6rem;
      min-height: 2rem;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_surface);
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .axis {
      color: var(--_muted);
      font-size: 0.75rem;
    }
    .axis text {
      fill: var(--_ink);
    }
    .grid line {
      stroke: var(--_grid);
    }
  `,
  visuallyHidden,
];
