import * as tf from '@tensorflow/tfjs';

/**
 * What torch keeps in `optimizer.state[p]` for one parameter: scalar counters (`step`,
 * NAdam's `mu_product`) as JS numbers, and named slot tensors (`exp_avg`, `momentum_buffer`,
 * ...) as non-trainable tf.Variables created lazily on the first step that needs them.
 *
 * Counters hold float32-representable values (torch stores them in float32 tensors), so
 * serializing them as float32 scalars loses nothing.
 */
export class ParameterState {
  private readonly counterValues = new Map<string, number>();
  private readonly slotVariables = new Map<string, tf.Variable>();

  constructor(readonly paramName: string) {}

  counter(name: string, initial = 0): number {
    return this.counterValues.get(name) ?? initial;
  }

  setCounter(name: string, value: number): void {
    this.counterValues.set(name, value);
  }

  /** Steps this parameter has taken (torch's `state['step']`), counting the current one. */
  get step(): number {
    return this.counter('step');
  }

  hasSlot(name: string): boolean {
    return this.slotVariables.has(name);
  }

  /** The named slot; `init` builds its first value (called once, inside a tidy). */
  slot(name: string, init: () => tf.Tensor): tf.Variable {
    let variable = this.slotVariables.get(name);
    if (variable === undefined) {
      // The variable holds its own reference to the data, so the tidy may free `init`'s tensor.
      variable = tf.tidy(() => tf.variable(init(), false));
      this.slotVariables.set(name, variable);
    }
    return variable;
  }

  /** Replaces a slot with a copy-free variable over `value` (used by setWeights). */
  restoreSlot(name: string, value: tf.Tensor): void {
    this.slotVariables.get(name)?.dispose();
    this.slotVariables.set(name, tf.variable(value, false));
  }

  counterEntries(): [string, number][] {
    return [...this.counterValues.entries()];
  }

  slotEntries(): [string, tf.Variable][] {
    return [...this.slotVariables.entries()];
  }

  dispose(): void {
    for (const variable of this.slotVariables.values()) variable.dispose();
    this.slotVariables.clear();
    this.counterValues.clear();
  }
}
