import { css } from 'lit';

export const lrFinderPlotStyles = css`
  :host {
    --lr-finder-height: 14rem;
    --lr-finder-color: var(--_series-1);
    --lr-finder-raw-color: var(--_muted);
    --lr-finder-marker-color: var(--_series-2);
    --_plot-height: var(--lr-finder-height);
  }
  .smoothed-line,
  .raw-line {
    fill: none;
    stroke-linejoin: round;
  }
  .smoothed-line {
    stroke: var(--lr-finder-color);
    stroke-width: 2px;
  }
  .raw-line {
    stroke: var(--lr-finder-raw-color);
    stroke-width: 1px;
    opacity: 0.45;
  }
  .marker {
    stroke: var(--lr-finder-marker-color);
    stroke-width: 1.5px;
    stroke-dasharray: 4 3;
  }
  /* Told apart by dash pattern as well as by label, not by colour alone. */
  .marker.valley {
    stroke-dasharray: 1.5 2.5;
    stroke-width: 2px;
  }
  .marker-label {
    fill: var(--_ink);
    font-size: 0.75rem;
  }
  .cursor-dot {
    fill: var(--lr-finder-color);
  }
  .picks {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0 0;
  }
  .noise {
    margin: 0.5rem 0 0;
    padding: 0.375rem 0.625rem;
    border-left: 4px solid var(--_accent);
    background: var(--_panel);
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
`;
