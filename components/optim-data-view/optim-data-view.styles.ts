import { css } from 'lit';
import { themeStyles } from '../shared/theme';

export const dataViewStyles = [
  themeStyles,
  css`
    :host {
      /* The two classes: the theme's first two series, brighter hues of them when dark. */
      --_negative: var(--data-view-negative, var(--_series-2));
      --_positive: var(--data-view-positive, var(--_series-1));
      display: inline-block;
      font-size: 0.8125rem;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --_negative: var(--data-view-negative, var(--_series-5));
        --_positive: var(--data-view-positive, var(--_series-6));
      }
    }
    :host([hidden]) {
      display: none;
    }
    figure {
      margin: 0;
      display: grid;
      gap: 0.25rem;
      justify-items: center;
    }
    canvas {
      display: block;
      width: var(--data-view-size, 9rem);
      height: var(--data-view-size, 9rem);
      border: 1px solid var(--_grid);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    figcaption {
      max-width: var(--data-view-size, 9rem);
      text-align: center;
      overflow-wrap: anywhere;
    }
  `,
];
