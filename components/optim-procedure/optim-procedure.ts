import { html } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import type { ExperimentConfigInput, RunConfigInput } from '../../src/protocol/experiment';
import { fillRunHorizon } from '../../src/protocol/horizon';
import type { LabExperimentInput } from '../../src/protocol/horizon';
import { ConfigError } from '../../src/protocol/validation';
import type { LabState } from '../../src/share/state';
import { readChoice } from '../optim-lab/read-values';
import { describeRun } from '../optim-lab/run-labels';
import { OptimElement } from '../shared/optim-element';
import type { ElementProblem } from '../shared/optim-element';
import { SharePanel } from '../shared/share-panel';
import { FinderStep } from './finder-step';
import { procedureStyles } from './optim-procedure.styles';
import { readProblem } from './problem';
import type { ProblemSetup } from './problem';
import { DEFAULT_PRESET, PRESETS, presetById } from './presets';
import type { PresetId } from './presets';
import { defaultChoices, procedureState, readProcedureState } from './procedure-state';
import { rankingView } from './ranking-view';
import { horizonOf, makeRecipe, runOf, settingsOf } from './recipe';
import type { Recipe } from './recipe';
import { adoptionLine, navBar, progressList } from './procedure-view';
import { recipeView } from './recipe-view';
import { StableConfigs, stepLab } from './step-lab';
import type { ProcedureChoices, ProcedureHost } from './step-host';
import { STEPS } from './steps/index';
import { Trail } from './trail';

/** `procedure-step` and `procedure-recipe`: where the learner is and what they carry. */
export interface ProcedureStepDetail {
  /** 0-based index of the step shown. */
  step: number;
  /** The current recipe (a copy). */
  recipe: Recipe;
}

const PRESET_IDS = PRESETS.map((p) => p.id);
/** The step the LR range test is (its result belongs to the recipe it ran on). */
const FINDER_STEP = 2;

/**
 * The lesson's general optimization procedure, walked step by step on one problem: start from
 * a published recipe, grid-search around it, find the lr with the LR range test, race Adam
 * with a warm-up against RAdam, schedule for what the loss did, try SGD + momentum, and, as
 * last resorts, AutoML and a random search. Each step is a lab built from the other elements;
 * what a step adopts is the recipe the next one starts from, and Back / Next walk it.
 *
 * @summary The eight steps of the general optimization procedure as a guided path.
 *
 * @attr dataset - The problem's dataset (default spiral, with noise 0.05).
 * @attr layers - Hidden layer widths (default "32,32").
 * @attr activation - relu (default), leakyRelu, tanh, sigmoid, gelu or linear.
 * @attr batch-size - The recipe's batch size (default 32).
 * @attr epochs - The recipe's training length (default 50).
 * @attr seed - Seeds data, initial weights and batch order.
 * @attr backend - The backend every step's lab asks for: auto (default), webgpu, webgl, wasm or cpu.
 * @attr config - The problem as experiment JSON (dataset, model, training, seed); its runs are not used.
 * @attr preset - The published recipe step 1 starts with: resnet (default), transformer or fastai.
 * @attr step - The step shown, 0-based (also the `step` property).
 * @attr share - Read this procedure's state from the page's URL fragment (`#optim-procedure:<id>=v1.…`, made by "Copy link") on connect and on `hashchange`.
 *
 * @fires procedure-step - The step shown changed: `detail` { step, recipe }.
 * @fires procedure-recipe - A step adopted a recipe (or undid it), or a shared state was restored: `detail` { step, recipe }.
 * @fires optim-error - An invalid attribute, an invalid `recipe`, a failed LR range test or a shared state that could not be used (attribute 'share'): `detail` { message, attribute? }.
 *
 * @csspart base - The wrapper around everything.
 * @csspart problems - Problems with the attributes.
 * @csspart progress - The list of the eight steps, the current one marked.
 * @csspart step-count - "Step n of 8".
 * @csspart step-heading - The step's heading (focused after Back / Next).
 * @csspart know-how - The step's know-how.
 * @csspart look-for - What to look for in the plots.
 * @csspart step-body - The step's lab and controls.
 * @csspart lab - The step's <optim-lab>.
 * @csspart ranking - The ranking of the step's runs with the Adopt button.
 * @csspart adopt-button - Adopts the chosen run.
 * @csspart adoption - What the step adopted, and "Keep the recipe as it was".
 * @csspart keep-button - Undoes the step's adoption.
 * @csspart recipe - The recipe before and after the step.
 * @csspart nav - Back, Next, Share and the PyTorch button.
 * @csspart share-button - Shows the share panel (aria-expanded).
 * @csspart share - The share panel: copy-link, copy-json, download-json, share-output, share-status, restore-input, restore, restore-error.
 * @csspart back-button - Back.
 * @csspart next-button - Next.
 * @csspart pytorch - The "PyTorch" button (an <optim-pytorch-export>) with the current recipe.
 * @csspart presets - Step 1's published recipes.
 * @csspart grid-axes - Step 2's grid.
 * @csspart find-lr-button - Step 3's "Run the LR range test".
 * @csspart lr-finder-plot - Step 3's <lr-finder-plot>.
 * @csspart previous-loss - Step 5's loss plot of step 4.
 * @csspart advice - Step 5's reading of that loss.
 * @csspart schedules - Step 5's schedule choice.
 * @csspart scheduler-editor - Step 5's <scheduler-editor>.
 * @csspart search-settings - Step 8's run count and seed.
 *
 * @cssproperty --optim-lab-* - The theme tokens, as for <optim-lab> (README, Theme).
 *
 * @tag optim-procedure
 */
export class OptimProcedure extends OptimElement {
  static override styles = procedureStyles;

  /** Attribute `dataset` (the property `dataset` is every element's data-* map). */
  @property({ attribute: 'dataset' }) datasetName?: string;
  @property() layers?: string;
  @property() activation?: string;
  @property({ attribute: 'batch-size' }) batchSize?: string;
  @property() epochs?: string;
  @property() seed?: string;
  @property() backend?: string;
  @property() config?: string | ExperimentConfigInput;
  @property() preset?: string;
  /** The step shown, 0-based; out-of-range values are clamped. */
  @property({ type: Number }) step = 0;
  /** Read this procedure's state from the page's URL fragment (on connect and on hashchange). */
  @property({ type: Boolean }) share = false;

  @state() private choices: ProcedureChoices = defaultChoices(DEFAULT_PRESET);
  @state() private trail = Trail.from(presetRecipe(readProblem({}), DEFAULT_PRESET));
  @state() private announcement = '';

  @query('#step-heading') private heading?: HTMLElement;

  private readonly finder = new FinderStep(this, (message) =>
    this.emit('optim-error', { message }),
  );
  private setup: ProblemSetup = readProblem({});
  private readonly configs = new StableConfigs();
  private focusHeading = false;
  private readonly sharing = new SharePanel(this, {
    kind: 'optim-procedure',
    noun: 'procedure',
    holds:
      'A link or a JSON file holds where you are: the problem, the step, your choices and what each step adopted. The labs train again when it is opened.',
    id: () => this.id,
    readsFragment: () => this.share,
    state: () =>
      procedureState({
        start: this.trail.start,
        step: this.step,
        choices: this.choices,
        adopted: this.trail.adopted(),
      }),
    apply: (state) => this.applyState(state),
    defaults: () => this.showDefaults(),
    onProblem: (message) => this.emit('optim-error', { message, attribute: 'share' }),
  });

  /** The number of steps. */
  get steps(): number {
    return STEPS.length;
  }

  /** The current recipe (a copy): the one carried into the next step. */
  get recipe(): Recipe {
    return structuredClone(this.currentRecipe);
  }

  /**
   * Makes `value` (an experiment; its first run is the recipe's) the recipe from this step
   * on, as if the step had adopted it; a schedule's length it leaves out (OneCycleLR's
   * totalSteps, ...) spans the recipe's training. An invalid value fires `optim-error` and is
   * ignored.
   */
  set recipe(value: LabExperimentInput) {
    const run = Array.isArray(value?.runs) ? value.runs[0] : undefined;
    try {
      if (!run) throw new ConfigError('runs', 'must hold the recipe as its first run');
      const { runs: _runs, ...settings } = value;
      const recipe = makeRecipe(settings, fillRunHorizon(run, horizonOf(settings)));
      parseExperimentConfig(recipe);
      this.adoptAt(this.step, recipe, 'a recipe set by the page');
    } catch (error) {
      const detail =
        error instanceof ConfigError ? `${error.path}: ${error.detail}` : String(error);
      this.emit('optim-error', { message: `recipe: ${detail}` });
    }
  }

  /** A link to this procedure as it is now: the page's URL with its fragment entry. */
  shareLink(): Promise<string> {
    return this.sharing.link();
  }

  /**
   * Shows a shared state (from `restoreLabState(text, id, 'optim-procedure')` or
   * `labStateFromJson(text, 'optim-procedure')`): its step, choices and adoptions. A state it
   * cannot use rejects (a ShareError or ConfigError naming the field) and changes nothing.
   */
  restoreState(state: LabState): Promise<void> {
    return this.applyState(state);
  }

  /** Shows the next step (focus moves to its heading when it was inside the element). */
  next(): void {
    this.go(this.step + 1);
  }

  /** Shows the previous step. */
  back(): void {
    this.go(this.step - 1);
  }

  private go(step: number): void {
    if (step < 0 || step >= STEPS.length) return;
    this.focusHeading = this.matches(':focus-within');
    this.step = step;
  }

  // ---- what a step's view asks for (ProcedureHost) -------------------------------------------

  /** The recipe the shown step starts from; undefined at step 1. */
  private get recipeBefore(): Recipe | undefined {
    return this.step === 0 ? undefined : this.recipeAt(this.step - 1);
  }

  private get currentRecipe(): Recipe {
    return this.recipeAt(this.step);
  }

  private stepHost(): ProcedureHost {
    const before = this.recipeBefore;
    const current = this.currentRecipe;
    return {
      before,
      current,
      horizon: horizonOf(settingsOf(before ?? current)),
      choices: this.choices,
      choose: (patch) => (this.choices = { ...this.choices, ...patch }),
      outcome: (index) => this.trail.outcome(index),
      lab: (runs) => this.lab(runs),
      ranking: () => this.ranking(),
      adopt: (run, how) => this.adopt(run, how),
      finder: this.finder,
    };
  }

  private lab(runs: readonly RunConfigInput[]): TemplateResult {
    const index = this.step;
    const settings = settingsOf(this.recipeBefore ?? this.currentRecipe);
    return stepLab({
      config: this.configs.get(`step-${index}`, { ...settings, runs: structuredClone([...runs]) }),
      backend: this.setup.backend,
      onOutcome: (outcome) => {
        this.trail = this.trail.record(index, outcome);
        const best = outcome.candidates[0];
        this.announcement = best
          ? `Training finished: ${best.result.label} ranks first.`
          : 'Training finished.';
      },
    });
  }

  private ranking(): TemplateResult {
    const index = this.step;
    const outcome = this.trail.outcome(index);
    return rankingView({
      step: index,
      outcome,
      selected: this.trail.pick(index),
      onSelect: (pick) => (this.trail = this.trail.choose(index, pick)),
      onAdopt: (pick) => {
        const candidate = outcome?.candidates[pick];
        if (!candidate) return;
        const rank = `ranked ${pick + 1} of ${outcome.candidates.length}`;
        this.adopt(candidate.run, `${candidate.result.label} (${rank})`);
      },
    });
  }

  private adopt(run: RunConfigInput, how: string): void {
    this.adoptAt(
      this.step,
      makeRecipe(settingsOf(this.recipeBefore ?? this.currentRecipe), run),
      how,
    );
  }

  // ---- state ---------------------------------------------------------------------------------

  private recipeAt(step: number): Recipe {
    return this.trail.recipeAt(step);
  }

  /** Sets (or, with no recipe, undoes) the adoption at `step`; later steps start over. */
  private adoptAt(step: number, recipe: Recipe | undefined, how = ''): void {
    this.trail = this.trail.adopt(step, recipe && { recipe, how });
    if (step < FINDER_STEP) this.finder.drop();
    const now = runOf(this.currentRecipe);
    const name = describeRun(now.optimizer, now.scheduler);
    this.announcement = recipe
      ? `Adopted ${how}. The recipe is now ${name}.`
      : `The recipe is back to ${name}.`;
    this.emit('procedure-recipe', { step, recipe: this.recipe });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const attributes = [
      'datasetName',
      'layers',
      'activation',
      'batchSize',
      'epochs',
      'seed',
      'backend',
      'config',
      'preset',
    ] as const;
    if (!this.hasUpdated || attributes.some((name) => changed.has(name))) this.applyAttributes();
    if (changed.has('share') && this.hasUpdated) this.sharing.readFragment();
    const clamped = Math.min(STEPS.length - 1, Math.max(0, Math.trunc(this.step) || 0));
    if (clamped !== this.step) this.step = clamped;
    if (changed.has('step') && changed.get('step') !== undefined) {
      this.announcement = `Step ${this.step + 1} of ${STEPS.length}: ${STEPS[this.step].title}.`;
    }
  }

  /** A new problem: the procedure starts over from step 1's preset. */
  private applyAttributes(): void {
    this.setup = readProblem({
      config: this.config,
      dataset: this.datasetName,
      layers: this.layers,
      activation: this.activation,
      batchSize: this.batchSize,
      epochs: this.epochs,
      seed: this.seed,
      backend: this.backend,
    });
    const problems: ElementProblem[] = [...this.setup.problems];
    let preset: PresetId = DEFAULT_PRESET;
    if (this.preset?.trim()) {
      const read = readChoice(this.preset, PRESET_IDS);
      if (read.ok) preset = read.value;
      else problems.push({ attribute: 'preset', message: `preset: ${read.message}` });
    }
    this.reportProblems(problems);
    this.trail = Trail.from(presetRecipe(this.setup, preset));
    this.choices = defaultChoices(preset, this.setup.settings.seed);
    this.finder.drop();
    this.finder.backend = this.setup.backend;
  }

  /** What the attributes say, at the step they say (a shared state could not be used). */
  private showDefaults(): void {
    this.applyAttributes();
    this.step = Number(this.getAttribute('step')) || 0;
  }

  /** Shows a shared state; one that cannot be used throws before anything changes. */
  private async applyState(state: LabState): Promise<void> {
    // After the first update, which applies the attributes (the state replaces them).
    await this.updateComplete;
    const snapshot = readProcedureState(state, STEPS.length);
    let trail = Trail.from(snapshot.start);
    for (const [step, adoption] of snapshot.adopted) trail = trail.adopt(step, adoption);
    this.trail = trail;
    this.choices = snapshot.choices;
    this.finder.drop();
    this.step = snapshot.step;
    this.announcement = `Restored at step ${snapshot.step + 1} of ${STEPS.length}: ${STEPS[snapshot.step].title}.`;
    this.emit('procedure-recipe', { step: this.step, recipe: this.recipe });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('step') && changed.get('step') !== undefined) {
      this.emit('procedure-step', { step: this.step, recipe: this.recipe });
    }
    if (this.focusHeading) {
      this.focusHeading = false;
      this.heading?.focus();
    }
  }

  // ---- rendering -----------------------------------------------------------------------------

  override render(): TemplateResult {
    const step = this.step;
    const definition = STEPS[step];
    const more = this.sharing.problem ? [this.sharing.problem] : [];
    return html`<div class="procedure" part="base">
      ${this.renderProblems(more)} ${progressList(STEPS, step)}
      <section class="step" aria-labelledby="step-heading">
        <p class="step-count" part="step-count">Step ${step + 1} of ${STEPS.length}</p>
        <h2 id="step-heading" part="step-heading" tabindex="-1">${definition.title}</h2>
        <p class="know-how" part="know-how">${definition.knowHow}</p>
        <p class="look-for" part="look-for">
          <strong>What to look for:</strong> ${definition.lookFor}
        </p>
        <div class="step-body" part="step-body">${definition.render(this.stepHost())}</div>
        ${adoptionLine(this.trail.adoption(step), this.notAdopted(step), () =>
          this.adoptAt(step, undefined),
        )}
        ${recipeView(this.recipeBefore, this.currentRecipe)}
      </section>
      ${navBar({
        next: STEPS[step + 1],
        first: step === 0,
        recipe: this.currentRecipe,
        share: this.sharing.renderToggle(),
        onBack: () => this.back(),
        onNext: () => this.next(),
      })}
      ${this.sharing.render()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  private notAdopted(step: number): string {
    if (step === 0) {
      const preset = PRESETS.find((p) => p.id === this.choices.preset) ?? PRESETS[0];
      return `The recipe is the ${preset.name} preset.`;
    }
    return 'Nothing adopted in this step: the recipe goes on as it came in (Next skips the step).';
  }
}

function presetRecipe(setup: ProblemSetup, id: PresetId): Recipe {
  const preset = presetById(id);
  return makeRecipe(setup.settings, preset.run(horizonOf(setup.settings)));
}
