import { defineElement } from '../shared/optim-element';
import { SchedulerEditor } from './scheduler-editor';

export { SchedulerEditor };
export const SCHEDULER_EDITOR_TAG = 'scheduler-editor';

defineElement(SCHEDULER_EDITOR_TAG, SchedulerEditor);

declare global {
  interface HTMLElementTagNameMap {
    'scheduler-editor': SchedulerEditor;
  }
}
