import { OptimElement } from './optim-element';
import type { PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';

/**
 * What both config editors share: a `value` that only ever holds a valid config, per-field
 * drafts (what the person is typing) and messages, and native-like `input` / `change`
 * events on the host. `change` fires only when the committed config really changed and no
 * field shows an error, so listeners never see a half-edited or invalid config.
 */
export abstract class ConfigEditorElement<T extends object | null> extends OptimElement {
  abstract value: T;

  /** Text being typed per field key, shown instead of the value until committed. */
  @state() protected drafts: Readonly<Record<string, string>> = {};
  /** Inline message per field key. */
  @state() protected errors: Readonly<Record<string, string>> = {};

  /** JSON of the value last announced with `change` (or set from outside). */
  private committed = '';
  private editing = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A value set from outside replaces whatever was being typed.
    if (changed.has('value') && !this.editing) {
      this.drafts = {};
      this.errors = {};
      this.committed = JSON.stringify(this.value);
      this.valueSetFromOutside();
    }
  }

  /** Hook: a value arrived from outside (drafts and messages were just cleared). */
  protected valueSetFromOutside(): void {}

  /** Applies an edit: fires `input`, and `change` too when `commit`. */
  protected setValue(next: T, commit: boolean): void {
    this.editing = true;
    this.value = next;
    this.emitValueEvent('input');
    if (commit) this.commit();
    void this.updateComplete.then(() => (this.editing = false));
  }

  protected commit(): void {
    const json = JSON.stringify(this.value);
    if (json === this.committed || Object.keys(this.errors).length > 0) return;
    this.committed = json;
    this.emitValueEvent('change');
  }

  protected setDraft(key: string, text: string | undefined): void {
    const { [key]: _old, ...rest } = this.drafts;
    this.drafts = text === undefined ? rest : { ...rest, [key]: text };
  }

  protected setError(key: string, message: string | undefined): void {
    const { [key]: _old, ...rest } = this.errors;
    this.errors = message === undefined ? rest : { ...rest, [key]: message };
  }

  protected clearEdits(): void {
    this.drafts = {};
    this.errors = {};
  }
}
