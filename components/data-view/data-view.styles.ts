import { css } from 'lit';

export const dataViewStyles = css`
  :host {
    display: inline-block;
    color: var(--optim-lab-ink, #1f2328);
    /* Own background: light caption text in dark mode must never land on a page's white. */
    background: var(--optim-lab-surface, #ffffff);
    font-family: var(--optim-lab-font, system-ui, sans-serif);
    font-size: 0.8125rem;
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
    border: 1px solid var(--optim-lab-grid, #d0d7de);
    border-radius: 6px;
    background: var(--optim-lab-surface, #ffffff);
  }
  figcaption {
    max-width: var(--data-view-size, 9rem);
    text-align: center;
    overflow-wrap: anywhere;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color: var(--optim-lab-ink, #e6edf3);
      background: var(--optim-lab-surface, #1c1c21);
    }
    canvas {
      border-color: var(--optim-lab-grid, #3a3f47);
      background: var(--optim-lab-surface, #1c1c21);
    }
  }
`;
