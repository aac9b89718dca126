/**
 * Keeps the contours the plot needs, computed off the render path: when the function, the
 * domain or the plot's size changes, the new bands are computed in a task of their own
 * (setTimeout 0, after the frame that shows the change) and the host re-renders with them;
 * until then it keeps showing the previous ones. Results are cached (./contours.ts), so
 * going back to a size or function already seen costs nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cachedContours, contourKey } from './contours';
import type { ContourBands, ContourRequest } from './contours';

export class ContourController implements ReactiveController {
  bands: ContourBands | undefined;
  private shownKey: string | undefined;
  private wanted: ContourRequest | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Asks for the bands of `request`; they arrive with a later update. */
  want(request: ContourRequest): void {
    const key = contourKey(request);
    if (key === this.shownKey || (this.wanted && contourKey(this.wanted) === key)) return;
    this.wanted = request;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const wanted = this.wanted;
      this.wanted = undefined;
      if (wanted === undefined) return;
      this.bands = cachedContours(wanted);
      this.shownKey = contourKey(wanted);
      this.host.requestUpdate();
    }, 0);
  }

  /** Whether the bands shown are those of the latest request. */
  get current(): boolean {
    return this.wanted === undefined && this.bands !== undefined;
  }
}
