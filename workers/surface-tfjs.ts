/**
 * The slice of TF.js the surface worker needs: tfjs-core (tensors, tf.Optimizer, variables)
 * and the cpu backend. The embed build resolves `@tensorflow/tfjs` to this module for the
 * surface worker only (scripts/build/targets.mjs), so that worker ships without WebGL,
 * layers or the converter; everything src/optim and src/surface use is in tfjs-core.
 */
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
