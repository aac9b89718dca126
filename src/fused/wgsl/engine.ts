/**
 * The fused engine on WebGPU: every run's weights, gradients and optimizer state live in GPU
 * buffers on the TF.js webgpu backend's own device, and one dispatch of the `train` kernel
 * (one workgroup per run) advances every run of a chunk by K steps and evaluates where asked.
 * The host only writes the chunk's batch rows and coefficient vectors, and reads the chunk's
 * metrics back once (mapAsync). Weights never come back to the host, except as predictions.
 * A run's SWA average lives next to its weights and is updated by the same dispatch, after
 * the chunk's last step (chunks end at the epochs' ends where it averages).
 *
 * GPU work is serialized (one chunk or prediction at a time), so the staging buffers can be
 * reused; control calls (attach, restart...) write the buffers directly, ordered by the queue.
 * The engine records and submits its own command buffers on TF.js's device and never touches
 * TF.js's command encoder: no buffer is shared with a TF.js tensor, so nothing TF.js has
 * recorded but not yet submitted can be read or written out of order, and no flush is needed.
 */
/// <reference types="@webgpu/types" />
import type {
  EngineInfo,
  EngineRun,
  GridWeights,
  RunOutcome,
  RunSteps,
  TrainingEngine,
} from '../../train/engine';
import { NO_AVERAGE_YET } from '../../train/engine';
import { EpochOrders } from '../../train/epoch-orders';
import type { Session } from '../../train/session';
import { COEFFICIENTS, freshHostState, initialSlotValue, writeCoefficients } from '../coefficients';
import type { HostOptimizerState, StepHyperparameters } from '../coefficients';
import { joinWeights, MAX_SLOTS, modelPlan, optimizerPlan } from '../plan';
import type { ModelPlan, OptimizerPlan } from '../plan';
import { GpuBuffers } from './gpu-buffers';
import {
  EVALUATION_FLOATS,
  HEADER_WORDS,
  metricsPerSlot,
  modelHeader,
  MODEL,
  packData,
  runStride,
  scratchLayout,
  SLOT,
  SLOT_WORDS,
} from './layout';
import type { ScratchLayout } from './layout';
import { fusedPipelines } from './pipelines';
import type { FusedPipelines } from './pipelines';

interface SlotState {
  slot: number;
  plan: OptimizerPlan;
  host: HostOptimizerState;
  /** Whether the slot's SWA average holds a model (written by a chunk since attach). */
  averaged: boolean;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const FLOAT = 4;

/** A buffer remade larger when a chunk needs more room, with its staging copy if read back. */
interface Growable {
  name: string;
  usage: number;
  buffer: GPUBuffer | null;
  staging: GPUBuffer | null | undefined;
  floats: number;
}

/** 'in': written by the host; 'out': read back; 'both': written and read back. */
function growable(name: string, direction: 'in' | 'out' | 'both'): Growable {
  const usage =
    GPUBufferUsage.STORAGE |
    (direction === 'out' ? 0 : GPUBufferUsage.COPY_DST) |
    (direction === 'in' ? 0 : GPUBufferUsage.COPY_SRC);
  return { name, usage, buffer: null, staging: direction === 'in' ? undefined : null, floats: 0 };
}

/** Rounds a size up to the next power of two (buffers grow by doubling). */
function roomFor(size: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(size, 1)));
}

export class WebGpuFusedEngine implements TrainingEngine {
  readonly info: EngineInfo = { engine: 'fused', implementation: 'fused-webgpu' };
  readonly model: ModelPlan;
  private readonly buffers: GpuBuffers;
  private readonly scratch: ScratchLayout;
  private readonly header: Uint32Array;
  private readonly orders: EpochOrders;
  private readonly stride: number;
  private readonly states = new Map<EngineRun, SlotState>();
  private readonly slots: (EngineRun | null)[] = [];
  private readonly pipelines: Promise<FusedPipelines>;
  private data: GPUBuffer;
  private runsBuffer: GPUBuffer | null = null;
  private scratchBuffer: GPUBuffer | null = null;
  // Sized per chunk (steps, rows, points), grown by doubling; made on first use.
  private readonly control = growable('control', 'in');
  private readonly coeffs = growable('coeffs', 'in');
  private readonly metrics = growable('metrics', 'out');
  private readonly io = growable('io', 'both');
  private trainGroup: GPUBindGroup | null = null;
  private predictGroup: GPUBindGroup | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly session: Session,
    private readonly device: GPUDevice,
  ) {
    this.model = modelPlan(session.spec);
    this.buffers = new GpuBuffers(device);
    this.scratch = scratchLayout(this.model, session.batchSize);
    const { train, validation } = session.dataset;
    this.header = modelHeader(this.model, this.scratch, {
      train: train.y.length,
      validation: validation.y.length,
    });
    this.stride = runStride(this.model);
    this.orders = new EpochOrders(train.y.length, session.batchSize, session.shuffleSeed);
    const packed = packData(train, validation);
    this.data = this.buffers.create(
      'data',
      packed.byteLength,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    );
    device.queue.writeBuffer(this.data, 0, packed);
    // Compiling starts now; the first chunk waits for it.
    this.pipelines = fusedPipelines(device);
    this.pipelines.catch(() => undefined);
  }

  /** GPU buffers this engine holds now (all destroyed by dispose). */
  get liveBuffers(): number {
    return this.buffers.count;
  }

  attach(run: EngineRun, weights: readonly Float32Array[]): void {
    let slot = this.slots.indexOf(null);
    if (slot < 0) {
      slot = this.slots.length;
      this.slots.push(null);
      this.ensureSlots();
    }
    this.slots[slot] = run;
    const state: SlotState = {
      slot,
      plan: optimizerPlan(run.config.optimizer),
      host: freshHostState(),
      averaged: false,
    };
    this.states.set(run, state);
    this.writeWeights(slot, weights);
    this.freshOptimizerState(state);
  }

  detach(run: EngineRun): void {
    const state = this.states.get(run);
    if (!state) return;
    this.slots[state.slot] = null;
    this.states.delete(run);
  }

  restart(run: EngineRun, weights: readonly Float32Array[]): void {
    const state = this.require(run);
    this.writeWeights(state.slot, weights);
    state.plan = optimizerPlan(run.config.optimizer);
    this.freshOptimizerState(state);
  }

  resetOptimizer(run: EngineRun): void {
    const state = this.require(run);
    state.plan = optimizerPlan(run.config.optimizer);
    this.freshOptimizerState(state);
  }

  train(steps: number, runs: readonly RunSteps[]): Promise<RunOutcome[]> {
    return this.serialize(() => this.trainChunk(steps, runs));
  }

  predict(
    run: EngineRun,
    inputs: Float32Array,
    weights: GridWeights = 'run',
  ): Promise<Float32Array> {
    const state = this.require(run);
    if (weights === 'swa' && !state.averaged) {
      return Promise.reject(new Error(`fused engine: ${NO_AVERAGE_YET}`));
    }
    return this.serialize(() => this.predictAt(state.slot, inputs, weights === 'swa'));
  }

  /**
   * One optimizer step per listed run on gradients given by the caller (flat, the weights'
   * layout), skipping the network: the fused update checked against torch's fixtures.
   */
  applyGradients(
    entries: readonly {
      run: EngineRun;
      grads: Float32Array<ArrayBuffer>;
      hyper: StepHyperparameters;
    }[],
  ): Promise<void> {
    return this.serialize(async () => {
      const pipelines = await this.pipelines;
      const capacity = this.capacity;
      const n = this.model.paramCount;
      const words = new Uint32Array(HEADER_WORDS + capacity * SLOT_WORDS);
      words.set(this.header);
      words[MODEL.slots] = HEADER_WORDS;
      const coefficients = new Float32Array(capacity * COEFFICIENTS);
      for (const { run, grads, hyper } of entries) {
        const state = this.require(run);
        const d = HEADER_WORDS + state.slot * SLOT_WORDS;
        words[d + SLOT.steps] = 1;
        words[d + SLOT.kind] = state.plan.kindCode;
        words[d + SLOT.lookahead] = state.plan.lookahead ? 1 : 0;
        words[d + SLOT.coeffs] = state.slot * COEFFICIENTS;
        writeCoefficients(state.plan, state.host, hyper, coefficients, state.slot * COEFFICIENTS);
        this.device.queue.writeBuffer(
          this.runsBuffer!,
          (state.slot * this.stride + n) * FLOAT,
          grads,
        );
      }
      this.device.queue.writeBuffer(this.ensureControl(words.length), 0, words);
      this.device.queue.writeBuffer(this.ensureCoeffs(coefficients.length), 0, coefficients);
      const encoder = this.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipelines.update);
      pass.setBindGroup(0, this.bindUpdate(pipelines));
      pass.dispatchWorkgroups(capacity);
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      await this.device.queue.onSubmittedWorkDone();
    });
  }

  /** A run's current weights (flat), read back from the GPU. */
  readWeights(run: EngineRun): Promise<Float32Array> {
    const slot = this.require(run).slot;
    return this.serialize(async () => {
      const bytes = this.model.paramCount * FLOAT;
      const io = this.ensureIo(this.model.paramCount);
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(
        this.runsBuffer!,
        slot * this.stride * FLOAT,
        io.staging,
        0,
        bytes,
      );
      this.device.queue.submit([encoder.finish()]);
      await io.staging.mapAsync(GPUMapMode.READ, 0, bytes);
      const weights = new Float32Array(io.staging.getMappedRange(0, bytes).slice(0));
      io.staging.unmap();
      return weights;
    });
  }

  dispose(): void {
    this.disposed = true;
    this.buffers.destroyAll();
    this.states.clear();
    this.slots.length = 0;
    this.trainGroup = this.predictGroup = null;
  }

  // --- buffers ---------------------------------------------------------------------------

  /** Grows `runs` and `scratch` to the slot count, keeping the runs' weights and state. */
  private ensureSlots(): void {
    const needed = this.slots.length;
    const have = this.runsBuffer ? this.runsBuffer.size / (this.stride * FLOAT) : 0;
    if (needed <= have) return;
    const capacity = roomFor(needed);
    const runs = this.buffers.create(
      'runs',
      capacity * this.stride * FLOAT,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
    );
    if (this.runsBuffer) {
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(this.runsBuffer, 0, runs, 0, this.runsBuffer.size);
      this.device.queue.submit([encoder.finish()]);
      // Destruction waits for the copy (and any chunk still using it) to finish.
      this.buffers.destroy(this.runsBuffer);
    }
    this.runsBuffer = runs;
    this.buffers.destroy(this.scratchBuffer);
    this.scratchBuffer = this.buffers.create(
      'scratch',
      capacity * this.scratch.region * FLOAT,
      GPUBufferUsage.STORAGE,
    );
    this.trainGroup = this.predictGroup = null;
  }

  private get capacity(): number {
    return this.runsBuffer ? this.runsBuffer.size / (this.stride * FLOAT) : 0;
  }

  private ensureControl(words: number): GPUBuffer {
    return this.grow(this.control, words).buffer;
  }

  private ensureCoeffs(floats: number): GPUBuffer {
    return this.grow(this.coeffs, floats).buffer;
  }

  private ensureMetrics(floats: number): { buffer: GPUBuffer; staging: GPUBuffer } {
    return this.grow(this.metrics, floats) as { buffer: GPUBuffer; staging: GPUBuffer };
  }

  private ensureIo(floats: number): { buffer: GPUBuffer; staging: GPUBuffer } {
    return this.grow(this.io, floats) as { buffer: GPUBuffer; staging: GPUBuffer };
  }

  /** Makes `slot`'s buffer (and staging copy) hold `floats`, doubling; rebinding when remade. */
  private grow(slot: Growable, floats: number): Growable & { buffer: GPUBuffer } {
    if (!slot.buffer || slot.floats < floats) {
      this.buffers.destroy(slot.buffer);
      this.buffers.destroy(slot.staging);
      slot.floats = roomFor(floats);
      slot.buffer = this.buffers.create(slot.name, slot.floats * FLOAT, slot.usage);
      if (slot.staging !== undefined) {
        slot.staging = this.buffers.create(
          `${slot.name} staging`,
          slot.floats * FLOAT,
          GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
        );
      }
      this.trainGroup = this.predictGroup = null;
    }
    return slot as Growable & { buffer: GPUBuffer };
  }

  private writeWeights(slot: number, weights: readonly Float32Array[]): void {
    const flat = new Float32Array(this.model.paramCount);
    joinWeights(weights, flat);
    this.device.queue.writeBuffer(this.runsBuffer!, slot * this.stride * FLOAT, flat);
  }

  /** Zeroed gradients and state (Adagrad's accumulator filled); Lookahead's slow weights are
   * set by the kernel on the first step (COMMON.initSlow). */
  private freshOptimizerState(state: SlotState): void {
    const n = this.model.paramCount;
    const values = new Float32Array((1 + MAX_SLOTS) * n);
    for (let slot = 0; slot < MAX_SLOTS; slot++) {
      values.fill(initialSlotValue(state.plan, slot), (1 + slot) * n, (2 + slot) * n);
    }
    state.host = freshHostState();
    this.device.queue.writeBuffer(this.runsBuffer!, (state.slot * this.stride + n) * FLOAT, values);
  }

  // --- chunks ----------------------------------------------------------------------------

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async trainChunk(steps: number, runs: readonly RunSteps[]): Promise<RunOutcome[]> {
    const failed = (error: unknown): RunOutcome[] =>
      runs.map(() => ({
        loss: new Float32Array(steps),
        gradNorm: new Float32Array(steps),
        evaluation: null,
        error: errorMessage(error),
      }));
    try {
      const pipelines = await this.pipelines;
      if (this.disposed) throw new Error('fused engine disposed');
      const capacity = this.capacity;
      const slotOf = runs.map(({ run }) => this.require(run).slot);
      // The chunk's batches: each distinct step's rows once, whatever runs share it.
      const rowsAt = new Map<number, number>();
      const rowParts: Int32Array[] = [];
      const batchWords = capacity * steps * 2;
      const slotsStart = HEADER_WORDS;
      const batchesStart = slotsStart + capacity * SLOT_WORDS;
      let rowsEnd = batchesStart + batchWords;
      const table = new Uint32Array(batchWords);
      runs.forEach((entry, i) => {
        for (let k = 0; k < steps; k++) {
          const step = entry.firstStep + k;
          const { rows, start, size } = this.orders.batch(step);
          let at = rowsAt.get(step);
          if (at === undefined) {
            at = rowsEnd;
            rowsAt.set(step, at);
            rowParts.push(rows.subarray(start, start + size));
            rowsEnd += size;
          }
          table[(slotOf[i] * steps + k) * 2] = at;
          table[(slotOf[i] * steps + k) * 2 + 1] = size;
        }
      });
      const controlWords = new Uint32Array(rowsEnd);
      controlWords.set(this.header);
      controlWords[MODEL.slots] = slotsStart;
      const coefficients = new Float32Array(capacity * steps * COEFFICIENTS);
      const perSlot = metricsPerSlot(steps);
      runs.forEach((entry, i) => {
        const slot = slotOf[i];
        const state = this.require(entry.run);
        const d = slotsStart + slot * SLOT_WORDS;
        controlWords[d + SLOT.steps] = steps;
        controlWords[d + SLOT.evaluate] = entry.evaluate ? 1 : 0;
        controlWords[d + SLOT.kind] = state.plan.kindCode;
        controlWords[d + SLOT.lookahead] = state.plan.lookahead ? 1 : 0;
        controlWords[d + SLOT.batches] = batchesStart + slot * steps * 2;
        controlWords[d + SLOT.coeffs] = slot * steps * COEFFICIENTS;
        controlWords[d + SLOT.metrics] = slot * perSlot;
        if (entry.updateAverage !== undefined) {
          controlWords[d + SLOT.average] = entry.updateAverage + 1;
          state.averaged = true;
        }
        controlWords[d + SLOT.evaluateAverage] = entry.evaluateAverage ? 1 : 0;
        for (let k = 0; k < steps; k++) {
          const offset = (slot * steps + k) * COEFFICIENTS;
          writeCoefficients(state.plan, state.host, entry.hyper[k], coefficients, offset);
        }
      });
      controlWords.set(table, batchesStart);
      let offset = batchesStart + batchWords;
      for (const part of rowParts) {
        controlWords.set(part, offset);
        offset += part.length;
      }
      const queue = this.device.queue;
      const control = this.ensureControl(controlWords.length);
      const coeffs = this.ensureCoeffs(coefficients.length);
      const metrics = this.ensureMetrics(capacity * perSlot);
      queue.writeBuffer(control, 0, controlWords);
      queue.writeBuffer(coeffs, 0, coefficients);
      const group = this.bindTrain(pipelines);
      this.device.pushErrorScope('validation');
      const encoder = this.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipelines.train);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(capacity);
      pass.end();
      const bytes = capacity * perSlot * FLOAT;
      encoder.copyBufferToBuffer(metrics.buffer, 0, metrics.staging, 0, bytes);
      queue.submit([encoder.finish()]);
      const invalid = await this.device.popErrorScope();
      if (invalid) throw new Error(`fused WebGPU step: ${invalid.message}`);
      await metrics.staging.mapAsync(GPUMapMode.READ, 0, bytes);
      const values = new Float32Array(metrics.staging.getMappedRange(0, bytes).slice(0));
      metrics.staging.unmap();
      return runs.map((entry, i) => {
        const at = slotOf[i] * perSlot;
        const loss = new Float32Array(steps);
        const gradNorm = new Float32Array(steps);
        for (let k = 0; k < steps; k++) {
          loss[k] = values[at + 2 * k];
          gradNorm[k] = values[at + 2 * k + 1];
        }
        const evaluationAt = (index: number) => {
          const from = at + 2 * steps + index * EVALUATION_FLOATS;
          return values.slice(from, from + EVALUATION_FLOATS);
        };
        const outcome: RunOutcome = {
          loss,
          gradNorm,
          evaluation: entry.evaluate ? evaluationAt(0) : null,
        };
        if (entry.evaluate && entry.evaluateAverage) outcome.averageEvaluation = evaluationAt(1);
        return outcome;
      });
    } catch (error) {
      return failed(error);
    }
  }

  private async predictAt(
    slot: number,
    inputs: Float32Array,
    average: boolean,
  ): Promise<Float32Array> {
    const pipelines = await this.pipelines;
    if (this.disposed) throw new Error('fused engine disposed');
    const dims = this.model.inputDims;
    const count = inputs.length / dims;
    const io = this.ensureIo(3 + inputs.length + count);
    // The model header is all the predict kernel reads of `control`.
    const control = this.ensureControl(HEADER_WORDS);
    const header = this.header.slice();
    header[MODEL.slots] = HEADER_WORDS;
    this.device.queue.writeBuffer(control, 0, header);
    const head = new Float32Array(3 + inputs.length);
    head[0] = count;
    head[1] = slot;
    head[2] = average ? 1 : 0;
    head.set(inputs, 3);
    this.device.queue.writeBuffer(io.buffer, 0, head);
    const group = this.bindPredict(pipelines);
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipelines.predict);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(Math.min(this.capacity, Math.ceil(count / this.scratch.points)));
    pass.end();
    const outAt = head.byteLength;
    encoder.copyBufferToBuffer(io.buffer, outAt, io.staging, 0, count * FLOAT);
    this.device.queue.submit([encoder.finish()]);
    await io.staging.mapAsync(GPUMapMode.READ, 0, count * FLOAT);
    const out = new Float32Array(io.staging.getMappedRange(0, count * FLOAT).slice(0));
    io.staging.unmap();
    return out;
  }

  private bindTrain(pipelines: FusedPipelines): GPUBindGroup {
    this.trainGroup ??= this.device.createBindGroup({
      label: 'optim-lab fused train',
      layout: pipelines.train.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.control.buffer! } },
        { binding: 1, resource: { buffer: this.data } },
        { binding: 2, resource: { buffer: this.coeffs.buffer! } },
        { binding: 3, resource: { buffer: this.runsBuffer! } },
        { binding: 4, resource: { buffer: this.scratchBuffer! } },
        { binding: 5, resource: { buffer: this.metrics.buffer! } },
      ],
    });
    return this.trainGroup;
  }

  private bindUpdate(pipelines: FusedPipelines): GPUBindGroup {
    // Rare (tests and tools): made per call rather than cached.
    return this.device.createBindGroup({
      label: 'optim-lab fused update',
      layout: pipelines.update.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.control.buffer! } },
        { binding: 2, resource: { buffer: this.coeffs.buffer! } },
        { binding: 3, resource: { buffer: this.runsBuffer! } },
      ],
    });
  }

  private bindPredict(pipelines: FusedPipelines): GPUBindGroup {
    this.predictGroup ??= this.device.createBindGroup({
      label: 'optim-lab fused predict',
      layout: pipelines.predict.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.control.buffer! } },
        { binding: 3, resource: { buffer: this.runsBuffer! } },
        { binding: 4, resource: { buffer: this.scratchBuffer! } },
        { binding: 6, resource: { buffer: this.io.buffer! } },
      ],
    });
    return this.predictGroup;
  }

  private require(run: EngineRun): SlotState {
    const state = this.states.get(run);
    if (!state) throw new Error('fused engine: unknown run');
    return state;
  }
}
