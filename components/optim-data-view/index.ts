import { defineElement } from '../shared/optim-element';
import { OptimDataView } from './optim-data-view';

export { OptimDataView };
export const OPTIM_DATA_VIEW_TAG = 'optim-data-view';

defineElement(OPTIM_DATA_VIEW_TAG, OptimDataView);

declare global {
  interface HTMLElementTagNameMap {
    'optim-data-view': OptimDataView;
  }
}
