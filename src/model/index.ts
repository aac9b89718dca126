export { initialWeights, layerShapes, resolveInit } from './init';
export type { LayerShape } from './init';
export { applyActivation, LEAKY_SLOPE } from './activations';
export {
  accuracy,
  assignVariables,
  createVariables,
  dataLoss,
  forward,
  l2Penalty,
  trainingLoss,
} from './mlp';
export type { MlpSpec, Parameters } from './mlp';
