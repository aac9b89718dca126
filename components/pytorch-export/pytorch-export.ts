import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { toPyTorch } from '../../src/export/index';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import { ConfigError } from '../../src/protocol/validation';
import { OptimElement } from '../shared/optim-element';
import { copyMessage, copyText } from './copy-text';
import { pytorchExportStyles } from './pytorch-export.styles';

/**
 * @summary A "PyTorch" button that shows an experiment as the PyTorch script reproducing it
 * (toPyTorch), in a modal dialog with Copy and "Download .py".
 *
 * The dialog is a native `<dialog>`: focus moves into it (to Copy) when it opens, stays in it
 * while it is open, Escape or Close shuts it, and focus returns to the button. Copy uses the
 * Clipboard API and falls back to selecting the script and the browser's copy command (or,
 * where both are refused, leaves it selected and says to press Ctrl+C); a polite status line
 * says which. The script is made when the dialog opens, from `config` as it is then.
 *
 * @csspart button - The button that opens the dialog.
 * @csspart dialog - The dialog.
 * @csspart heading - The dialog's heading (it labels the dialog).
 * @csspart script - The read-only text area holding the script.
 * @csspart copy-button - Copies the script.
 * @csspart download - The "Download .py" link.
 * @csspart close-button - Closes the dialog.
 * @csspart status - The polite live region saying what Copy did.
 * @csspart error - Why there is no script (the experiment is not valid yet).
 *
 * @tag optim-pytorch-export
 */
export class PytorchExport extends OptimElement {
  static override styles = pytorchExportStyles;

  /** The experiment to export (what `toPyTorch` takes). The button is disabled without one. */
  @property({ attribute: false }) config?: ExperimentConfigInput;
  /** The downloaded file's name. */
  @property() filename = 'optim-lab.py';
  /** The button's text. */
  @property() label = 'PyTorch';
  /** The dialog's heading. */
  @property() heading = 'PyTorch script';

  @state() private shown: { script: string; url: string } | undefined;
  @state() private error = '';
  @state() private status = '';

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('[part="button"]') private button?: HTMLButtonElement;
  @query('[part="copy-button"]') private copyButton?: HTMLButtonElement;
  @query('textarea') private field?: HTMLTextAreaElement;

  /** The script the dialog shows; undefined while it has not been opened. */
  get script(): string | undefined {
    return this.shown?.script;
  }

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Makes the script from `config` and opens the dialog, focus on Copy. */
  async show(): Promise<void> {
    if (!this.config) return;
    this.release();
    this.status = '';
    try {
      const script = toPyTorch(this.config);
      const blob = new Blob([script], { type: 'text/x-python' });
      this.shown = { script, url: URL.createObjectURL(blob) };
      this.error = '';
    } catch (error) {
      // A setting still being typed, or a run the exporter refuses: say so, do not crash.
      const detail =
        error instanceof ConfigError
          ? `${error.path}: ${error.detail}`
          : error instanceof Error
            ? error.message
            : String(error);
      this.error = `There is no script for this experiment yet: ${detail}`;
    }
    await this.updateComplete;
    this.dialog?.showModal();
    (this.shown ? this.copyButton : this.dialog?.querySelector('button'))?.focus();
  }

  /** Closes the dialog; focus goes back to the button. */
  close(): void {
    this.dialog?.close();
  }

  /** Copies the script; resolves once the status line says how. */
  async copy(): Promise<void> {
    const shown = this.shown;
    if (!shown || !this.field) return;
    this.status = '';
    const outcome = await copyText(shown.script, this.field);
    this.status = copyMessage(outcome);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.release();
  }

  private release(): void {
    if (this.shown) URL.revokeObjectURL(this.shown.url);
    this.shown = undefined;
  }

  private onClose = (): void => {
    this.button?.focus();
  };

  override render(): TemplateResult {
    return html`
      <button
        part="button"
        type="button"
        aria-haspopup="dialog"
        ?disabled=${!this.config}
        @click=${() => void this.show()}
      >
        ${this.label}
      </button>
      <dialog part="dialog" aria-labelledby="heading" @close=${this.onClose}>
        <div class="head">
          <h2 id="heading" part="heading">${this.heading}</h2>
          <button part="close-button" type="button" @click=${() => this.close()}>Close</button>
        </div>
        ${this.shown ? this.renderScript(this.shown) : nothing}
        ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : nothing}
      </dialog>
    `;
  }

  private renderScript(shown: { script: string; url: string }): TemplateResult {
    return html`
      <p class="hint" id="about">
        Torch and the standard library only: the same data, initial weights, batch order, optimizers
        and schedulers. <code>python3 ${this.filename}</code> trains every run with a progress line
        per epoch.
      </p>
      <label for="script">Script</label>
      <textarea
        id="script"
        part="script"
        readonly
        wrap="off"
        spellcheck="false"
        rows="16"
        aria-describedby="about"
        .value=${shown.script}
      ></textarea>
      <div class="actions">
        <button part="copy-button" class="primary" type="button" @click=${() => void this.copy()}>
          Copy
        </button>
        <a part="download" class="button" href=${shown.url} download=${this.filename}
          >Download .py</a
        >
        <p part="status" class="status" role="status" aria-live="polite">${this.status}</p>
      </div>
    `;
  }
}
