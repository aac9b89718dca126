/**
 * The WGSL of the fused WebGPU engine: one module, two entry points.
 *
 * `train`: one workgroup per run slot. Each takes its K steps (gather the batch, forward,
 * loss, backward, gradient norm, optimizer update, metrics) with workgroup barriers between
 * the phases, then folds the weights into its SWA average when asked (an epoch's end), then
 * evaluates on both splits when asked (the average too). One dispatch trains every run K steps.
 *
 * `predict`: the network's outputs at caller-given points, one tile per workgroup.
 *
 * The model is described at run time (layer sizes from the control buffer), so one compiled
 * pipeline serves every experiment on a device. The arithmetic follows the CPU loop (and so
 * the op-by-op path) formula for formula, in float32: TF.js's erf approximation, the BCE's
 * stable form, every optimizer as ../cpu/update.ts writes it. Constants come from the same
 * TypeScript objects the host uses.
 */
import { ERF } from '../activations';
import {
  ADADELTA_C,
  ADAGRAD_C,
  ADAM_C,
  ADAMAX_C,
  COEFFICIENTS,
  COMMON,
  NADAM_C,
  RADAM_C,
  RMSPROP_C,
  SGD_C,
  SGD_MODE,
} from '../coefficients';
import { LEAKY_SLOPE } from '../../model/activations';
import { FUSED_KINDS, MAX_SLOTS, SLOW_SLOT } from '../plan';
import {
  ACTIVATION_CODES,
  AVERAGE_ARRAY,
  EVALUATION_FLOATS,
  LAYER,
  LAYER_WORDS,
  MODEL,
  SLOT,
  SLOT_WORDS,
  TASK_CODES,
  WORKGROUP_SIZE,
} from './layout';

/** `const NAME_KEY: u32 = value;` for every key of a table. */
function constants(prefix: string, table: Record<string, number>, type = 'u32'): string {
  return Object.entries(table)
    .map(([key, value]) => {
      // camelCase -> UPPER_SNAKE: fanIn -> FAN_IN, biasCorrection2Sqrt -> BIAS_CORRECTION2_SQRT,
      // AdamW -> ADAM_W, RMSprop -> RMSPROP.
      const name = `${prefix}_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
      return `const ${name}: ${type} = ${value}${type === 'u32' ? 'u' : ''};`;
    })
    .join('\n');
}

const kinds = Object.fromEntries(FUSED_KINDS.map((kind, i) => [kind, i]));

const float = (x: number) => {
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
};

export const SHADER = /* wgsl */ `
const WG: u32 = ${WORKGROUP_SIZE}u;
const COEFFS: u32 = ${COEFFICIENTS}u;
const MAX_SLOTS: u32 = ${MAX_SLOTS}u;
const SLOW_SLOT: u32 = ${SLOW_SLOT}u;
const LAYER_WORDS: u32 = ${LAYER_WORDS}u;
const SLOT_WORDS: u32 = ${SLOT_WORDS}u;
const AVERAGE_ARRAY: u32 = ${AVERAGE_ARRAY}u;
const EVALUATION_FLOATS: u32 = ${EVALUATION_FLOATS}u;
${constants('M', MODEL)}
${constants('L', LAYER)}
${constants('S', SLOT)}
${constants('TASK', TASK_CODES)}
${constants('ACT', ACTIVATION_CODES)}
${constants('KIND', kinds)}
${constants('C', COMMON)}
${constants('SGD', SGD_C)}
${constants('SGD_MODE', SGD_MODE, 'f32').replace(/= (\d+);/g, '= $1.0;')}
${constants('ADAM', ADAM_C)}
${constants('NADAM', NADAM_C)}
${constants('RADAM', RADAM_C)}
${constants('ADAMAX', ADAMAX_C)}
${constants('ADAGRAD', ADAGRAD_C)}
${constants('ADADELTA', ADADELTA_C)}
${constants('RMSPROP', RMSPROP_C)}
const ERF_P: f32 = ${float(ERF.p)};
const ERF_A1: f32 = ${float(ERF.a1)};
const ERF_A2: f32 = ${float(ERF.a2)};
const ERF_A3: f32 = ${float(ERF.a3)};
const ERF_A4: f32 = ${float(ERF.a4)};
const ERF_A5: f32 = ${float(ERF.a5)};
const LEAKY: f32 = ${float(LEAKY_SLOPE)};
const SQRT1_2: f32 = ${float(Math.SQRT1_2)};
const TWO_OVER_SQRT_PI: f32 = ${float(2 / Math.sqrt(Math.PI))};

@group(0) @binding(0) var<storage, read> control: array<u32>;
@group(0) @binding(1) var<storage, read> data: array<f32>;
@group(0) @binding(2) var<storage, read> coeffs: array<f32>;
@group(0) @binding(3) var<storage, read_write> runs: array<f32>;
@group(0) @binding(4) var<storage, read_write> scratch: array<f32>;
@group(0) @binding(5) var<storage, read_write> metrics: array<f32>;
@group(0) @binding(6) var<storage, read_write> io: array<f32>;

var<workgroup> partial: array<f32, WG>;
var<workgroup> shared_u32: u32;
var<workgroup> bad: atomic<u32>;
var<private> lid: u32;

/** A u32 the whole workgroup agrees on (so it may bound loops that hold barriers). */
fn uniform_u32(value: u32) -> u32 {
  if (lid == 0u) { shared_u32 = value; }
  return workgroupUniformLoad(&shared_u32);
}

fn sync() {
  storageBarrier();
  workgroupBarrier();
}

/** The workgroup's sum of one value per invocation, returned to every invocation. */
fn reduce(value: f32) -> f32 {
  partial[lid] = value;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) { partial[lid] = partial[lid] + partial[lid + stride]; }
    workgroupBarrier();
  }
  let total = partial[0];
  workgroupBarrier();
  return total;
}

/** A quiet NaN, made at run time (a constant NaN would be a shader-creation error). */
fn nan() -> f32 {
  var bits = 0x7fc00000u;
  return bitcast<f32>(bits);
}

/** Infinity or NaN, by the bits (the compiler may assume float math never makes them). */
fn non_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u;
}

fn flag_if_non_finite(x: f32) {
  if (non_finite(x)) { atomicStore(&bad, 1u); }
}

fn layer_word(l: u32, field: u32) -> u32 {
  return control[M_LAYER_BASE + l * LAYER_WORDS + field];
}

fn slot_word(slot: u32, field: u32) -> u32 {
  return control[control[M_SLOTS] + slot * SLOT_WORDS + field];
}

fn erf_approx(x: f32) -> f32 {
  let v = abs(x);
  let t = 1.0 / (1.0 + ERF_P * v);
  let poly = ((((ERF_A5 * t + ERF_A4) * t + ERF_A3) * t + ERF_A2) * t + ERF_A1) * t;
  return sign(x) * (1.0 - poly * exp(-v * v));
}

fn activate(code: u32, z: f32) -> f32 {
  switch code {
    case ACT_RELU: { return max(z, 0.0); }
    case ACT_LEAKY_RELU: { return select(z, LEAKY * z, z < 0.0); }
    case ACT_TANH: { return tanh(z); }
    case ACT_SIGMOID: { return 1.0 / (1.0 + exp(-z)); }
    case ACT_GELU: { return (z * 0.5) * (erf_approx(z * SQRT1_2) + 1.0); }
    default: { return z; }
  }
}

fn activation_gradient(code: u32, dh: f32, z: f32, h: f32) -> f32 {
  switch code {
    case ACT_RELU: { return select(0.0, dh, z > 0.0); }
    case ACT_LEAKY_RELU: { return select(dh * LEAKY, dh, z > 0.0); }
    case ACT_TANH: { return (1.0 - h * h) * dh; }
    case ACT_SIGMOID: { return dh * (h * (1.0 - h)); }
    case ACT_GELU: {
      let u = z * SQRT1_2;
      let inner = erf_approx(u) + 1.0;
      let slope = exp(-(u * u)) * TWO_OVER_SQRT_PI;
      return (dh * (z * 0.5)) * slope * SQRT1_2 + (dh * inner) * 0.5;
    }
    default: { return dh; }
  }
}

/** log(1 + x) for x in [0, 1], accurate where x is tiny (a confident point's BCE term). */
fn log1p_small(x: f32) -> f32 {
  if (x < 0.0625) {
    // The series to x^7: its first omitted term is below 2e-10 of the result here.
    return x * (1.0 - x * (0.5 - x * (1.0 / 3.0 - x * (0.25 - x * (0.2 - x * (1.0 / 6.0 - x / 7.0))))));
  }
  return log(1.0 + x);
}

fn point_loss(task: u32, o: f32, y: f32) -> f32 {
  if (task == TASK_REGRESSION) {
    let diff = o - y;
    return diff * diff;
  }
  return max(o, 0.0) - o * y + log1p_small(exp(-abs(o)));
}

/** d point-loss / d output (the mean's 1/n applied by the caller). */
fn point_gradient(task: u32, o: f32, y: f32) -> f32 {
  if (task == TASK_REGRESSION) { return 2.0 * (o - y); }
  let e = exp(-abs(o));
  let via_abs = select(e / (1.0 + e), -e / (1.0 + e), o > 0.0);
  return via_abs - y + select(0.0, 1.0, o > 0.0);
}

/** Forward pass of count points whose inputs are in the region's input block. */
fn forward(region: u32, params: u32, count: u32, layers: u32) {
  let activation = control[M_ACTIVATION];
  for (var l = 0u; l < layers; l = l + 1u) {
    let fan_in = layer_word(l, L_FAN_IN);
    let fan_out = layer_word(l, L_FAN_OUT);
    let w = params + layer_word(l, L_WEIGHT);
    let b = params + layer_word(l, L_BIAS);
    let z_at = region + layer_word(l, L_Z);
    let h_at = region + layer_word(l, L_H);
    var in_at = region + control[M_INPUT];
    if (l > 0u) { in_at = region + layer_word(l - 1u, L_H); }
    let is_output = l + 1u == layers;
    for (var o = lid; o < count * fan_out; o = o + WG) {
      let point = o / fan_out;
      let j = o % fan_out;
      var sum = 0.0;
      for (var k = 0u; k < fan_in; k = k + 1u) {
        sum = sum + scratch[in_at + point * fan_in + k] * runs[w + k * fan_out + j];
      }
      let z = sum + runs[b + j];
      scratch[z_at + o] = z;
      scratch[h_at + o] = select(activate(activation, z), z, is_output);
    }
    sync();
  }
}

/** The network's output for point i of the last forward pass. */
fn output_of(region: u32, layers: u32, i: u32) -> f32 {
  return scratch[region + layer_word(layers - 1u, L_Z) + i];
}

/** Backward pass from the gradient of the outputs (in gradA); writes the run's gradients.
 * Returns, per invocation, its share of [sum of squared gradients, sum of squared weights]. */
fn backward(region: u32, params: u32, grads: u32, count: u32, layers: u32) -> vec2<f32> {
  let activation = control[M_ACTIVATION];
  let l2 = bitcast<f32>(control[M_L2]);
  var squares = vec2<f32>(0.0, 0.0);
  for (var back = 0u; back < layers; back = back + 1u) {
    let l = layers - 1u - back;
    let fan_in = layer_word(l, L_FAN_IN);
    let fan_out = layer_word(l, L_FAN_OUT);
    let w = layer_word(l, L_WEIGHT);
    let b = layer_word(l, L_BIAS);
    var dz_at = region + control[M_GRAD_A];
    var dh_at = region + control[M_GRAD_B];
    if (back % 2u == 1u) {
      dz_at = region + control[M_GRAD_B];
      dh_at = region + control[M_GRAD_A];
    }
    var in_at = region + control[M_INPUT];
    if (l > 0u) { in_at = region + layer_word(l - 1u, L_H); }
    for (var e = lid; e < fan_in * fan_out; e = e + WG) {
      let i = e / fan_out;
      let j = e % fan_out;
      var sum = 0.0;
      for (var point = 0u; point < count; point = point + 1u) {
        sum = sum + scratch[in_at + point * fan_in + i] * scratch[dz_at + point * fan_out + j];
      }
      let weight = runs[params + w + e];
      let g = sum + l2 * (weight * 2.0);
      runs[grads + w + e] = g;
      squares = squares + vec2<f32>(g * g, weight * weight);
    }
    for (var j = lid; j < fan_out; j = j + WG) {
      var sum = 0.0;
      for (var point = 0u; point < count; point = point + 1u) {
        sum = sum + scratch[dz_at + point * fan_out + j];
      }
      runs[grads + b + j] = sum;
      squares.x = squares.x + sum * sum;
    }
    if (l > 0u) {
      let z_below = region + layer_word(l - 1u, L_Z);
      let h_below = region + layer_word(l - 1u, L_H);
      for (var o = lid; o < count * fan_in; o = o + WG) {
        let point = o / fan_in;
        let i = o % fan_in;
        var sum = 0.0;
        for (var j = 0u; j < fan_out; j = j + 1u) {
          sum = sum + scratch[dz_at + point * fan_out + j] * runs[params + w + i * fan_out + j];
        }
        scratch[dh_at + o] = activation_gradient(activation, sum, scratch[z_below + o], scratch[h_below + o]);
      }
    }
    sync();
  }
  return squares;
}

fn c_at(base: u32, index: u32) -> f32 {
  return coeffs[base + index];
}

/** One optimizer step of one weight (index e of n); state slot s of it is at state + s * n. */
fn update_weight(kind: u32, lookahead: bool, c: u32, p: u32, g: u32, state: u32, n: u32) {
  var weight = runs[p];
  if (lookahead && c_at(c, C_INIT_SLOW) != 0.0) { runs[state + SLOW_SLOT * n] = weight; }
  var d = c_at(c, C_SIGN) * runs[g];
  let weight_decay = c_at(c, C_WEIGHT_DECAY);
  if (weight_decay != 0.0) { d = d + weight * weight_decay; }
  let lr = c_at(c, C_LR);
  let s0 = state;
  let s1 = state + n;
  let s2 = state + 2u * n;
  switch kind {
    case KIND_SGD: {
      let mode = c_at(c, SGD_MODE);
      if (mode != SGD_MODE_NONE) {
        let momentum = c_at(c, SGD_MOMENTUM);
        var buffer = d;
        if (mode == SGD_MODE_UPDATE) {
          buffer = runs[s0] * momentum + d * c_at(c, SGD_ONE_MINUS_DAMPENING);
        }
        runs[s0] = buffer;
        if (c_at(c, SGD_NESTEROV) != 0.0) { d = d + buffer * momentum; } else { d = buffer; }
      }
      weight = weight - d * lr;
    }
    case KIND_ADAM, KIND_ADAM_W: {
      weight = weight * c_at(c, ADAM_DECAY);
      let m = runs[s0] * c_at(c, ADAM_BETA1) + d * c_at(c, ADAM_ONE_MINUS_BETA1);
      let v = runs[s1] * c_at(c, ADAM_BETA2) + (d * d) * c_at(c, ADAM_ONE_MINUS_BETA2);
      runs[s0] = m;
      runs[s1] = v;
      var second = v;
      if (c_at(c, ADAM_AMSGRAD) != 0.0) {
        second = max(runs[s2], v);
        runs[s2] = second;
      }
      let denom = sqrt(second) / c_at(c, ADAM_BIAS_CORRECTION2_SQRT) + c_at(c, ADAM_EPS);
      weight = weight - (m / denom) * c_at(c, ADAM_STEP_SIZE);
    }
    case KIND_NADAM: {
      let m = runs[s0] * c_at(c, NADAM_BETA1) + d * c_at(c, NADAM_ONE_MINUS_BETA1);
      let v = runs[s1] * c_at(c, NADAM_BETA2) + (d * d) * c_at(c, NADAM_ONE_MINUS_BETA2);
      runs[s0] = m;
      runs[s1] = v;
      let denom = sqrt(v / c_at(c, NADAM_BIAS_CORRECTION2)) + c_at(c, NADAM_EPS);
      weight = weight - (d / denom) * c_at(c, NADAM_GRAD_STEP);
      weight = weight - (m / denom) * c_at(c, NADAM_MOMENT_STEP);
    }
    case KIND_RADAM: {
      let m = runs[s0] * c_at(c, RADAM_BETA1) + d * c_at(c, RADAM_ONE_MINUS_BETA1);
      let v = runs[s1] * c_at(c, RADAM_BETA2) + (d * d) * c_at(c, RADAM_ONE_MINUS_BETA2);
      runs[s0] = m;
      runs[s1] = v;
      let corrected = m / c_at(c, RADAM_BIAS_CORRECTION1);
      var update = corrected * lr;
      if (c_at(c, RADAM_RECTIFY) != 0.0) {
        let adaptive = c_at(c, RADAM_BIAS_CORRECTION2_SQRT) / (sqrt(v) + c_at(c, RADAM_EPS));
        update = (update * adaptive) * c_at(c, RADAM_RECT);
      }
      weight = weight - update;
    }
    case KIND_ADAMAX: {
      let m = runs[s0] * c_at(c, ADAMAX_BETA1) + d * c_at(c, ADAMAX_ONE_MINUS_BETA1);
      let u = max(runs[s1] * c_at(c, ADAMAX_BETA2), abs(d) + c_at(c, ADAMAX_EPS));
      runs[s0] = m;
      runs[s1] = u;
      weight = weight - (m / u) * c_at(c, ADAMAX_CLR);
    }
    case KIND_ADAGRAD: {
      let sum = runs[s0] + d * d;
      runs[s0] = sum;
      weight = weight - (d / (sqrt(sum) + c_at(c, ADAGRAD_EPS))) * c_at(c, ADAGRAD_CLR);
    }
    case KIND_ADADELTA: {
      let rho = c_at(c, ADADELTA_RHO);
      let one_minus_rho = c_at(c, ADADELTA_ONE_MINUS_RHO);
      let eps = c_at(c, ADADELTA_EPS);
      let square_avg = runs[s0] * rho + (d * d) * one_minus_rho;
      let delta = (sqrt(runs[s1] + eps) / sqrt(square_avg + eps)) * d;
      runs[s0] = square_avg;
      runs[s1] = runs[s1] * rho + (delta * delta) * one_minus_rho;
      weight = weight - delta * lr;
    }
    case KIND_RMSPROP: {
      let alpha = c_at(c, RMSPROP_ALPHA);
      let one_minus_alpha = c_at(c, RMSPROP_ONE_MINUS_ALPHA);
      let square_avg = runs[s0] * alpha + (d * d) * one_minus_alpha;
      runs[s0] = square_avg;
      var avg = sqrt(square_avg);
      if (c_at(c, RMSPROP_CENTERED) != 0.0) {
        let grad_avg = runs[s1] * alpha + d * one_minus_alpha;
        runs[s1] = grad_avg;
        avg = sqrt(square_avg - grad_avg * grad_avg);
      }
      avg = avg + c_at(c, RMSPROP_EPS);
      let momentum = c_at(c, RMSPROP_MOMENTUM);
      if (momentum > 0.0) {
        let buffer = runs[s2] * momentum + d / avg;
        runs[s2] = buffer;
        weight = weight - buffer * lr;
      } else {
        weight = weight - (d / avg) * lr;
      }
    }
    default: {}
  }
  if (lookahead && c_at(c, C_SYNC) != 0.0) {
    let slow_at = state + SLOW_SLOT * n;
    let slow = runs[slow_at] + (weight - runs[slow_at]) * c_at(c, C_SLOW_ALPHA);
    runs[slow_at] = slow;
    weight = slow;
  }
  runs[p] = weight;
  flag_if_non_finite(weight);
}

/** [mean loss, accuracy] over count points of one split, in tiles through the region. */
fn evaluate_split(region: u32, params: u32, layers: u32, count: u32, x_at: u32, y_at: u32) -> vec2<f32> {
  let dims = control[M_INPUT_DIMS];
  let task = control[M_TASK];
  let tile = uniform_u32(control[M_POINTS]);
  var loss = 0.0;
  var correct = 0.0;
  for (var start = 0u; start < count; start = start + tile) {
    let size = min(tile, count - start);
    for (var i = lid; i < size * dims; i = i + WG) {
      scratch[region + control[M_INPUT] + i] = data[x_at + start * dims + i];
    }
    sync();
    forward(region, params, size, layers);
    for (var i = lid; i < size; i = i + WG) {
      let o = output_of(region, layers, i);
      let y = data[y_at + start + i];
      loss = loss + point_loss(task, o, y);
      correct = correct + select(0.0, 1.0, select(0.0, 1.0, o > 0.0) == y);
    }
    sync();
  }
  let n = f32(count);
  let total_loss = reduce(loss) / n;
  let accuracy = reduce(correct) / n;
  if (task == TASK_REGRESSION) { return vec2<f32>(total_loss, nan()); }
  return vec2<f32>(total_loss, accuracy);
}

/** AveragedModel.update_parameters (torch's default avg_fn): the average of "models" models,
 * the weights being the last; with one, a copy. The three float32 ops of ../cpu's loop. */
fn fold_into_average(params: u32, average_at: u32, n: u32, models: u32) {
  for (var e = lid; e < n; e = e + WG) {
    let weight = runs[params + e];
    if (models == 1u) {
      runs[average_at + e] = weight;
    } else {
      let mean = runs[average_at + e];
      runs[average_at + e] = mean + (weight - mean) / f32(models);
    }
  }
  sync();
}

/** [valLoss, valAccuracy, trainLoss, trainAccuracy] of the weights at "params", into metrics. */
fn evaluate_into(region: u32, params: u32, layers: u32, at: u32) {
  let validation = evaluate_split(region, params, layers, uniform_u32(control[M_VALIDATION_COUNT]), control[M_VALIDATION_X], control[M_VALIDATION_Y]);
  let train_split = evaluate_split(region, params, layers, uniform_u32(control[M_TRAIN_COUNT]), control[M_TRAIN_X], control[M_TRAIN_Y]);
  if (lid == 0u) {
    metrics[at] = validation.x;
    metrics[at + 1u] = validation.y;
    metrics[at + 2u] = train_split.x;
    metrics[at + 3u] = train_split.y;
  }
}

@compute @workgroup_size(WG)
fn train(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  lid = local;
  let slot = group.x;
  let steps = uniform_u32(slot_word(slot, S_STEPS));
  let evaluate = uniform_u32(slot_word(slot, S_EVALUATE));
  let layers = uniform_u32(control[M_LAYERS]);
  let kind = slot_word(slot, S_KIND);
  let lookahead = slot_word(slot, S_LOOKAHEAD) != 0u;
  let n = control[M_PARAMS];
  let stride = control[M_RUN_STRIDE];
  let params = slot * stride;
  let grads = params + n;
  let state = params + 2u * n;
  let region = slot * control[M_REGION];
  let dims = control[M_INPUT_DIMS];
  let task = control[M_TASK];
  let l2 = bitcast<f32>(control[M_L2]);
  let batches = slot_word(slot, S_BATCHES);
  let coeff_base = slot_word(slot, S_COEFFS);
  let metrics_at = slot_word(slot, S_METRICS);
  if (lid == 0u) { atomicStore(&bad, 0u); }
  for (var k = 0u; k < steps; k = k + 1u) {
    let rows = control[batches + 2u * k];
    let size = control[batches + 2u * k + 1u];
    for (var i = lid; i < size * dims; i = i + WG) {
      let point = i / dims;
      scratch[region + control[M_INPUT] + i] = data[control[M_TRAIN_X] + control[rows + point] * dims + i % dims];
    }
    sync();
    forward(region, params, size, layers);
    let inverse_n = 1.0 / f32(size);
    var loss = 0.0;
    for (var i = lid; i < size; i = i + WG) {
      let o = output_of(region, layers, i);
      let y = data[control[M_TRAIN_Y] + control[rows + i]];
      loss = loss + point_loss(task, o, y);
      scratch[region + control[M_GRAD_A] + i] = point_gradient(task, o, y) * inverse_n;
    }
    sync();
    let squares = backward(region, params, grads, size, layers);
    let data_loss = reduce(loss) * inverse_n;
    let grad_squares = reduce(squares.x);
    let weight_squares = reduce(squares.y);
    let total = data_loss + select(0.0, l2 * weight_squares, l2 > 0.0);
    let c = coeff_base + k * COEFFS;
    for (var e = lid; e < n; e = e + WG) {
      update_weight(kind, lookahead, c, params + e, grads + e, state + e, n);
    }
    sync();
    if (lid == 0u) {
      let norm = sqrt(grad_squares);
      var reported = total;
      if (non_finite(total) || non_finite(norm) || atomicLoad(&bad) != 0u) {
        reported = nan();
      }
      metrics[metrics_at + 2u * k] = reported;
      metrics[metrics_at + 2u * k + 1u] = norm;
    }
  }
  let average_at = params + AVERAGE_ARRAY * n;
  let average = uniform_u32(slot_word(slot, S_AVERAGE));
  if (average != 0u) {
    fold_into_average(params, average_at, n, average);
  }
  if (evaluate != 0u) {
    evaluate_into(region, params, layers, metrics_at + 2u * steps);
    if (uniform_u32(slot_word(slot, S_EVALUATE_AVERAGE)) != 0u) {
      evaluate_into(region, average_at, layers, metrics_at + 2u * steps + EVALUATION_FLOATS);
    }
  }
}

/** The optimizer update alone, on gradients the host wrote into the slot's gradient array
 * (steps of its descriptor, each with its coefficient vector). */
@compute @workgroup_size(WG)
fn update(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  lid = local;
  let slot = group.x;
  let steps = uniform_u32(slot_word(slot, S_STEPS));
  let kind = slot_word(slot, S_KIND);
  let lookahead = slot_word(slot, S_LOOKAHEAD) != 0u;
  let n = control[M_PARAMS];
  let params = slot * control[M_RUN_STRIDE];
  let coeff_base = slot_word(slot, S_COEFFS);
  for (var k = 0u; k < steps; k = k + 1u) {
    for (var e = lid; e < n; e = e + WG) {
      update_weight(kind, lookahead, coeff_base + k * COEFFS, params + e, params + n + e, params + 2u * n + e, n);
    }
    sync();
  }
}

/** io = [count, slot, weights (0: the run's, 1: its SWA average), then count * dims inputs,
 * then count outputs]. */
@compute @workgroup_size(WG)
fn predict(@builtin(workgroup_id) group: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  lid = local;
  let layers = uniform_u32(control[M_LAYERS]);
  let count = uniform_u32(u32(io[0]));
  let slot = u32(io[1]);
  let dims = control[M_INPUT_DIMS];
  let tile = uniform_u32(control[M_POINTS]);
  let params = slot * control[M_RUN_STRIDE] + select(0u, AVERAGE_ARRAY * control[M_PARAMS], io[2] != 0.0);
  let region = group.x * control[M_REGION];
  let inputs = 3u;
  let outputs = 3u + count * dims;
  let binary = control[M_TASK] == TASK_BINARY;
  for (var start = group.x * tile; start < count; start = start + groups.x * tile) {
    let size = min(tile, count - start);
    for (var i = lid; i < size * dims; i = i + WG) {
      scratch[region + control[M_INPUT] + i] = io[inputs + start * dims + i];
    }
    sync();
    forward(region, params, size, layers);
    for (var i = lid; i < size; i = i + WG) {
      let o = output_of(region, layers, i);
      io[outputs + start + i] = select(o, 1.0 / (1.0 + exp(-o)), binary);
    }
    sync();
  }
}
`;
