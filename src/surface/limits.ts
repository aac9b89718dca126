/** The numbers that bound a surface computation, each in one place. */

/** Steps per run when a config does not say. */
export const DEFAULT_SURFACE_STEPS = 300;
/** The most steps a config may ask for (the cost grows with runs x steps). */
export const MAX_SURFACE_STEPS = 10_000;
/** The most runs on one surface (one colour each). */
export const MAX_SURFACE_RUNS = 16;
/**
 * A run "explodes" (and stops) once θ is further than this many view-box half-diagonals from
 * the view's centre: long before float32 overflows, and far past anything the picture shows.
 */
export const EXPLODING_DISTANCE = 100;
/** Run-steps per streamed message by default (~10-20 ms of work on TF.js's cpu backend). */
export const RUN_STEPS_PER_MESSAGE = 512;
/** Fewest steps per message, so that a single run does not send a message per step or two. */
export const MIN_STEPS_PER_MESSAGE = 8;
