import { css, unsafeCSS } from 'lit';
import { SERIES_LIGHT } from '../shared/theme';

/** `--loss-plot-color-N`, run N's colour: the theme's series N unless set on the plot. */
const runColors = SERIES_LIGHT.map(
  (_, i) => `--loss-plot-color-${i + 1}: var(--_series-${i + 1});`,
).join('\n');

export const lossPlotStyles = css`
  :host {
    --loss-plot-height: 16rem;
    --_plot-height: var(--loss-plot-height);
    ${unsafeCSS(runColors)}
  }
  .image,
  canvas {
    position: absolute;
    inset: 0;
    display: block;
  }
  .control {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  input[type='range'] {
    width: 8rem;
    accent-color: var(--_accent);
  }
  select {
    font: inherit;
    color: var(--_ink);
    background: var(--_field);
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    min-height: 2rem;
  }
  output {
    min-width: 2.5rem;
    font-variant-numeric: tabular-nums;
  }
  .legend {
    margin: 0.5rem 0 0;
  }
  .swatch {
    border-top: 3px solid var(--swatch);
  }
  /* The SWA average's line is dotted: so is its sample. */
  .swatch.swa {
    border-top-style: dotted;
    border-top-width: 4px;
  }
`;
