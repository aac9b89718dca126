/**
 * Errors as the page sees them. Comlink carries a thrown Error across as its name, message
 * and stack, and anything else that was thrown as-is; `toError` turns whatever arrives back
 * into an Error instance so callers can rely on `instanceof Error` and `.message`. (A
 * ConfigError keeps its class and fields: ./error-transfer.ts.)
 */

/** A worker is gone (crashed, closed itself, or was terminated) and cannot answer. */
export class WorkerGoneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkerGoneError';
  }
}

/** The training worker is gone: what TrainerClient's calls reject with once it died. */
export class TrainerWorkerError extends WorkerGoneError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrainerWorkerError';
  }
}

interface ErrorLike {
  name?: unknown;
  message: unknown;
  stack?: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && 'message' in value;
}

/** An Error instance carrying the worker's name and message, whatever shape it crossed in. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (isErrorLike(value)) {
    const error = new Error(String(value.message));
    if (typeof value.name === 'string') error.name = value.name;
    if (typeof value.stack === 'string') error.stack = value.stack;
    return error;
  }
  return new Error(typeof value === 'string' ? value : `Worker call failed: ${String(value)}`);
}

/**
 * A readable message for a worker `error` event (an ErrorEvent, or a bare Event on load
 * failure); `worker` names it in the sentence, e.g. 'training worker'.
 */
export function describeWorkerErrorEvent(event: Event, worker = 'training worker'): string {
  if (event instanceof ErrorEvent && event.message) {
    const where = event.filename ? ` (${event.filename}:${event.lineno})` : '';
    return `The ${worker} crashed: ${event.message}${where}`;
  }
  return `The ${worker} failed to start or crashed (its script could not be loaded or threw)`;
}
