import { css } from 'lit';

export const lrCurveStyles = css`
  :host {
    --lr-curve-height: 14rem;
    --lr-curve-color: var(--optim-lab-series-1, #0072b2);
    --lr-curve-momentum-color: var(--optim-lab-series-2, #d55e00);
    --lr-curve-marker-color: var(--plot-ink);
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
    display: flex;
    gap: 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--plot-ink);
  }
  .swatch {
    display: inline-block;
    width: 1.25rem;
    height: 0;
    margin-right: 0.35rem;
    vertical-align: middle;
    border-top: 2px solid var(--lr-curve-color);
  }
  .swatch.momentum {
    border-top: 2px dashed var(--lr-curve-momentum-color);
  }
  .note {
    margin: 0.25rem 0 0;
    color: var(--plot-muted);
  }
  .error {
    margin: 0;
    padding: 0.75rem;
    border: 1px solid var(--plot-error);
    border-radius: var(--plot-radius);
    color: var(--plot-error);
  }
`;
