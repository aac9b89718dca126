/** The runs under the plot (colour, label, where each stands) and what the arrows mean. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { SurfaceRun } from '../../src/surface/types';
import { runStatus } from './run-text';

export function legend(
  runs: readonly SurfaceRun[],
  step: number,
  withArrows: boolean,
): TemplateResult {
  return html`<ul class="legend" part="legend" aria-label="Runs">
      ${runs.map(
        (run, i) =>
          html`<li class="run-${i + 1}" part="legend-item">
            <span class="swatch" aria-hidden="true"></span>${run.label}
            <span class="status">${runStatus(run, step)}</span>
          </li>`,
      )}
    </ul>
    ${
      withArrows
        ? html`<ul class="key" part="arrow-key" aria-label="Arrows on the plot">
            <li><span class="sample" aria-hidden="true"></span>−g, steepest descent (direction)</li>
            <li><span class="sample momentum" aria-hidden="true"></span>−momentum (direction)</li>
            <li><span class="sample delta" aria-hidden="true"></span>Δθ, the step (to scale)</li>
            <li><span class="sample jump" aria-hidden="true"></span>Nesterov's look-ahead jump</li>
          </ul>`
        : nothing
    }`;
}
