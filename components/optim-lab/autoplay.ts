/**
 * Autoplay waits until the lab is on screen: a long post should not train every lab at once.
 * Starts once per element; an embed with a broken attribute says so and waits for a reader.
 */
import type { ReactiveController, ReactiveElement } from 'lit';

export interface AutoplayOptions {
  /** Whether the author asked for autoplay (read on every check). */
  enabled: () => boolean;
  /** False when the lab should wait for a reader instead (e.g. an invalid attribute). */
  ready: () => boolean;
  play: () => void;
}

export class AutoplayController implements ReactiveController {
  private observer: IntersectionObserver | undefined;
  private played = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: AutoplayOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.host.hasUpdated) this.watch();
  }

  hostUpdated(): void {
    this.watch();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private watch(): void {
    if (this.played || this.observer || !this.options.enabled()) return;
    if (typeof IntersectionObserver === 'undefined') {
      this.run();
      return;
    }
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        this.observer?.disconnect();
        this.observer = undefined;
        this.run();
      }
    });
    this.observer.observe(this.host);
  }

  private run(): void {
    if (this.played) return;
    this.played = true;
    if (this.options.ready()) this.options.play();
  }
}
