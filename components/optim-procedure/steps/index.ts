/** The eight steps, in the lesson's order ("General optimization procedure"). */
import type { StepDefinition } from '../step-host';
import { adamStep } from './adam-step';
import { gridStep } from './grid-step';
import { knownRecipe } from './known-recipe';
import { automlStep, searchStep } from './last-resorts';
import { lrRangeStep } from './lr-range-step';
import { scheduleStep } from './schedule-step';
import { sgdStep } from './sgd-step';

export const STEPS: readonly StepDefinition[] = [
  knownRecipe,
  gridStep,
  lrRangeStep,
  adamStep,
  scheduleStep,
  sgdStep,
  automlStep,
  searchStep,
];
