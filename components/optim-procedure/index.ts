import { defineElement } from '../shared/optim-element';
import { OptimProcedure } from './optim-procedure';
import type { ProcedureStepDetail } from './optim-procedure';

export { OptimProcedure };
export type { ProcedureStepDetail } from './optim-procedure';
export type { Recipe } from './recipe';
export const OPTIM_PROCEDURE_TAG = 'optim-procedure';

defineElement(OPTIM_PROCEDURE_TAG, OptimProcedure);

declare global {
  interface HTMLElementTagNameMap {
    'optim-procedure': OptimProcedure;
  }
  interface OptimEventDetails {
    'procedure-step': ProcedureStepDetail;
    'procedure-recipe': ProcedureStepDetail;
  }
}
