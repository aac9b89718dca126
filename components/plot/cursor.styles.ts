import { css } from 'lit';

/**
 * The read-out cursor both SVG plots (<lr-curve>, <lr-finder-plot>) share: a thin vertical
 * line and the focusable slider area laid over the plot. Each element colours its own
 * `.cursor-dot` to match its curve.
 */
export const cursorStyles = css`
  .cursor {
    stroke: var(--plot-muted);
    stroke-width: 1px;
  }
  .cursor-dot {
    stroke: var(--plot-background);
    stroke-width: 2px;
  }
  .cursor-area {
    position: absolute;
    cursor: crosshair;
    border-radius: 2px;
    touch-action: none;
  }
`;
