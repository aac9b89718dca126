export * from './experiment';
export * from './horizon';
export * from './custom-points';
export * from './progress';
export * from './swa';
export type * from './api';
export type * from './diagnostics';
