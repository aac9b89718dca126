/**
 * The selected step drawn on the plot, from θ_{t-1}: the steepest-descent direction -g and
 * the direction momentum pushes (-b_t or -m_t), scaled together so their lengths compare
 * (a gradient can be 1e3 times a step, so these two show direction and relative size, not
 * distance); the step Δθ itself, to scale; and for Nesterov the look-ahead point
 * θ - γμb_t, reached by the momentum jump, from which the gradient correction leads to θ_t.
 */
import { svg, nothing } from 'lit';
import type { SVGTemplateResult } from 'lit';
import type { Point } from '../../src/surface/types';
import type { PlotDomain } from './domain';
import { norm } from './step-math';
import type { StepNumbers } from './step-math';

export interface StepArrows {
  from: Point;
  /** Pixel end points. */
  gradient?: Point;
  momentum?: Point;
  delta: Point;
  lookAhead?: Point;
}

/** The longer of the direction arrows, as a share of the plot's smaller side. */
const DIRECTION_SHARE = 0.16;

export function stepArrows(n: StepNumbers, domain: PlotDomain): StepArrows {
  const { view } = n;
  const px = (p: Point): Point => [domain.sx(p[0]), domain.sy(p[1])];
  const from = px(view.theta);
  const [width, height] = [domain.sx.range()[1], domain.sy.range()[0]];
  const longest = DIRECTION_SHARE * Math.min(width, height);
  const momentum = n.momentum?.value;
  const scale = longest / Math.max(norm(n.grad), momentum ? norm(momentum) : 0);
  // Pixels point down where y points up: flip the y component.
  const direction = (v: Point): Point | undefined =>
    Number.isFinite(scale) && norm(v) > 0
      ? [from[0] - v[0] * scale, from[1] + v[1] * scale]
      : undefined;
  const arrows: StepArrows = { from, delta: px(view.thetaNext) };
  const gradient = direction(n.grad);
  if (gradient) arrows.gradient = gradient;
  const push = momentum && direction(momentum);
  if (push) arrows.momentum = push;
  if (view.lookAhead) arrows.lookAhead = px(view.lookAhead);
  return arrows;
}

/** An arrowhead's outline at `to`, pointing away from `from` (a path: no SVG markers, whose
 * url(#id) references Chromium's style cache keeps alive after the element is removed). */
function head(from: Point, to: Point, size = 7): string {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const corner = (turn: number): Point => [
    to[0] - size * Math.cos(angle + turn),
    to[1] - size * Math.sin(angle + turn),
  ];
  const [a, b] = [corner(0.45), corner(-0.45)];
  return `M${to[0]},${to[1]}L${a[0]},${a[1]}L${b[0]},${b[1]}Z`;
}

/** A line with its head, over a halo of the surface colour (contrast on any band). */
const segment = (from: Point, to: Point, cls: string) => {
  const d = `M${from[0]},${from[1]}L${to[0]},${to[1]}`;
  return svg`<path class="halo" d=${d}></path>
    <path class=${cls} d=${d}></path>
    <path class=${`head ${cls}`} d=${head(from, to)}></path>`;
};

export function arrowsLayer(arrows: StepArrows | undefined, run: number): SVGTemplateResult {
  if (arrows === undefined) return svg``;
  const { from, gradient, momentum, delta, lookAhead } = arrows;
  return svg`<g class="arrows run-${run + 1}" part="arrows">
    ${gradient ? segment(from, gradient, 'arrow arrow-gradient') : nothing}
    ${momentum ? segment(from, momentum, 'arrow arrow-momentum') : nothing}
    ${
      lookAhead
        ? svg`<path class="halo" d=${`M${from[0]},${from[1]}L${lookAhead[0]},${lookAhead[1]}`}></path>
          <path class="arrow arrow-jump" d=${`M${from[0]},${from[1]}L${lookAhead[0]},${lookAhead[1]}`}></path>
          <circle class="look-ahead" cx=${lookAhead[0]} cy=${lookAhead[1]} r="4"></circle>
          ${segment(lookAhead, delta, 'arrow arrow-delta')}`
        : segment(from, delta, 'arrow arrow-delta')
    }
  </g>`;
}
