/**
 * `optim-lab/core`: torch.optim-exact optimizers and schedulers for TF.js, plus the training
 * engine (datasets, MLP, trainer) and the protocol types the worker speaks. Runs in Node, a
 * worker or a page; importing it loads TF.js (use `optim-lab/schedule` to avoid that).
 *
 * src/backend is deliberately not re-exported: it imports the wasm binaries as `?url`
 * assets, which belong to the worker bundle, not to a library consumers import in Node.
 */
export * from './optim/index.js';
export * from './schedule/index.js';
export * from './protocol/index.js';
export * from './data/index.js';
export * from './model/index.js';
export * from './train/index.js';
export * from './export/index.js';
export * from './share/index.js';
