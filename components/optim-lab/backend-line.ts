/** The lab's line about the TF.js backend: the one in use, and why faster ones were skipped. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { BackendInfo } from '../../src/protocol/api';
import type { ConnectionState } from '../controllers/trainer-controller';

export function backendLine(
  info: BackendInfo | undefined,
  connection: ConnectionState,
): TemplateResult {
  if (!info) {
    const text =
      connection === 'starting'
        ? 'Starting the training worker…'
        : 'Backend: chosen when training starts.';
    return html`<p class="backend" part="backend">${text}</p>`;
  }
  const skipped = info.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  return html`<p class="backend" part="backend">
    Backend: <strong>${info.backend}</strong>${skipped ? html` (skipped ${skipped})` : nothing}
  </p>`;
}
