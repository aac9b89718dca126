/** Export an experiment as a PyTorch script that reproduces it (TF-free). */
export { toPyTorch } from './script';
