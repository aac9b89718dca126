/**
 * Playing the trajectories back: which step the picture shows, advanced at `speed` steps a
 * second on animation frames while playing, never past the steps computed so far (playback
 * waits for a computation that is still streaming). The trajectories are computed in one go;
 * playing them is the learner's pace, not the engine's.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Steps per second the speed control offers; the default is the middle one. */
export const SPEEDS = [10, 30, 60, 120, 300] as const;
export const DEFAULT_SPEED = 60;

export interface PlaybackOptions {
  /** Steps computed so far (the furthest the picture can show). */
  available: () => number;
  /** Steps the computation will have (where playback ends). */
  total: () => number;
  /** After each change of the shown step while playing. */
  onAdvance: (step: number) => void;
  /** Playback reached the last step. */
  onEnd: () => void;
}

export class Playback implements ReactiveController {
  /** The step shown: 0 is the start, `total()` the end. */
  step = 0;
  playing = false;
  speed: number = DEFAULT_SPEED;
  private frame = 0;
  private lastTime: number | undefined;
  /** Fractional steps carried between frames at low speeds. */
  private carry = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PlaybackOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stopFrames();
    this.playing = false;
  }

  get atEnd(): boolean {
    return this.step >= this.options.total();
  }

  /** Plays from here (from the start when at the end). */
  play(): void {
    if (this.atEnd) this.step = 0;
    this.playing = true;
    this.carry = 0;
    this.lastTime = undefined;
    this.requestFrame();
    this.host.requestUpdate();
  }

  pause(): void {
    this.playing = false;
    this.stopFrames();
    this.host.requestUpdate();
  }

  /** Shows `step` (clamped to what is computed), pausing. */
  seek(step: number): void {
    this.pause();
    this.step = Math.max(0, Math.min(Math.round(step), this.options.available()));
  }

  /** One step forward, pausing; reaching the end ends playback. */
  stepForward(): void {
    this.seek(this.step + 1);
    this.options.onAdvance(this.step);
    if (this.atEnd) this.options.onEnd();
  }

  /** Back to the start, paused. */
  reset(): void {
    this.seek(0);
  }

  /** Jumps to the end (where reduced motion asks not to animate). */
  finish(): void {
    this.seek(this.options.total());
    this.options.onAdvance(this.step);
    if (this.atEnd) this.options.onEnd();
  }

  private requestFrame(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(this.tick);
  }

  private stopFrames(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private readonly tick = (time: number): void => {
    this.frame = 0;
    if (!this.playing) return;
    const elapsed = this.lastTime === undefined ? 0 : Math.min(0.25, (time - this.lastTime) / 1000);
    this.lastTime = time;
    this.carry += elapsed * this.speed;
    const whole = Math.floor(this.carry);
    this.carry -= whole;
    const next = Math.min(this.step + whole, this.options.available());
    if (next !== this.step) {
      this.step = next;
      this.options.onAdvance(next);
      this.host.requestUpdate();
    }
    if (this.atEnd) {
      this.playing = false;
      this.host.requestUpdate();
      this.options.onEnd();
      return;
    }
    this.requestFrame();
  };
}
