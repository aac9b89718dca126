export * from './experiment';
export * from './progress';
export * from './swa';
export type * from './api';
