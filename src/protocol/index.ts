export * from './experiment';
export * from './progress';
export type * from './api';
