/**
 * What the SVG image shows, mark by mark: the filled contours, the marked minima and
 * saddles, one trail per run up to the shown step and a marker at its current point. Every
 * colour is a class (`.run-N` sets `--run-color` from the theme's series N), never a style
 * attribute, so a page with a strict style-src CSP shows it as it is. Lines are drawn over a
 * halo of the surface colour, so each keeps its contrast (3:1 and more, as the theme's
 * series colours have against the surface) over the darkest contour band too.
 */
import { svg, nothing } from 'lit';
import type { SVGTemplateResult } from 'lit';
import type { SurfaceMark, SurfaceRun } from '../../src/surface/types';
import type { ContourBands } from './contours';
import type { PlotDomain } from './domain';
import { shownPoint } from './run-text';

/** Far enough outside any plot that the clip hides it, near enough that SVG stays exact. */
const FAR_PX = 1e5;
const clampPx = (v: number) => Math.max(-FAR_PX, Math.min(FAR_PX, v));

export function contourLayer(bands: ContourBands | undefined): SVGTemplateResult {
  if (bands === undefined) return svg``;
  return svg`<g class="contours" part="contours">
    ${bands.paths.map((d) => svg`<path class="band" d=${d}></path>`)}
  </g>`;
}

export function marksLayer(marks: readonly SurfaceMark[], domain: PlotDomain): SVGTemplateResult {
  return svg`<g class="marks" part="marks">
    ${marks.map(({ x, y, kind }) => {
      const px = domain.sx(x);
      const py = domain.sy(y);
      const r = 5;
      const d =
        kind === 'minimum'
          ? `M${px - r},${py - r}L${px + r},${py + r}M${px - r},${py + r}L${px + r},${py - r}`
          : `M${px - r},${py}L${px + r},${py}M${px},${py - r}L${px},${py + r}`;
      return svg`<path class="mark mark-${kind}" d=${d}></path>`;
    })}
  </g>`;
}

/**
 * Each run's points in pixels, "x,y" per point, built once per run, size of what is known
 * and domain: playing back only joins a longer slice of them.
 */
export class TrailCache {
  private readonly cache = new WeakMap<SurfaceRun, { key: string; points: string[] }>();

  points(run: SurfaceRun, domain: PlotDomain, domainKey: string): string[] {
    const key = `${domainKey}|${run.steps}`;
    let entry = this.cache.get(run);
    if (entry?.key !== key) {
      const points: string[] = [];
      for (let i = 0; i <= run.steps; i++) {
        const x = run.points[2 * i];
        const y = run.points[2 * i + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) break;
        points.push(`${clampPx(domain.sx(x)).toFixed(1)},${clampPx(domain.sy(y)).toFixed(1)}`);
      }
      entry = { key, points };
      this.cache.set(run, entry);
    }
    return entry.points;
  }
}

export function trailsLayer(
  runs: readonly SurfaceRun[],
  step: number,
  domain: PlotDomain,
  domainKey: string,
  trails: TrailCache,
  selected: number,
): SVGTemplateResult {
  // The selected run last, so that its trail is drawn over the others.
  const order = runs.map((_, index) => index).filter((index) => index !== selected);
  if (selected < runs.length) order.push(selected);
  return svg`<g class="trails" part="trails">
    ${order.map((index) => {
      const run = runs[index];
      const points = trails.points(run, domain, domainKey);
      const shown = points.slice(0, shownPoint(run, step) + 1);
      if (shown.length === 0) return nothing;
      const [cx, cy] = shown[shown.length - 1].split(',');
      const classes = `run-${index + 1}${index === selected ? ' selected' : ''}`;
      return svg`<g class=${classes}>
        <path class="halo" d=${`M${shown.join('L')}`}></path>
        <path class="trail" d=${`M${shown.join('L')}`}></path>
        <circle class="marker" cx=${cx} cy=${cy} r="4.5"></circle>
      </g>`;
    })}
  </g>`;
}
