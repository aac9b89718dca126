export { createDataset } from './dataset';
export type { Dataset } from './dataset';
export { createRandom, mulberry32, permutation } from './random';
export type { Random } from './random';
export { GENERATORS } from './generators';
export { CsvError, formatCsvPoints, parseCsvPoints } from './csv';
export type { CsvPoints } from './csv';
