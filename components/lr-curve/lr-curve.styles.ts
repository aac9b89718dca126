import { css } from 'lit';

export const lrCurveStyles = css`
  :host {
    --lr-curve-height: 14rem;
    --lr-curve-color: var(--_series-1);
    --lr-curve-momentum-color: var(--_series-2);
    --lr-curve-marker-color: var(--_ink);
    --lr-curve-line-width: 2px;
    --_plot-height: var(--lr-curve-height);
  }
  .lr-line,
  .momentum-line {
    fill: none;
    stroke-width: var(--lr-curve-line-width);
    stroke-linejoin: round;
  }
  .lr-line {
    stroke: var(--lr-curve-color);
  }
  .momentum-line {
    stroke: var(--lr-curve-momentum-color);
    stroke-dasharray: 6 4;
  }
  .current-step {
    stroke: var(--lr-curve-marker-color);
    stroke-width: 1.5px;
    stroke-dasharray: 2 3;
  }
  .cursor-dot {
    fill: var(--lr-curve-color);
  }
  .legend {
    margin: 0;
    color: var(--_ink);
  }
  .swatch {
    border-top: 2px solid var(--lr-curve-color);
  }
  .swatch.momentum {
    border-top: 2px dashed var(--lr-curve-momentum-color);
  }
  .note {
    margin: 0.25rem 0 0;
    color: var(--_muted);
  }
  .error {
    margin: 0;
    padding: 0.75rem;
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
    color: var(--_error);
  }
`;
