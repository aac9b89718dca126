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
  // The reason starts with the backend's name ("wasm: 9.0x faster than webgpu ..."): show the
  // rest after the name in bold.
  const why = info.reason?.replace(/^\w+: /, '');
  return html`<p class="backend" part="backend">
    Backend: <strong>${info.backend}</strong>${why ? ` (${why})` : nothing}${
      skipped ? html`; skipped ${skipped}` : nothing
    }
  </p>`;
}
