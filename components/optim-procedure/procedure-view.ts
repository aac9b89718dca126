/**
 * The frame around every step of <optim-procedure>: the list of the eight steps (the current
 * one marked with aria-current), what the step adopted with its undo, and Back / Next with
 * the Share and PyTorch buttons. Template functions; the element keeps the state.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import '../pytorch-export/index';
import type { Recipe } from './recipe';
import type { StepDefinition } from './step-host';
import type { Adoption } from './trail';

export function progressList(steps: readonly StepDefinition[], step: number): TemplateResult {
  return html`<nav aria-label="The eight steps" part="progress">
    <ol class="progress">
      ${steps.map(
        (s, i) =>
          html`<li class=${i < step ? 'done' : ''} aria-current=${i === step ? 'step' : nothing}>
            ${s.title}
          </li>`,
      )}
    </ol>
  </nav>`;
}

export function adoptionLine(
  adoption: Adoption | undefined,
  notAdopted: string,
  onKeep: () => void,
): TemplateResult {
  return html`<div class="adoption" part="adoption">
    ${
      adoption
        ? html`<p><strong>Adopted in this step:</strong> ${adoption.how}.</p>
            <button part="keep-button" type="button" @click=${onKeep}>
              Keep the recipe as it was
            </button>`
        : html`<p class="hint">${notAdopted}</p>`
    }
  </div>`;
}

export interface NavOptions {
  /** The step after this one, if there is one. */
  next: StepDefinition | undefined;
  first: boolean;
  recipe: Recipe;
  /** The Share button (the panel follows the bar). */
  share: TemplateResult;
  onBack: () => void;
  onNext: () => void;
}

export function navBar(o: NavOptions): TemplateResult {
  return html`<div class="nav" part="nav">
    <button part="back-button" type="button" ?disabled=${o.first} @click=${o.onBack}>Back</button>
    <button
      part="next-button"
      class="primary"
      type="button"
      ?disabled=${!o.next}
      @click=${o.onNext}
    >
      ${o.next ? `Next: ${o.next.title}` : 'Last step'}
    </button>
    ${o.share}
    <optim-pytorch-export
      part="pytorch"
      .config=${o.recipe}
      filename="recipe.py"
      heading="The recipe as a PyTorch script"
    ></optim-pytorch-export>
  </div>`;
}
