/**
 * `optim-lab/core`: torch.optim-exact optimizers and schedulers for TF.js, plus the training
 * engine (datasets, MLP, trainer) and the protocol types the worker speaks. Runs in Node, a
 * worker or a page; importing it loads TF.js (use `optim-lab/schedule` to avoid that).
 *
 * src/backend is deliberately not re-exported: it imports the wasm binaries as `?url`
 * assets, which belong to the worker bundle, not to a library consumers import in Node.
 */
export * from './optim/index';
export * from './schedule/index';
export * from './protocol/index';
export * from './data/index';
export * from './model/index';
export * from './train/index';
export * from './export/index';
export * from './share/index';
export * from './surface/index';
export { computeTrajectories, surfaceMessages } from './surface/engine';
export type { ComputeTrajectoriesOptions } from './surface/engine';
export type * from './protocol/surface';
export { surfaceTransferables } from './protocol/surface';
