/**
 * A labelled multi-line entry for pasted text (CSV, a link or JSON), and its problem: the
 * message sits in a live alert right after it and is tied to it with aria-describedby.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

export interface TextAreaFieldOptions {
  id: string;
  part: string;
  label: string;
  text: string;
  /** The entry's problem, or ''. */
  problem: string;
  /** Its part name; the message's id is `${id}-error`. */
  problemPart: string;
  /** Ids of text that always describes the entry (a format hint). */
  describedBy?: string;
  onText: (text: string) => void;
}

export function textAreaField(o: TextAreaFieldOptions): TemplateResult {
  const invalid = o.problem !== '';
  const errorId = `${o.id}-error`;
  const described = [o.describedBy, invalid ? errorId : undefined].filter(Boolean).join(' ');
  return html`<div class="field">
      <label for=${o.id}>${o.label}</label>
      <textarea
        id=${o.id}
        part=${o.part}
        rows="4"
        spellcheck="false"
        .value=${live(o.text)}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${(event: Event) => o.onText((event.target as HTMLTextAreaElement).value)}
      ></textarea>
    </div>
    <p class="field-error" id=${errorId} part=${o.problemPart} role="alert">${o.problem}</p>`;
}
