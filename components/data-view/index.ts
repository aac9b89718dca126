import { OptimDataView } from './data-view.js';

export { OptimDataView };
export const DATA_VIEW_TAG = 'data-view';

if (!customElements.get(DATA_VIEW_TAG)) customElements.define(DATA_VIEW_TAG, OptimDataView);

declare global {
  interface HTMLElementTagNameMap {
    'data-view': OptimDataView;
  }
}
