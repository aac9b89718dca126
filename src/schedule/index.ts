/**
 * `optim-lab/schedule`: torch.optim.lr_scheduler (PyTorch 1.13) in pure TypeScript. It must
 * never import TF.js, so a page can draw LR curves without loading it.
 */
export type * from './types';
export { sampleSchedule } from './sample';
export { createScheduler } from './live';
/** Whether a (parsed) config cycles momentum / betas[0], so per-step momentum is meaningful. */
export { cyclesMomentum } from './build';
export { ConfigError } from './config-error';
export type { ConfigProblem } from './config-error';
export {
  parseSchedulerConfig,
  schedulerDefaults,
  SchedulerConfigError,
  SCHEDULER_TYPES,
} from './config';
export {
  compileExpression,
  validateExpression,
  ExpressionError,
  MAX_EXPRESSION_LENGTH,
} from './expr';
export type { ExpressionCheck } from './expr';
