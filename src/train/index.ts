export { Trainer, MAX_RUNS } from './trainer';
export type { TrainerOptions } from './trainer';
export { ProgressBatcher, DEFAULT_MAX_RATE } from './progress-batcher';
export type { StepPoint, EvalPoint, ExperimentShape } from './progress-batcher';
export { createDefaultYield } from './yield';
export type { YieldToEventLoop } from './yield';
export { DIVERGENCE_FACTOR } from './run';
export { BatchSource, epochOrder } from './batches';
