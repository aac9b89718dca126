/**
 * A float64 MLP in plain JS, written from the math (not from src/model), as independent truth
 * for the TF.js model: forward pass, losses and the L2 penalty.
 */
import type { Activation } from '../../src/protocol/experiment';

/** erf by its Maclaurin series, accurate to ~1e-15 for |x| < 3 (inputs here stay small). */
export function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

export function activate(z: number, activation: Activation): number {
  switch (activation) {
    case 'relu':
      return Math.max(0, z);
    case 'leakyRelu':
      return z > 0 ? z : 0.01 * z;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'gelu':
      return 0.5 * z * (1 + erf(z / Math.SQRT2));
    case 'linear':
      return z;
  }
}

export interface ReferenceNet {
  /** Layer widths, input first, 1 last. */
  widths: number[];
  activation: Activation;
  /** Flat params per layer: W (row-major [in, out]) then b. */
  params: number[][];
}

export function referenceForward(net: ReferenceNet, input: number[]): number {
  let h = input;
  const layers = net.widths.length - 1;
  for (let l = 0; l < layers; l++) {
    const [fanIn, fanOut] = [net.widths[l], net.widths[l + 1]];
    const w = net.params[2 * l];
    const b = net.params[2 * l + 1];
    const next: number[] = [];
    for (let j = 0; j < fanOut; j++) {
      let z = b[j];
      for (let i = 0; i < fanIn; i++) z += h[i] * w[i * fanOut + j];
      next.push(l === layers - 1 ? z : activate(z, net.activation));
    }
    h = next;
  }
  return h[0];
}

/** Mean BCE-with-logits or MSE over the batch, plus l2 * sum of squared weight entries. */
export function referenceLoss(
  net: ReferenceNet,
  xs: number[][],
  ys: number[],
  task: 'binary' | 'regression',
  l2: number,
): number {
  let total = 0;
  xs.forEach((x, i) => {
    const z = referenceForward(net, x);
    const y = ys[i];
    // -[y log s(z) + (1-y) log(1 - s(z))], written directly with log(1 + e^-z) = softplus(-z).
    total +=
      task === 'binary'
        ? y * Math.log1p(Math.exp(-z)) + (1 - y) * Math.log1p(Math.exp(z))
        : (z - y) ** 2;
  });
  let penalty = 0;
  net.params.forEach((p, k) => {
    if (k % 2 === 0) for (const v of p) penalty += v * v;
  });
  return total / xs.length + l2 * penalty;
}

/** Central differences d loss / d param, h = 1e-6 (float64: truncation ~1e-12, rounding ~1e-10). */
export function finiteDifferenceGradients(
  loss: (net: ReferenceNet) => number,
  net: ReferenceNet,
): number[][] {
  const h = 1e-6;
  return net.params.map((p, k) =>
    p.map((_, i) => {
      const shifted = (delta: number) => {
        const params = net.params.map((q) => q.slice());
        params[k][i] += delta;
        return loss({ ...net, params });
      };
      return (shifted(h) - shifted(-h)) / (2 * h);
    }),
  );
}
