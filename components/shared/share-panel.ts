/**
 * The "Share" control of <optim-lab> and <optim-procedure>: the element's whole state (an
 * experiment, and a little UI state) as a link, whose fragment holds this element's entry
 * (`optim-lab:<id>=…`, `optim-procedure:<id>=…`) and keeps every other one, or as JSON (copied
 * or downloaded), and back from either pasted. With the element's `share` attribute it also
 * reads the page's own fragment when it connects and on `hashchange`. The codec is src/share;
 * this file only moves text between it, the clipboard and the element.
 *
 * Nothing here writes the page's URL: a shared state is applied to the element and nothing
 * else (no history entry, no other element's entry, no attribute), so reading a link never
 * changes it.
 */
import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ConfigError } from '../../src/protocol/validation';
import { ShareError } from '../../src/share/errors';
import { readShareFragment, restoreLabState, shareLink } from '../../src/share/fragment';
import { labStateToJson } from '../../src/share/state';
import type { LabState, ShareKind } from '../../src/share/state';
import { decodeLabState, encodeLabState } from '../../src/share/token';
import { BlobLink } from './blob-link';
import { textAreaField } from './text-area-field';

export interface SharePanelOptions {
  /** Whose states these are: names the fragment entries and marks the JSON. */
  kind: ShareKind;
  /** The element in the panel's words: 'lab', 'procedure'. */
  noun: string;
  /** What a link or file holds, in a sentence under the title. */
  holds: string;
  /** The element id that names this element's fragment entry ('' for none). */
  id: () => string;
  /** Whether the `share` attribute asks for the page's fragment to be read. */
  readsFragment: () => boolean;
  /** The element's state now. */
  state: () => LabState;
  /**
   * Shows `state` in the element, or throws (a ShareError or ConfigError naming what is wrong)
   * before changing anything.
   */
  apply: (state: LabState) => Promise<void>;
  /** Back to what the element's attributes say (a shared state could not be used). */
  defaults: () => void;
  /** A shared state in the fragment could not be used: the element reports it. */
  onProblem: (message: string) => void;
}

/** Why a state could not be used, in words: a config error names the field's path. */
export function shareProblemText(error: unknown): string {
  if (error instanceof ConfigError) {
    return `its config is not valid: ${error.path ? `${error.path}: ` : ''}${error.detail}`;
  }
  if (error instanceof ShareError) return error.detail;
  return error instanceof Error ? error.message : String(error);
}

export class SharePanel implements ReactiveController {
  open = false;
  /** The fragment's state could not be used: shown in the lab's problems list. */
  problem: string | undefined;
  private output = '';
  private said = '';
  private restoreText = '';
  private restoreProblem = '';
  /** The fragment entry last acted on (undefined: none, or not read yet). */
  private lastToken: string | undefined;
  private fromFragment = false;
  private reading: Promise<void> = Promise.resolve();
  private readCount = 0;
  private readonly jsonLink = new BlobLink();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SharePanelOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('hashchange', this.onHashChange);
    this.readFragment();
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.onHashChange);
    this.jsonLink.dispose();
  }

  /** Settles once the fragment read last asked for has been applied (or refused). */
  get settled(): Promise<void> {
    return this.reading;
  }

  /** Reads this lab's entry of the page's fragment, if `share` asks for it and it changed. */
  readFragment(): void {
    if (!this.options.readsFragment()) return;
    const { kind, id } = this.options;
    const token = readShareFragment(location.hash, id() || undefined, kind);
    if (token === this.lastToken) return;
    this.lastToken = token;
    const read = ++this.readCount;
    this.reading = this.useFragment(token, () => read === this.readCount);
  }

  private readonly onHashChange = () => this.readFragment();

  private async useFragment(token: string | undefined, current: () => boolean): Promise<void> {
    if (token === undefined) {
      // The entry is gone (the reader went back to a plain link): the element's own state again.
      if (this.fromFragment) this.useDefaults(undefined);
      return;
    }
    try {
      const state = await decodeLabState(token, this.options.kind);
      if (!current()) return;
      this.problem = undefined;
      await this.options.apply(state);
      this.fromFragment = true;
    } catch (error) {
      if (!current()) return;
      const { noun } = this.options;
      this.useDefaults(
        `share: the ${noun} state in the page's link could not be used: ${shareProblemText(error)}. ` +
          `The ${noun} shows its own settings instead.`,
      );
    }
    this.host.requestUpdate();
  }

  private useDefaults(problem: string | undefined): void {
    this.fromFragment = false;
    this.problem = problem;
    this.options.defaults();
    if (problem) this.options.onProblem(problem);
    this.host.requestUpdate();
  }

  toggle(): void {
    this.open = !this.open;
    this.host.requestUpdate();
  }

  /** The "Share" button that shows and hides the panel. */
  renderToggle(): TemplateResult {
    return html`<button
      type="button"
      part="share-button"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls=${this.open ? 'share-panel' : nothing}
      @click=${() => this.toggle()}
    >
      Share
    </button>`;
  }

  render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    return html`<div
      role="group"
      class="share tool-panel"
      id="share-panel"
      part="share"
      aria-labelledby="share-title"
    >
      <h2 class="section-title" id="share-title">Share this ${this.options.noun}</h2>
      <p class="hint">${this.options.holds}</p>
      <div class="share-actions">
        <button type="button" part="copy-link" @click=${() => void this.copyLink()}>
          Copy link
        </button>
        <button type="button" part="copy-json" @click=${() => void this.copyJson()}>
          Copy JSON
        </button>
        <a
          class="button"
          part="download-json"
          href="#"
          download="${this.options.id() || this.options.kind}.json"
          @click=${this.onDownload}
          >Download JSON</a
        >
      </div>
      ${
        this.output
          ? html`<div class="field">
              <label for="share-output">To share</label>
              <textarea
                id="share-output"
                part="share-output"
                readonly
                rows="3"
                .value=${live(this.output)}
              ></textarea>
            </div>`
          : nothing
      }
      <p class="said" part="share-status" role="status">${this.said}</p>
      ${textAreaField({
        id: 'restore-input',
        part: 'restore-input',
        label: 'Restore from a link or JSON',
        text: this.restoreText,
        problem: this.restoreProblem,
        problemPart: 'restore-error',
        onText: (text) => (this.restoreText = text),
      })}
      <div class="share-actions">
        <button type="button" part="restore" @click=${() => void this.restore()}>Restore</button>
      </div>
    </div>`;
  }

  /** The link to this element's state: the page's URL with this element's fragment entry. */
  async link(): Promise<string> {
    const { kind, id, state } = this.options;
    const token = await encodeLabState(state(), kind);
    return shareLink(location.href, id() || undefined, token, kind);
  }

  private async copyLink(): Promise<void> {
    let text: string;
    try {
      text = await this.link();
    } catch (error) {
      this.cannotShare(error);
      return;
    }
    await this.copy(text, 'Link copied to the clipboard.');
  }

  private async copyJson(): Promise<void> {
    let text: string;
    try {
      text = this.json();
    } catch (error) {
      this.cannotShare(error);
      return;
    }
    await this.copy(text, 'JSON copied to the clipboard.');
  }

  private async copy(text: string, success: string): Promise<void> {
    this.output = text;
    try {
      await navigator.clipboard.writeText(text);
      this.say(success);
    } catch {
      this.say('The clipboard is not available here: copy the text from the box.');
    }
  }

  private readonly onDownload = (event: Event) => {
    const anchor = event.currentTarget as HTMLAnchorElement;
    try {
      this.jsonLink.follow(anchor, this.json(), 'application/json');
    } catch (error) {
      event.preventDefault();
      this.cannotShare(error);
    }
  };

  private json(): string {
    return labStateToJson(this.options.state(), this.options.kind);
  }

  private cannotShare(error: unknown): void {
    this.say(`The ${this.options.noun} cannot be shared as it is: ${shareProblemText(error)}.`);
  }

  private async restore(): Promise<void> {
    try {
      const { kind, id, noun } = this.options;
      const state = await restoreLabState(this.restoreText, id() || undefined, kind);
      await this.options.apply(state);
      this.restoreProblem = '';
      // The element no longer shows what a broken link left it with.
      this.problem = undefined;
      this.say(`Restored the ${noun} from what you pasted.`);
    } catch (error) {
      this.restoreProblem = `This cannot be restored: ${shareProblemText(error)}.`;
      this.host.requestUpdate();
    }
  }

  private say(words: string): void {
    this.said = words;
    this.host.requestUpdate();
  }
}
