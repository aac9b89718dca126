import { html, nothing, svg } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { stepView } from '../../src/surface/step-view';
import { SURFACES } from '../../src/surface/functions';
import type { Point, SurfaceConfig, SurfaceResult, SurfaceRun } from '../../src/surface/types';
import { AutoplayController } from '../optim-lab/autoplay';
import { PlotFrame, plotFrameStyles } from '../plot/plot-frame';
import { plotTheme } from '../plot/theme.styles';
import { mathStyles } from '../shared/math';
import { OptimElement } from '../shared/optim-element';
import { arrowsLayer, stepArrows } from './arrows';
import { CONFIG_ATTRIBUTES, readSurfaceAttributes } from './attributes';
import type { AttributeValues } from './attributes';
import { ContourController } from './contour-controller';
import { plotDomain } from './domain';
import type { PlotDomain } from './domain';
import { endDetail, progressDetail, snapshotAt, trajectoryOf } from './events';
import type { SurfaceTrajectory } from './events';
import { PLOT_MARGIN, lossSurfaceStyles } from './loss-surface.styles';
import { numbersPanel } from './numbers-panel';
import { Playback } from './playback';
import { TrailCache, contourLayer, marksLayer, trailsLayer } from './plot-layer';
import type { SurfacePreset } from './presets';
import { legend } from './legend';
import { runMessages, summaryText } from './run-text';
import { StartControl } from './start-control';
import { stepNumbers } from './step-math';
import type { StepNumbers } from './step-math';
import { SurfaceController } from './surface-controller';
import { toolbar } from './toolbar';

/** Progress events at most this often while playing (as `<optim-lab>`'s ~30 a second). */
const PROGRESS_INTERVAL_MS = 33;

/**
 * @summary Optimizers walking a 2-D loss landscape, step by step, with each step's update
 * rule in numbers. Trajectories come from the project's torch-exact optimizers and
 * schedulers in a worker (its own, TF.js cpu only).
 *
 * Filled contours (log-spaced levels) with the minima marked, one trail per run, a marker at
 * each run's current point, and the start point as a control: drag it, or focus it and use
 * the arrow keys, and every run restarts from there. Play, pause, step and reset replay the
 * computed steps at the chosen speed; the numbers panel shows a run's θ, gradient, lr,
 * optimizer state, bias corrections and Δθ for one step, typeset in its update rule, with
 * the gradient, momentum and (Nesterov) look-ahead drawn on the plot.
 *
 * @fires optim-progress - While playing, per run (about 30 a second at most): `detail`
 *   { run, runId, label, step, epoch, loss, lr, status }, as `<optim-lab>` fires it.
 * @fires optim-end - Playback reached the last step: `detail.runs` holds each run's numbers there.
 * @fires optim-error - An attribute is invalid (`detail.attribute` names it) or the worker failed.
 * @fires loss-surface-computed - Every trajectory of the current config is computed;
 *   `detail.steps` holds each run's step count.
 *
 * @csspart base - The wrapper around everything.
 * @csspart title - The preset's title.
 * @csspart problems - Messages about invalid attributes (a live alert).
 * @csspart toolbar - Play/pause, step, reset, the speed and the position.
 * @csspart play-button - Play / pause / replay.
 * @csspart step-button - One step forward.
 * @csspart reset-button - Back to the start.
 * @csspart speed-select - Steps per second.
 * @csspart position - "step i of n".
 * @csspart plot - The box holding the image and the start control.
 * @csspart svg - The image (role="img", described by the summary).
 * @csspart contours - The filled contour bands.
 * @csspart marks - The minima (×) and saddles (+).
 * @csspart trails - Every run's path and current point.
 * @csspart arrows - The selected step's gradient, momentum, look-ahead and Δθ.
 * @csspart overlay - The area over the plot that takes pointer drags.
 * @csspart start-handle - The start point (role="slider", arrow keys move it).
 * @csspart legend - The runs, each with its colour and status.
 * @csspart legend-item - One run in the legend.
 * @csspart arrow-key - What the arrows on the plot mean.
 * @csspart messages - Runs that diverged or left the view box.
 * @csspart summary - The visually hidden text summary of the plot.
 * @csspart know-how - The preset's lesson.
 * @csspart numbers - The numbers panel (a <details>).
 * @csspart run-select - The run the panel shows.
 * @csspart step-slider - The step the panel (and the plot) shows.
 * @csspart step-output - "step i of n" in the panel.
 * @csspart numbers-table - The step's numbers.
 * @csspart rule - The update rule in symbols.
 * @csspart math - The update rule with the step's numbers.
 *
 * @cssproperty --optim-lab-* - The theme tokens (ink, muted, surface, ..., series-1 ... series-16).
 * @cssproperty [--loss-surface-height=26rem] - Height of the plot (at most about the element's width).
 * @cssproperty [--loss-surface-contour-color=var(--optim-lab-ink)] - Colour of the contour bands and lines.
 * @cssproperty [--loss-surface-color-1=var(--optim-lab-series-1)] - Colour of run 1, up to
 *   --loss-surface-color-16.
 *
 * @tag loss-surface
 */
export class LossSurface extends OptimElement {
  static override styles = [plotTheme, plotFrameStyles, mathStyles, lossSurfaceStyles];

  /** One of the lessons (presets.ts): optimizer-zoo, momentum-vs-nesterov, ... */
  @property() preset?: string;
  /** rosenbrock, beale, himmelblau, saddle, quadratic, rastrigin or expression. */
  @property() function?: string;
  /** The quadratic's c in 0.5 (x² + c·y²). */
  @property() condition?: string;
  /** f(x, y) for function="expression", e.g. "x ** 2 + 3 * y ** 2". */
  @property() expression?: string;
  /** JSON: [{ "optimizer": OptimizerConfig, "scheduler"?: SchedulerConfig, "label"?: string }]. */
  @property() runs?: string;
  /** Shorthand runs: "SGD Adam RMSprop", PyTorch's defaults and the function's lr for each. */
  @property() optimizers?: string;
  /** Where every run starts: attribute `start`, "x,y" (the property is `startPoint`: start() plays). */
  @property({ attribute: 'start' }) startPoint?: string;
  /** The view box: "x min, x max, y min, y max". */
  @property() view?: string;
  /** Optimizer steps per run. */
  @property() steps?: string;
  /** Play once the element is on screen (with reduced motion: show the finished paths). */
  @property({ type: Boolean }) autoplay = false;

  @state() private config: SurfaceConfig | undefined;
  @state() private lesson: SurfacePreset | undefined;
  @state() private selected = 0;
  @state() private failure: string | undefined;
  /** The start the attributes give (Home on the start control goes back to it). */
  private configuredStart: Point | undefined;

  private readonly frame = new PlotFrame(this, {
    margin: PLOT_MARGIN,
    fallback: { width: 600, height: 416 },
  });
  private readonly contours = new ContourController(this);
  private readonly trails = new TrailCache();
  private readonly surfaces = new SurfaceController(this, {
    onProgress: () => this.requestUpdate(),
    onDone: (result) => {
      this.failure = undefined;
      this.requestUpdate();
      this.emit('loss-surface-computed', { steps: result.runs.map((run) => run.steps) });
    },
    onError: (error) => {
      this.failure = `The surface worker failed: ${error.message}`;
      this.emit('optim-error', { message: this.failure });
    },
  });
  private readonly playback = new Playback(this, {
    available: () => this.available,
    total: () => this.config?.steps ?? 0,
    onAdvance: (step) => this.announceProgress(step),
    onEnd: () => this.emit('optim-end', endDetail(this.shownRuns, this.playback.step)),
  });
  private readonly startControl = new StartControl(this, {
    domain: () => this.domain(),
    config: () => this.config,
    configured: () => this.configuredStart,
    move: (start, now) => this.moveStart(start, now),
  });
  private lastProgress = 0;

  constructor() {
    super();
    new AutoplayController(this, {
      enabled: () => this.autoplay,
      ready: () => this.config !== undefined,
      play: () => this.autoStart(),
    });
  }

  /** One entry per run: `{ label, points, loss }`, points[0] the start, loss[i] = f(points[i]). */
  get trajectories(): SurfaceTrajectory[] {
    return this.shownRuns.map(trajectoryOf);
  }

  /** Everything the worker computed (per step θ, f, ∇f, lr, momentum, optimizer state). */
  get result(): SurfaceResult | undefined {
    return this.surfaces.result;
  }

  /** The validated config shown (every default filled in), if the attributes describe one. */
  get surfaceConfig(): SurfaceConfig | undefined {
    return this.config;
  }

  /** Resolves once the current config's trajectories are all computed. */
  get computeComplete(): Promise<void> {
    return this.surfaces.computeComplete;
  }

  /** The step the plot shows (0: the start). */
  get currentStep(): number {
    return Math.min(this.playback.step, this.available);
  }

  /** Plays the trajectories from the start (or from where they were paused). */
  start(): void {
    this.surfaces.wake();
    if (this.config) this.playback.play();
  }

  pause(): void {
    this.playback.pause();
  }

  /** Back to step 0, paused. */
  reset(): void {
    this.playback.reset();
  }

  /** `n` steps forward (default 1), paused. */
  step(n = 1): void {
    this.surfaces.wake();
    for (let i = 0; i < n && !this.playback.atEnd; i++) this.playback.stepForward();
  }

  private get shownRuns(): SurfaceRun[] {
    return this.surfaces.result?.runs ?? [];
  }

  /** Steps every run has reached (a run that stopped counts as complete). */
  private get available(): number {
    const runs = this.shownRuns;
    if (runs.length === 0) return 0;
    const total = this.config?.steps ?? 0;
    return Math.min(...runs.map((run) => (run.status === 'running' ? run.steps : total)));
  }

  private autoStart(): void {
    if (!matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.start();
      return;
    }
    // No motion: once every step is in, show the finished paths (and say so, as playing would).
    void this.surfaces.computeComplete.then(() => {
      if (!this.playback.playing) this.playback.finish();
    });
  }

  private announceProgress(step: number): void {
    const now = performance.now();
    const last = step >= (this.config?.steps ?? 0);
    if (!last && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    this.shownRuns.forEach((run, index) => {
      this.emit(
        'optim-progress',
        progressDetail(snapshotAt(run, index, step, this.playback.playing)),
      );
    });
  }

  /** The config attributes' values, by attribute name. */
  private attributeValues(): AttributeValues {
    const { preset, condition, expression, runs, optimizers, startPoint, view, steps } = this;
    return {
      preset,
      function: this.function,
      condition,
      expression,
      runs,
      optimizers,
      start: startPoint,
      view,
      steps,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const props = ['startPoint', ...CONFIG_ATTRIBUTES.filter((name) => name !== 'start')];
    if (props.some((name) => changed.has(name as keyof LossSurface))) this.readConfig();
  }

  private readConfig(): void {
    const { config, preset, problems } = readSurfaceAttributes(this.attributeValues());
    this.reportProblems(problems);
    this.lesson = preset;
    if (config === undefined) return;
    this.config = config;
    this.configuredStart = config.start;
    this.selected = Math.min(this.selected, config.runs.length - 1);
    // A new picture opens finished (all paths shown) unless it is playing.
    if (!this.playback.playing) this.playback.step = config.steps;
    this.surfaces.compute(config);
  }

  /** Every run restarts from `start`: now while a drag pauses, and at least every 120 ms. */
  private moveStart(start: Point, now = false): void {
    if (!this.config) return;
    this.config = { ...this.config, start };
    if (now) this.surfaces.compute(this.config);
    else this.surfaces.request(this.config);
    // Playing: the new paths play from their start (paused, the shown step stays).
    if (this.playback.playing) {
      this.playback.reset();
      this.playback.play();
    }
  }

  private domain(): PlotDomain | undefined {
    if (!this.config) return undefined;
    const box = this.frame.layout();
    return plotDomain(this.config.view, box.innerWidth, box.innerHeight);
  }

  private selectedNumbers(step: number): StepNumbers | undefined {
    const run = this.shownRuns[this.selected];
    if (!run || run.steps < 1) return undefined;
    const at = Math.max(1, Math.min(step, run.steps));
    return stepNumbers(run, stepView(run, at));
  }

  protected override render() {
    const config = this.config;
    const domain = this.domain();
    const runs = this.shownRuns;
    const step = this.currentStep;
    const numbers = this.selectedNumbers(step);
    return html`<div class="base" part="base">
      ${this.lesson ? html`<p class="title" part="title">${this.lesson.title}</p>` : nothing}
      ${this.renderProblems(this.failure ? [this.failure] : [])}
      ${toolbar({
        playing: this.playback.playing,
        step,
        total: config?.steps ?? 0,
        speed: this.playback.speed,
        enabled: config !== undefined && runs.length > 0,
        onPlay: () => this.start(),
        onPause: () => this.pause(),
        onStep: () => this.step(),
        onReset: () => this.reset(),
        onSpeed: (speed) => {
          this.playback.speed = speed;
          this.requestUpdate();
        },
      })}
      <div class="plot" part="plot">
        ${config && domain ? this.renderImage(config, domain, runs, step, numbers) : nothing}
        ${config && domain ? this.startControl.render(config) : nothing}
      </div>
      ${legend(runs, step, numbers !== undefined)}
      <ul class="messages" part="messages" aria-live="polite">
        ${runMessages(runs, step).map((m) => html`<li class="run-${m.run + 1}">${m.text}</li>`)}
      </ul>
      ${
        this.lesson
          ? html`<div class="know-how" part="know-how">
              <p>${this.lesson.knowHow.join(' ')}</p>
            </div>`
          : nothing
      }
      ${numbersPanel({
        runs,
        selected: this.selected,
        steps: runs[this.selected]?.steps ?? 0,
        numbers,
        onRun: (index) => (this.selected = index),
        onStep: (value) => {
          this.playback.seek(value);
          this.requestUpdate();
        },
      })}
    </div>`;
  }

  private renderImage(
    config: SurfaceConfig,
    domain: PlotDomain,
    runs: SurfaceRun[],
    step: number,
    numbers: StepNumbers | undefined,
  ) {
    const box = this.frame.layout();
    const key = `${domain.x.join()}|${domain.y.join()}|${box.innerWidth}x${box.innerHeight}`;
    this.contours.want({
      choice: config,
      x: domain.x,
      y: domain.y,
      width: box.innerWidth,
      height: box.innerHeight,
    });
    const arrows = numbers && stepArrows(numbers, domain);
    const title =
      config.function === 'expression'
        ? `f(x, y) = ${config.expression}`
        : SURFACES[config.function].title;
    // A nested <svg> clips to its box by itself: no clip-path url(#id), which Chromium's
    // style cache would keep (and with it the whole element) after the element is removed.
    const content = svg`<svg class="inner" width=${box.innerWidth} height=${box.innerHeight}>
        ${contourLayer(this.contours.bands)}
        ${marksLayer(SURFACES[config.function].marks, domain)}
        ${trailsLayer(runs, step, domain, key, this.trails, this.selected)}
        ${arrowsLayer(arrows, this.selected)}
      </svg>`;
    return html`${this.frame.svg(box, { label: `Loss surface: ${title}`, content })}
      <p part="summary" id="summary" class="visually-hidden">
        ${summaryText(config, runs, step)}
      </p>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const domain = this.domain();
    if (this.config && domain) {
      const key = `${domain.x.join()}|${domain.y.join()}|${domain.sx.range().join()}|${domain.sy.range().join()}`;
      this.frame.drawAxes(key, { x: domain.sx, y: domain.sy });
    }
  }
}
