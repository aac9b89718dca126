import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

export interface ExpressionFieldOptions {
  id: string;
  label: string;
  text: string;
  /** Message and 1-based column of the first problem, from validateExpression. */
  problem?: { message: string; column: number };
  onInput: (raw: string) => void;
  onCommit: (raw: string) => void;
}

/** The caret line under the source: spaces up to the column, then ^. */
export function caretLine(column: number): string {
  return `${' '.repeat(Math.max(0, column - 1))}^`;
}

/**
 * lrLambda entry: a monospace text box; on a problem it repeats the source with a caret under
 * the column and the parser's message (the caret block is hidden from screen readers, the
 * message says the column in words).
 */
export function expressionField(o: ExpressionFieldOptions): TemplateResult {
  const stop = (e: Event) => {
    e.stopPropagation();
    return (e.target as HTMLInputElement).value;
  };
  const p = o.problem;
  return html`<div class="field expression" part="field expression-field">
    <label for=${o.id} part="label">${o.label}</label>
    <input
      id=${o.id}
      part="input expression-input"
      type="text"
      autocomplete="off"
      spellcheck="false"
      .value=${live(o.text)}
      aria-invalid=${p ? 'true' : 'false'}
      aria-describedby=${ifDefined(p ? `${o.id}-error` : `${o.id}-hint`)}
      @input=${(e: Event) => o.onInput(stop(e))}
      @change=${(e: Event) => o.onCommit(stop(e))}
    />
    ${
      p
        ? html`<pre class="caret" part="caret" aria-hidden="true">
${`${o.text}\n${caretLine(p.column)}`}</pre>
            <p id="${o.id}-error" class="error" part="error" role="alert">
              ${p.message} (column ${p.column})
            </p>`
        : html`<p id="${o.id}-hint" class="hint" part="hint">
            An expression in <code>epoch</code>: numbers, + − * / % **, ( ), min max abs exp log
            sqrt floor ceil cos sin, pi, e.
          </p>`
    }
  </div>`;
}
