/**
 * Seeded initial weights as plain Float32Arrays, generated with our own PRNG so the numbers
 * are the same on every backend. Layout per layer: W [fanIn, fanOut] row-major, then b [fanOut].
 */
import { createRandom } from '../data/random';
import type { Activation, InitScheme } from '../protocol/experiment';

export interface LayerShape {
  fanIn: number;
  fanOut: number;
}

/** Layer shapes of an MLP inputDims -> hidden... -> 1. */
export function layerShapes(inputDims: number, hidden: readonly number[]): LayerShape[] {
  const widths = [inputDims, ...hidden, 1];
  return widths.slice(1).map((fanOut, i) => ({ fanIn: widths[i], fanOut }));
}

/** He (Kaiming) for the relu family, whose activations halve the variance; Glorot otherwise. */
export function resolveInit(init: InitScheme, activation: Activation): 'he' | 'glorot' {
  if (init !== 'auto') return init;
  return activation === 'relu' || activation === 'leakyRelu' || activation === 'gelu'
    ? 'he'
    : 'glorot';
}

/** torch.nn.init.calculate_gain for the relu family (leaky slope 0.01, PyTorch's default). */
function heGain(activation: Activation): number {
  return activation === 'leakyRelu' ? Math.sqrt(2 / (1 + 0.01 ** 2)) : Math.sqrt(2);
}

/**
 * Initial parameters [W0, b0, W1, b1, ...]. Hidden layers: He normal (std = gain/sqrt(fanIn),
 * torch's kaiming_normal_) or Glorot uniform (limit sqrt(6/(fanIn+fanOut)), xavier_uniform_).
 * The output layer feeds a loss, not an activation, so it always gets Glorot uniform: He's
 * factor 2 would only inflate the initial logits. Biases start at zero.
 */
export function initialWeights(
  inputDims: number,
  hidden: readonly number[],
  activation: Activation,
  init: InitScheme,
  seed: number,
): Float32Array[] {
  const random = createRandom(seed);
  const scheme = resolveInit(init, activation);
  const shapes = layerShapes(inputDims, hidden);
  const weights: Float32Array[] = [];
  shapes.forEach(({ fanIn, fanOut }, layer) => {
    const isOutput = layer === shapes.length - 1;
    const w = new Float32Array(fanIn * fanOut);
    if (scheme === 'he' && !isOutput) {
      const std = heGain(activation) / Math.sqrt(fanIn);
      for (let i = 0; i < w.length; i++) w[i] = std * random.normal();
    } else {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < w.length; i++) w[i] = random.uniform(-limit, limit);
    }
    weights.push(w, new Float32Array(fanOut));
  });
  return weights;
}
