/**
 * Loss surfaces: 2-D test functions with automatic-differentiated gradients, their view boxes,
 * starts, marks and per-optimizer lrs, the surface config and its validation, and the
 * assembly and reading of trajectories. TF-free, so the page can import it; the engine that
 * computes trajectories with TF.js is `./engine` (exported by `optim-lab/core`).
 */
export * from './types';
export { SURFACES, DEFAULT_CONDITION } from './functions';
export type { SurfaceSpec } from './functions';
export * from './limits';
export { createSurface } from './surface';
export type { Surface, SurfaceChoice } from './surface';
export { surfaceLanguage, compileSurfaceExpression, validateSurfaceExpression } from './language';
export { Program } from './program';
export { parseSurfaceConfig } from './config';
export { parseShorthand, shorthandOptimizer, shorthandRun } from './shorthand';
export { TrajectorySet } from './accumulate';
export { stepView } from './step-view';
export type { StepView } from './step-view';
