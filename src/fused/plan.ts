/**
 * What the fused training step works on, laid out once per experiment: every run's weights
 * as one flat Float32Array ([W0, b0, W1, b1, ...], each W row-major [fanIn, fanOut], the
 * order initialWeights and the tf.Variables use), and every optimizer as a kind code, its
 * options, and the named state arrays it keeps (torch's `exp_avg`, `momentum_buffer`...),
 * each as long as the weights.
 *
 * Both implementations (the CPU loop and the WGSL kernels) read these plans; `fusedSupport`
 * is the one place that says what the fused path cannot run (and why, in words).
 */
import { layerShapes } from '../model/init';
import type { MlpSpec } from '../model/mlp';
import { parseOptimizerConfig } from '../optim/config';
import type { ResolvedBaseOptimizerConfig } from '../optim/resolved';
import { OPTIMIZER_TYPES } from '../optim/defaults';
import type { OptimizerConfig, OptimizerType } from '../optim/types';
import type { Activation } from '../protocol/experiment';
import type { TaskKind } from '../protocol/api';

export interface LayerLayout {
  fanIn: number;
  fanOut: number;
  /** Offset of W (fanIn x fanOut, row-major) in the flat weights. */
  weightOffset: number;
  /** Offset of b (fanOut) in the flat weights. */
  biasOffset: number;
}

export interface ModelPlan {
  inputDims: number;
  activation: Activation;
  task: TaskKind;
  l2: number;
  layers: LayerLayout[];
  /** Widths of every layer's output: hidden..., then 1. */
  widths: number[];
  /** Total weights of one run. */
  paramCount: number;
  /** Sum of the layer widths: per point, the activations one forward pass keeps. */
  unitCount: number;
}

export function modelPlan(spec: MlpSpec): ModelPlan {
  let offset = 0;
  const layers = layerShapes(spec.inputDims, spec.hidden).map(({ fanIn, fanOut }) => {
    const layer = { fanIn, fanOut, weightOffset: offset, biasOffset: offset + fanIn * fanOut };
    offset += fanIn * fanOut + fanOut;
    return layer;
  });
  const widths = layers.map((layer) => layer.fanOut);
  return {
    inputDims: spec.inputDims,
    activation: spec.activation,
    task: spec.task,
    l2: spec.l2,
    layers,
    widths,
    paramCount: offset,
    unitCount: widths.reduce((sum, width) => sum + width, 0),
  };
}

/** Splits flat weights back into [W0, b0, W1, b1, ...] copies. */
export function splitWeights(plan: ModelPlan, flat: Float32Array): Float32Array[] {
  return plan.layers.flatMap((layer) => [
    flat.slice(layer.weightOffset, layer.biasOffset),
    flat.slice(layer.biasOffset, layer.biasOffset + layer.fanOut),
  ]);
}

/** Concatenates [W0, b0, W1, b1, ...] into `out` (the flat layout). */
export function joinWeights(weights: readonly Float32Array[], out: Float32Array): Float32Array {
  let offset = 0;
  for (const part of weights) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The inner optimizers the fused update implements (all but Lookahead), in kind-code order. */
export const FUSED_KINDS = OPTIMIZER_TYPES.filter(
  (type): type is Exclude<OptimizerType, 'Lookahead'> => type !== 'Lookahead',
);
export type FusedKind = ResolvedBaseOptimizerConfig['type'];

/** State arrays per kind, in torch's names; index i is slot i of the run's state. */
const SLOT_NAMES: { [K in FusedKind]: readonly string[] } = {
  SGD: ['momentum_buffer'],
  Adam: ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'],
  AdamW: ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'],
  NAdam: ['exp_avg', 'exp_avg_sq'],
  RAdam: ['exp_avg', 'exp_avg_sq'],
  Adamax: ['exp_avg', 'exp_inf'],
  Adagrad: ['sum'],
  Adadelta: ['square_avg', 'acc_delta'],
  RMSprop: ['square_avg', 'grad_avg', 'momentum_buffer'],
};

/** Slots any inner optimizer may use; Lookahead's slow weights come right after them. */
export const INNER_SLOTS = 3;
/** Slot of Lookahead's slow weights. */
export const SLOW_SLOT = INNER_SLOTS;
/** State arrays per run when every run gets the same stride (the WGSL layout). */
export const MAX_SLOTS = INNER_SLOTS + 1;

export interface OptimizerPlan {
  kind: FusedKind;
  /** Index in FUSED_KINDS. */
  kindCode: number;
  /** The inner optimizer with every option resolved (the optimizer itself without Lookahead). */
  inner: ResolvedBaseOptimizerConfig;
  lookahead: { k: number; alpha: number } | null;
  /** State arrays this run needs: the inner slots, plus one for Lookahead's slow weights. */
  slotCount: number;
  /** Whether per-step hyperparameters include momentum (SGD, RMSprop) or beta1 (Adam family). */
  momentumLike: 'momentum' | 'beta1' | null;
}

/** Resolves an optimizer config (validated, defaults filled) into what the fused update needs. */
export function optimizerPlan(config: OptimizerConfig): OptimizerPlan {
  const resolved = parseOptimizerConfig(config);
  const inner = resolved.type === 'Lookahead' ? resolved.optimizer : resolved;
  const lookahead = resolved.type === 'Lookahead' ? { k: resolved.k, alpha: resolved.alpha } : null;
  const kind = inner.type;
  return {
    kind,
    kindCode: FUSED_KINDS.indexOf(kind),
    inner,
    lookahead,
    slotCount: lookahead ? MAX_SLOTS : SLOT_NAMES[kind].length,
    momentumLike:
      kind === 'SGD' || kind === 'RMSprop'
        ? 'momentum'
        : kind === 'Adagrad' || kind === 'Adadelta'
          ? null
          : 'beta1',
  };
}

/** The torch names of a plan's state arrays, slot by slot ('' for a slot left unused). */
export function slotNames(plan: OptimizerPlan): string[] {
  const names = [...SLOT_NAMES[plan.kind]];
  if (plan.lookahead) {
    while (names.length < SLOW_SLOT) names.push('');
    names.push('slow');
  }
  return names;
}

/**
 * Floats of per-point scratch one step may hold (activations and their gradients, for one
 * batch of one run). Past this the fused path declines a config rather than allocate
 * hundreds of megabytes; the op-by-op path then runs it (or fails the way it always has).
 */
export const MAX_SCRATCH_FLOATS = 1 << 25;

/** Scratch floats one run's step needs: z, activations and their gradients per unit per point. */
export function scratchFloats(plan: ModelPlan, batchSize: number): number {
  return 3 * batchSize * (plan.unitCount + plan.inputDims);
}

/** Why the fused path cannot run this model at this batch size, or null when it can. */
export function fusedSupport(plan: ModelPlan, batchSize: number): string | null {
  const scratch = scratchFloats(plan, batchSize);
  if (scratch > MAX_SCRATCH_FLOATS) {
    return `a batch of ${batchSize} through ${plan.unitCount} units needs ${scratch} floats of scratch per run (the fused step holds at most ${MAX_SCRATCH_FLOATS})`;
  }
  return null;
}
