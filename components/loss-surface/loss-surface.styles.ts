import { css, unsafeCSS } from 'lit';
import type { Margins } from '../plot/plot-frame';
import { SERIES_LIGHT } from '../shared/theme';

/** The plot's margins around the inner box (axes below and left). */
export const PLOT_MARGIN: Margins = { top: 10, right: 12, bottom: 28, left: 44 };

/** `.run-N` carries run N's colour: `--loss-surface-color-N`, the theme's series N by default. */
const runColors = SERIES_LIGHT.map(
  (_, i) => `
  :host { --loss-surface-color-${i + 1}: var(--_series-${i + 1}); }
  .run-${i + 1} { --run-color: var(--loss-surface-color-${i + 1}); }`,
).join('\n');

const { top, right, bottom, left } = PLOT_MARGIN;

export const lossSurfaceStyles = css`
  :host {
    --loss-surface-height: 26rem;
    --loss-surface-contour-color: var(--_ink);
    --_plot-height: min(var(--loss-surface-height), 92cqi);
  }
  ${unsafeCSS(runColors)}
  .base {
    container-type: inline-size;
    display: grid;
    gap: 0.5rem;
  }
  .title {
    margin: 0;
    font-weight: 600;
  }
  .position,
  output {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  .control {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  select {
    font: inherit;
    color: var(--_ink);
    background: var(--_field);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-height: 2rem;
    max-width: 100%;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  /* The inner box clips what leaves it (the frame's rule lets the outer SVG overflow). */
  .plot svg.inner {
    overflow: hidden;
  }
  .band {
    fill: var(--loss-surface-contour-color);
    fill-opacity: 0.03;
    stroke: var(--loss-surface-contour-color);
    stroke-opacity: 0.22;
    stroke-width: 0.6px;
  }
  .mark {
    stroke: var(--_ink);
    stroke-width: 2px;
  }
  /* Under every line: the surface colour, wider, so the line stands out on any band. */
  .halo {
    fill: none;
    stroke: var(--_surface);
    stroke-width: 5px;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .selected .halo {
    stroke-width: 6px;
  }
  .trail {
    fill: none;
    stroke: var(--run-color);
    stroke-width: 2px;
    stroke-linejoin: round;
  }
  .selected .trail {
    stroke-width: 3px;
  }
  .marker {
    fill: var(--run-color);
    stroke: var(--_surface);
    stroke-width: 1.5px;
  }
  .arrow {
    fill: none;
    stroke-width: 2px;
  }
  .arrow-gradient {
    stroke: var(--_ink);
  }
  .arrow-momentum {
    stroke: var(--_muted);
    stroke-dasharray: 5 3;
  }
  .arrow-delta {
    stroke: var(--run-color);
    stroke-width: 2.5px;
  }
  .arrow-jump {
    stroke: var(--_muted);
    stroke-dasharray: 2 3;
  }
  .look-ahead {
    fill: var(--_surface);
    stroke: var(--_ink);
    stroke-width: 1.5px;
  }
  .head {
    stroke: var(--_surface);
    stroke-width: 1px;
    stroke-dasharray: none;
  }
  .head.arrow-gradient {
    fill: var(--_ink);
  }
  .head.arrow-momentum {
    fill: var(--_muted);
  }
  .head.arrow-delta {
    fill: var(--run-color);
  }
  .overlay {
    position: absolute;
    top: ${top}px;
    right: ${right}px;
    bottom: ${bottom}px;
    left: ${left}px;
    cursor: crosshair;
    touch-action: manipulation;
  }
  .start-handle {
    --hx: 0px;
    --hy: 0px;
    position: absolute;
    left: 0;
    top: 0;
    width: 1.25rem;
    height: 1.25rem;
    margin: -0.625rem 0 0 -0.625rem;
    transform: translate(var(--hx), var(--hy));
    border-radius: 50%;
    background: var(--_surface);
    border: 3px solid var(--_ink);
    box-sizing: border-box;
    cursor: grab;
    touch-action: none;
  }
  .start-handle:active {
    cursor: grabbing;
  }
  .legend {
    margin: 0;
    font-size: 0.8125rem;
  }
  .swatch {
    border-top: 3px solid var(--run-color);
  }
  .legend .status {
    color: var(--_muted);
  }
  .key {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .key .sample {
    display: inline-block;
    width: 1.25rem;
    margin-right: 0.35rem;
    vertical-align: middle;
    border-top: 2px solid var(--_ink);
  }
  .key .momentum {
    border-top: 2px dashed var(--_muted);
  }
  .key .delta {
    border-top: 3px solid var(--_accent);
  }
  .key .jump {
    border-top: 2px dotted var(--_muted);
  }
  .messages {
    margin: 0;
    padding-left: 1.25rem;
  }
  .messages:empty {
    display: none;
  }
  .know-how {
    margin: 0;
    padding: 0.5rem 0.75rem;
    background: var(--_panel);
    border-radius: var(--_radius);
  }
  .know-how p {
    margin: 0.25rem 0;
  }
  .numbers {
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
  }
  .numbers summary {
    cursor: pointer;
    font-weight: 600;
  }
  .numbers-controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 0.5rem 0;
  }
  .step-control input {
    width: min(16rem, 50vw);
    accent-color: var(--_accent);
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    font-size: 0.8125rem;
    max-width: 100%;
  }
  td {
    overflow-wrap: anywhere;
  }
  caption {
    text-align: left;
    padding-bottom: 0.25rem;
    color: var(--_muted);
  }
  th,
  td {
    padding: 0.15rem 0.6rem 0.15rem 0;
    text-align: left;
    font-weight: normal;
    border-bottom: 1px solid var(--_grid);
  }
  thead th {
    color: var(--_muted);
  }
  .rules {
    display: grid;
    gap: 0.5rem;
  }
  .math {
    margin: 0;
    overflow-x: auto;
  }
  .math figcaption {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .note {
    color: var(--_muted);
    font-size: 0.8125rem;
    margin: 0.25rem 0;
  }
  .problems ul {
    margin: 0;
    padding: 0.5rem 0.75rem 0.5rem 1.5rem;
    color: var(--_error);
    background: var(--_error-surface);
    border-radius: var(--_radius);
  }
`;
