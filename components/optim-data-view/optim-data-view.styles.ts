import { css } from 'lit';
import { buttonStyles } from '../shared/button.styles';
import { themeStyles } from '../shared/theme';

export const dataViewStyles = [
  themeStyles,
  buttonStyles,
  css`
    :host {
      /* The two classes: the theme's first two series, brighter hues of them when dark. */
      --_negative: var(--data-view-negative, var(--_series-2));
      --_positive: var(--data-view-positive, var(--_series-1));
      --_size: var(--data-view-size, 9rem);
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
    :host([editable]) {
      /* An editor is a working surface: as large as its box allows, up to 22rem. */
      --_size: var(--data-view-size, min(22rem, 100%));
      display: block;
      font-size: 0.875rem;
    }
    figure {
      margin: 0;
      display: grid;
      gap: 0.25rem;
      justify-items: center;
    }
    figure.editing {
      gap: 0.5rem;
      justify-items: stretch;
    }
    canvas {
      display: block;
      width: var(--_size);
      height: var(--_size);
      border: 1px solid var(--_grid);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    figcaption {
      max-width: var(--_size);
      text-align: center;
      overflow-wrap: anywhere;
    }

    /* Edit mode */
    .plane {
      position: relative;
      width: var(--_size);
      aspect-ratio: 1;
      justify-self: center;
    }
    .plane canvas {
      box-sizing: border-box;
      width: 100%;
      height: 100%;
    }
    .plane svg {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      overflow: visible;
      /* A finger on the plane edits points instead of scrolling the page. */
      touch-action: none;
      cursor: crosshair;
      user-select: none;
    }
    .point {
      stroke: var(--_ink);
      stroke-width: 0.4;
      cursor: grab;
    }
    .point.class-0 {
      fill: var(--_negative);
    }
    .point.class-1,
    .point.target {
      fill: var(--_positive);
    }
    .point.active {
      stroke-width: 0.8;
    }
    .cursor line {
      stroke: var(--_muted);
      stroke-width: 0.4;
      vector-effect: non-scaling-stroke;
    }
    .cursor-target {
      fill: transparent;
      stroke: none;
    }
    .point:focus,
    .cursor-target:focus {
      outline: none;
    }
    .point:focus-visible,
    .cursor-target:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
      stroke: var(--_focus);
      stroke-width: 1;
    }
    .class-toggle {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      align-items: center;
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .class-toggle legend {
      float: left;
      margin-inline-end: 0.5rem;
      font-weight: 600;
    }
    .class-option {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      min-height: 2rem;
      cursor: pointer;
    }
    .class-option input {
      accent-color: var(--_accent);
      margin: 0;
      width: 1.125rem;
      height: 1.125rem;
    }
    .swatch {
      display: inline-block;
      width: 0.875rem;
      height: 0.875rem;
      border-radius: 50%;
      border: 1px solid var(--_ink);
    }
    .swatch.class-0 {
      background: var(--_negative);
    }
    .swatch.class-1 {
      background: var(--_positive);
    }
    .hint {
      margin: 0;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    .edit-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .said {
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
      min-width: 0;
    }
    :is(button, input):focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
  `,
];
