import { css, unsafeCSS } from 'lit';
import { SERIES_DARK, SERIES_LIGHT, seriesCustomProperties } from '../plot/colors';

export const lossPlotStyles = css`
  :host {
    --loss-plot-height: 16rem;
    --_plot-height: var(--loss-plot-height);
    ${unsafeCSS(seriesCustomProperties('loss-plot', SERIES_LIGHT))}
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${unsafeCSS(seriesCustomProperties('loss-plot', SERIES_DARK))}
    }
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
    accent-color: var(--plot-accent);
  }
  select {
    font: inherit;
    color: var(--plot-ink);
    background: var(--plot-background);
    border: 1px solid var(--plot-muted);
    border-radius: var(--plot-radius);
    min-height: 2rem;
  }
  output {
    min-width: 2.5rem;
    font-variant-numeric: tabular-nums;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  .swatch {
    display: inline-block;
    width: 1.25rem;
    height: 0;
    margin-right: 0.35rem;
    vertical-align: middle;
    border-top: 3px solid var(--swatch);
  }
`;
