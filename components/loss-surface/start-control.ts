/**
 * The start point as a control: an overlay over the plot's inner box takes pointer drags
 * (a press anywhere puts the start there; a mouse or pen drags on, a touch on the picture
 * only places it, so pages still scroll under a finger; the handle itself drags for every
 * pointer), and the handle is a focusable slider with an accessible name and value that the
 * arrow keys move (Shift: bigger steps, Home: back to the configured start). Its position is
 * set through CSSOM custom properties, not a style attribute (strict style-src CSP).
 */
import { html } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { Point, SurfaceConfig } from '../../src/surface/types';
import { nudge, pointAt } from './domain';
import type { PlotDomain } from './domain';
import { pointText, roughNumber } from './run-text';

export interface StartControlOptions {
  domain: () => PlotDomain | undefined;
  config: () => SurfaceConfig | undefined;
  /** The start the attributes give, where Home goes back to. */
  configured: () => Point | undefined;
  /** `now`: compute at once (the drag ended), else debounced. */
  move: (start: Point, now: boolean) => void;
}

export class StartControl implements ReactiveController {
  private dragging: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly options: StartControlOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.dragging = undefined;
  }

  /** Puts the handle at the start, in the plot's pixels. */
  hostUpdated(): void {
    const domain = this.options.domain();
    const config = this.options.config();
    if (!domain || !config) return;
    const handle = this.handle();
    handle?.style.setProperty('--hx', `${domain.sx(config.start[0])}px`);
    handle?.style.setProperty('--hy', `${domain.sy(config.start[1])}px`);
  }

  private handle(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.start-handle');
  }

  private pointOf(event: PointerEvent): Point | undefined {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const domain = this.options.domain();
    return domain && pointAt(domain, event.clientX - box.left, event.clientY - box.top);
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const handle = this.handle();
    const onHandle = event.target === handle;
    const point = this.pointOf(event);
    if (point === undefined) return;
    event.preventDefault();
    if (!onHandle) this.options.move(point, false);
    if (event.pointerType === 'touch' && !onHandle) return;
    this.dragging = event.pointerId;
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    handle?.focus({ preventScroll: true });
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (event.pointerId !== this.dragging) return;
    const point = this.pointOf(event);
    if (point) this.options.move(point, false);
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (event.pointerId !== this.dragging) return;
    this.dragging = undefined;
    const start = this.options.config()?.start;
    if (start) this.options.move(start, true);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const config = this.options.config();
    if (!config) return;
    const next =
      event.key === 'Home'
        ? this.options.configured()
        : nudge(config.start, event.key, event.shiftKey, config.view);
    if (next === undefined) return;
    event.preventDefault();
    this.options.move(next, false);
  };

  render(config: SurfaceConfig): TemplateResult {
    const [x, y] = config.start;
    const home = this.options.configured() ?? config.start;
    return html`<div
      class="overlay"
      part="overlay"
      @pointerdown=${this.onPointerDown}
      @pointermove=${this.onPointerMove}
      @pointerup=${this.onPointerUp}
      @pointercancel=${this.onPointerUp}
    >
      <div
        class="start-handle"
        part="start-handle"
        role="slider"
        tabindex="0"
        aria-label="Start point"
        aria-roledescription="2-D slider"
        aria-valuemin=${config.view.x[0]}
        aria-valuemax=${config.view.x[1]}
        aria-valuenow=${x}
        aria-valuetext=${`x ${roughNumber(x)}, y ${roughNumber(y)}`}
        aria-describedby="start-hint"
        @keydown=${this.onKeyDown}
      ></div>
      <p id="start-hint" class="visually-hidden">
        Drag the start point or use the arrow keys (with Shift, bigger steps); Home goes back to
        ${pointText(home[0], home[1])}. Every run restarts from it.
      </p>
    </div>`;
  }
}
