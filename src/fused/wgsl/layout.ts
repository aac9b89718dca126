/**
 * Where everything lives in the WebGPU engine's buffers. The same numbers are written into
 * the WGSL source (shader.ts) and used by the host (engine.ts), so they are stated once here.
 *
 * - control (u32, read): the model header and its layers, one descriptor per run slot, the
 *   chunk's batch table (per slot and step: offset and size of its rows) and the rows.
 * - data (f32, read): the training and validation points and targets.
 * - coeffs (f32, read): per slot and step, the optimizer's COEFFICIENTS (see ../coefficients).
 * - runs (f32, read_write): per slot, [weights | gradients | MAX_SLOTS state arrays | SWA
 *   average] (the average is written only for runs with `swa`, at their epochs' ends).
 * - scratch (f32, read_write): per slot, one region of activations for `points` points.
 * - metrics (f32, read_write): per slot, [loss, gradNorm] per step, then the evaluation and
 *   the SWA average's.
 */
import { MAX_SLOTS } from '../plan';
import type { ModelPlan } from '../plan';
import { ACTIVATIONS } from '../../protocol/experiment';

/** Invocations per workgroup; one workgroup trains one run. A power of two (reductions). */
export const WORKGROUP_SIZE = 64;

/** Model header words. */
export const MODEL = {
  layers: 0,
  inputDims: 1,
  activation: 2,
  task: 3,
  /** Points one scratch region holds (training batches and evaluation tiles). */
  points: 4,
  params: 5,
  /** Floats per scratch region. */
  region: 6,
  /** f32 bits of the L2 coefficient. */
  l2: 7,
  trainCount: 8,
  validationCount: 9,
  trainX: 10,
  trainY: 11,
  validationX: 12,
  validationY: 13,
  /** In-region offsets: the gathered inputs, and two gradient buffers (ping-pong). */
  input: 14,
  gradA: 15,
  gradB: 16,
  /** Word where the slot descriptors start. */
  slots: 17,
  /** Floats per slot in `runs`. */
  runStride: 18,
  /** Words before the first layer's descriptor. */
  layerBase: 24,
} as const;

/** Per-layer descriptor words, from MODEL.layerBase + layer * LAYER_WORDS. */
export const LAYER = { fanIn: 0, fanOut: 1, weight: 2, bias: 3, z: 4, h: 5 } as const;
export const LAYER_WORDS = 8;
export const MAX_LAYERS = 9;

/** Per-slot descriptor words, from MODEL.slots + slot * SLOT_WORDS. */
export const SLOT = {
  steps: 0,
  evaluate: 1,
  kind: 2,
  lookahead: 3,
  /** Word of this slot's first batch-table entry (2 words per step: rows offset, size). */
  batches: 4,
  /** Float offset of this slot's first coefficient vector in `coeffs`. */
  coeffs: 5,
  /** Float offset of this slot's metrics in `metrics`. */
  metrics: 6,
  /** SWA after the last step: 0 none; else the models the average will hold (1: a copy). */
  average: 7,
  /** Evaluate the SWA average too (with `evaluate`). */
  evaluateAverage: 8,
} as const;
export const SLOT_WORDS = 10;

/** Which array of a slot's `runs` region holds the SWA average (in units of the weights). */
export const AVERAGE_ARRAY = 2 + MAX_SLOTS;

/** Floats of an evaluation: [valLoss, valAccuracy, trainLoss, trainAccuracy]. */
export const EVALUATION_FLOATS = 4;

export const HEADER_WORDS = MODEL.layerBase + MAX_LAYERS * LAYER_WORDS;

export const TASK_CODES = { binary: 0, regression: 1 } as const;
export const ACTIVATION_CODES = Object.fromEntries(ACTIVATIONS.map((name, i) => [name, i])) as {
  [K in (typeof ACTIVATIONS)[number]]: number;
};

/** Floats of metrics per slot for a chunk of `steps` steps: the steps, both evaluations. */
export function metricsPerSlot(steps: number): number {
  return 2 * steps + 2 * EVALUATION_FLOATS;
}

export interface ScratchLayout {
  points: number;
  input: number;
  z: number[];
  h: number[];
  gradA: number;
  gradB: number;
  region: number;
}

/** One scratch region: inputs, z and h of every layer, two gradient buffers, for `points`. */
export function scratchLayout(plan: ModelPlan, batchSize: number): ScratchLayout {
  const points = Math.max(batchSize, WORKGROUP_SIZE);
  const maxWidth = Math.max(plan.inputDims, ...plan.widths);
  let offset = points * plan.inputDims;
  const z: number[] = [];
  const h: number[] = [];
  for (const width of plan.widths) {
    z.push(offset);
    h.push(offset + points * width);
    offset += 2 * points * width;
  }
  const gradA = offset;
  const gradB = gradA + points * maxWidth;
  return { points, input: 0, z, h, gradA, gradB, region: gradB + points * maxWidth };
}

/** Floats per slot in `runs`: weights, gradients, state arrays, the SWA average. */
export function runStride(plan: ModelPlan): number {
  return (AVERAGE_ARRAY + 1) * plan.paramCount;
}

/** The static part of `control`: the model header and layer descriptors. */
export function modelHeader(
  plan: ModelPlan,
  scratch: ScratchLayout,
  counts: { train: number; validation: number },
): Uint32Array {
  if (plan.layers.length > MAX_LAYERS) {
    throw new Error(`the WebGPU engine handles at most ${MAX_LAYERS - 1} hidden layers`);
  }
  const header = new Uint32Array(HEADER_WORDS);
  const dims = plan.inputDims;
  header[MODEL.layers] = plan.layers.length;
  header[MODEL.inputDims] = dims;
  header[MODEL.activation] = ACTIVATION_CODES[plan.activation];
  header[MODEL.task] = TASK_CODES[plan.task];
  header[MODEL.points] = scratch.points;
  header[MODEL.params] = plan.paramCount;
  header[MODEL.region] = scratch.region;
  header[MODEL.l2] = new Uint32Array(Float32Array.of(plan.l2).buffer)[0];
  header[MODEL.trainCount] = counts.train;
  header[MODEL.validationCount] = counts.validation;
  header[MODEL.trainX] = 0;
  header[MODEL.trainY] = counts.train * dims;
  header[MODEL.validationX] = counts.train * (dims + 1);
  header[MODEL.validationY] = counts.train * (dims + 1) + counts.validation * dims;
  header[MODEL.input] = scratch.input;
  header[MODEL.gradA] = scratch.gradA;
  header[MODEL.gradB] = scratch.gradB;
  header[MODEL.slots] = HEADER_WORDS;
  header[MODEL.runStride] = runStride(plan);
  plan.layers.forEach((layer, l) => {
    const base = MODEL.layerBase + l * LAYER_WORDS;
    header[base + LAYER.fanIn] = layer.fanIn;
    header[base + LAYER.fanOut] = layer.fanOut;
    header[base + LAYER.weight] = layer.weightOffset;
    header[base + LAYER.bias] = layer.biasOffset;
    header[base + LAYER.z] = scratch.z[l];
    header[base + LAYER.h] = scratch.h[l];
  });
  return header;
}

/** The data buffer's contents: train x, train y, validation x, validation y. */
export function packData(
  train: { x: Float32Array; y: Float32Array },
  validation: { x: Float32Array; y: Float32Array },
): Float32Array<ArrayBuffer> {
  const out = new Float32Array(
    Math.max(1, train.x.length + train.y.length + validation.x.length + validation.y.length),
  );
  let offset = 0;
  for (const part of [train.x, train.y, validation.x, validation.y]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
