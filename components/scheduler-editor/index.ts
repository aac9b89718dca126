import { SchedulerEditor } from './scheduler-editor.js';

export { SchedulerEditor };

const tag = 'scheduler-editor';
if (!customElements.get(tag)) customElements.define(tag, SchedulerEditor);

declare global {
  interface HTMLElementTagNameMap {
    'scheduler-editor': SchedulerEditor;
  }
}
