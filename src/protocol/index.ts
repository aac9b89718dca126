export * from './experiment';
export * from './custom-points';
export * from './progress';
export type * from './api';
