/**
 * Activations and their gradients as the op-by-op path computes them on TF.js's cpu backend:
 * the same kernels (Math.max, Math.tanh, TF.js's erf approximation...) with the result of
 * every op rounded to float32. Shared by the CPU loop; the WGSL source spells the same
 * formulas (see wgsl/), with ERF constants taken from here.
 */
import { backend_util } from '@tensorflow/tfjs';
import { LEAKY_SLOPE } from '../model/activations';
import type { Activation } from '../protocol/experiment';

const f32 = Math.fround;

/** TF.js's erf (Abramowitz & Stegun 7.1.26), as its cpu kernel evaluates it in float64. */
export const ERF = {
  p: backend_util.ERF_P,
  a1: backend_util.ERF_A1,
  a2: backend_util.ERF_A2,
  a3: backend_util.ERF_A3,
  a4: backend_util.ERF_A4,
  a5: backend_util.ERF_A5,
} as const;

function erf(x: number): number {
  const sign = Math.sign(x);
  const v = Math.abs(x);
  const t = 1.0 / (1.0 + ERF.p * v);
  return (
    sign *
    (1.0 -
      ((((ERF.a5 * t + ERF.a4) * t + ERF.a3) * t + ERF.a2) * t + ERF.a1) * t * Math.exp(-v * v))
  );
}

const SQRT1_2 = f32(Math.SQRT1_2);
const TWO_OVER_SQRT_PI = f32(2 / Math.sqrt(Math.PI));
const LEAKY = f32(LEAKY_SLOPE);

/** relu's gradient mul(dy, step(x)): step is NaN for NaN, 1 above zero, 0 otherwise. */
function reluStep(z: number): number {
  return z > 0 ? 1 : z !== z ? NaN : 0;
}

/** The activation of a pre-activation value z. */
export function activate(activation: Activation, z: number): number {
  switch (activation) {
    case 'relu':
      return Math.max(0, z);
    case 'leakyRelu':
      // The kernel multiplies by its float64 alpha attribute.
      return z < 0 ? f32(LEAKY_SLOPE * z) : z;
    case 'tanh':
      return f32(Math.tanh(z));
    case 'sigmoid':
      return f32(1 / (1 + Math.exp(-z)));
    case 'gelu': {
      const half = f32(z * 0.5);
      const inner = f32(f32(erf(f32(z * SQRT1_2))) + 1);
      return f32(half * inner);
    }
    case 'linear':
      return z;
  }
}

/** d loss / d z from d loss / d h, given z and h = activate(z), as TF.js's gradients compute it. */
export function activationGradient(
  activation: Activation,
  dh: number,
  z: number,
  h: number,
): number {
  switch (activation) {
    case 'relu':
      return dh * reluStep(z);
    case 'leakyRelu':
      // where(x > 0, dy, dy * alpha), alpha now a float32 scalar tensor.
      return z > 0 ? dh : f32(dh * LEAKY);
    case 'tanh':
      return f32(f32(1 - f32(h * h)) * dh);
    case 'sigmoid':
      return f32(dh * f32(h * f32(1 - h)));
    case 'gelu': {
      // gelu(z) = mul(mul(z, 0.5), add(erf(mul(z, SQRT1_2)), 1)): both branches back to z.
      const u = f32(z * SQRT1_2);
      const half = f32(z * 0.5);
      const inner = f32(f32(erf(u)) + 1);
      const dHalf = f32(dh * inner);
      const dInner = f32(dh * half);
      const erfSlope = f32(f32(Math.exp(-f32(u * u))) * TWO_OVER_SQRT_PI);
      const viaErf = f32(f32(dInner * erfSlope) * SQRT1_2);
      return f32(viaErf + f32(dHalf * 0.5));
    }
    case 'linear':
      return dh;
  }
}

/** h[i] = activate(z[i]) for i < n, the switch hoisted out of the loop. */
export function activateAll(
  activation: Activation,
  z: Float32Array,
  h: Float32Array,
  n: number,
): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < n; i++) h[i] = Math.max(0, z[i]);
      return;
    case 'linear':
      h.set(z.subarray(0, n));
      return;
    default:
      for (let i = 0; i < n; i++) h[i] = activate(activation, z[i]);
  }
}

/** g[i] = activationGradient(g[i], z[i], h[i]) for i < n, in place. */
export function activationGradients(
  activation: Activation,
  g: Float32Array,
  z: Float32Array,
  h: Float32Array,
  n: number,
): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < n; i++) {
        const zi = z[i];
        // g * step(z) without the multiply where it is exact anyway (g * 1 = g).
        if (!(zi > 0)) g[i] = zi !== zi ? NaN : g[i] * 0;
      }
      return;
    case 'linear':
      return;
    default:
      for (let i = 0; i < n; i++) g[i] = activationGradient(activation, g[i], z[i], h[i]);
  }
}
