/**
 * What every optim-lab element shares:
 * - a typed `emit`: the event name picks the detail type from `OptimEventDetails`, which each
 *   element's index.ts extends with its own events (they also land in
 *   GlobalEventHandlersEventMap, so `addEventListener('lr-pick', e => e.detail.lr)` is typed);
 * - inline problems: `reportProblems` shows what is wrong with the element's attributes in
 *   a `part="problems"` alert (render it with `renderProblems`) and fires `optim-error` once
 *   per new problem, after the update that shows it;
 * - `defineElement`, which warns instead of silently using another element when a tag is
 *   already taken on the page.
 */
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';

/** `optim-error`: something the page or the reader should fix, in words. */
export interface OptimErrorDetail<Attribute extends string = string> {
  message: string;
  /** The attribute to fix, when an attribute caused it. */
  attribute?: Attribute;
}

declare global {
  /** Event name -> detail of every CustomEvent an optim-lab element fires. */
  interface OptimEventDetails {
    'optim-error': OptimErrorDetail;
  }
  interface GlobalEventHandlersEventMap extends OptimEventMap {}
}

export type OptimEventMap = {
  [K in keyof OptimEventDetails]: CustomEvent<OptimEventDetails[K]>;
};

/** A problem with what the element was given; `attribute` names the attribute to fix. */
export interface ElementProblem {
  message: string;
  attribute?: string;
}

export class OptimElement extends LitElement {
  /** Problems with the element's input, shown inline and announced with `optim-error`. */
  @state() protected problems: readonly ElementProblem[] = [];
  private unannounced: ElementProblem[] = [];

  /**
   * Fires `type` on the element; it bubbles and crosses shadow roots (so a page can listen
   * on document) unless `init` says otherwise. Returns false if a listener cancelled it.
   */
  protected emit<K extends keyof OptimEventDetails>(
    type: K,
    detail: OptimEventDetails[K],
    init: Omit<CustomEventInit, 'detail'> = {},
  ): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, { bubbles: true, composed: true, ...init, detail }),
    );
  }

  /** A native-like `input` or `change` (the new value is on the element, as on a form control). */
  protected emitValueEvent(type: 'input' | 'change'): boolean {
    return this.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
  }

  /**
   * Replaces the shown problems; each one not shown before fires `optim-error` after the
   * update that shows it. An empty list clears them.
   */
  protected reportProblems(problems: readonly ElementProblem[]): void {
    const shown = new Set(this.problems.map((p) => p.message));
    this.unannounced.push(...problems.filter((p) => !shown.has(p.message)));
    this.problems = problems;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const announce = this.unannounced;
    this.unannounced = [];
    for (const { message, attribute } of announce) {
      this.emit('optim-error', attribute === undefined ? { message } : { message, attribute });
    }
  }

  /**
   * The problems list (`part="problems"`, a live alert that takes no room while empty), with
   * `more` messages after the reported ones (a runtime failure, a setting typed wrongly).
   */
  protected renderProblems(
    more: readonly string[] = [],
    label = 'Problems with the settings',
  ): TemplateResult {
    const messages = [...this.problems.map((p) => p.message), ...more];
    return html`<div class="problems" part="problems" role="alert" aria-label=${label}>
      ${
        messages.length
          ? html`<ul>
              ${messages.map((message) => html`<li><code>${message}</code></li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }
}

/**
 * Defines `tag` for `element`. Importing an element twice is harmless; a tag another element
 * already holds (another library's <loss-plot>, a second copy of optim-lab) is kept as it is
 * and says so in the console, rather than the page silently getting the other element.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  // Through a variable: the manifest analyzer would read a literal `customElements.define`
  // here as the definition of an element named "tag" (each class says its tag with @tag).
  const registry: CustomElementRegistry = customElements;
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, element);
  } else if (existing !== element) {
    console.warn(
      `optim-lab: <${tag}> is already defined by ${existing.name || 'another element'}; ` +
        `${element.name} is not registered, and <${tag}> elements on this page are the other one.`,
    );
  }
}
