import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Size {
  width: number;
  height: number;
}

/**
 * Tracks the content-box size of an element inside the host (or the host itself) with a
 * ResizeObserver and asks the host to re-render when it changes. Plots size their SVG and
 * canvas from it, so they follow their container from 360 px phones to wide screens.
 */
export class ResizeController implements ReactiveController {
  /** Last observed size; the fallback is used until the first observation arrives. */
  size: Size;
  private observer?: ResizeObserver;
  private observed?: Element;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => Element | null | undefined = () => host,
    fallback: Size = { width: 600, height: 240 },
    private readonly onResize?: (size: Size) => void,
  ) {
    this.size = { ...fallback };
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      // A detached or display:none element reports 0 x 0: keep the last real size.
      if (width === 0 || height === 0) return;
      if (width === this.size.width && height === this.size.height) return;
      this.size = { width, height };
      this.onResize?.(this.size);
      this.host.requestUpdate();
    });
    this.observeTarget();
  }

  hostUpdated(): void {
    // The target may live in the shadow root, which exists only after the first render.
    this.observeTarget();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  private observeTarget(): void {
    const el = this.target();
    if (!this.observer || !el || el === this.observed) return;
    if (this.observed) this.observer.unobserve(this.observed);
    this.observer.observe(el);
    this.observed = el;
  }
}
