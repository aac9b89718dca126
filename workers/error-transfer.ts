/**
 * Lets a ConfigError thrown in the worker arrive on the page as a ConfigError, `path`,
 * `detail` and `others` intact (comlink alone sends any Error as a plain Error with its
 * message, so the page would have to split the message again). An ExpressionError (a bad
 * lrLambda) keeps its class and column too.
 *
 * Comlink serialises a throw through its `throw` transfer handler; this replaces that handler
 * with one that handles ConfigErrors itself and hands everything else to the original. Both
 * sides install it: the worker entry (to send) and the client (to receive).
 */
import * as Comlink from 'comlink';
import type { ConfigProblem } from '../src/protocol/validation';
import { ConfigError } from '../src/protocol/validation';
import { ExpressionError } from '../src/schedule/expr/errors';

interface WireConfigError extends ConfigProblem {
  name: string;
  others: ConfigProblem[];
  stack?: string;
  /** ExpressionError's 1-based column. */
  column?: number;
}

interface Wire {
  configError: WireConfigError;
}

function toWire(error: ConfigError): Wire {
  const wire: WireConfigError = {
    name: error.name,
    path: error.path,
    detail: error.detail,
    others: error.others.map(({ path, detail }) => ({ path, detail })),
  };
  if (error.stack !== undefined) wire.stack = error.stack;
  if (error instanceof ExpressionError) wire.column = error.column;
  return { configError: wire };
}

function fromWire(wire: WireConfigError): ConfigError {
  const error =
    wire.name === 'ExpressionError' && typeof wire.column === 'number'
      ? new ExpressionError(wire.detail, wire.column)
      : new ConfigError(wire.path, wire.detail, wire.others);
  error.name = wire.name;
  // The worker's stack says where the config was refused; the page's would only say "here".
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}

function isWire(value: unknown): value is Wire {
  if (typeof value !== 'object' || value === null || !('configError' in value)) return false;
  const wire = (value as Wire).configError;
  return typeof wire?.path === 'string' && typeof wire.detail === 'string';
}

let installed = false;

/** Installs the handler in this realm (page or worker); calling it again does nothing. */
export function transferConfigErrors(): void {
  const original = Comlink.transferHandlers.get('throw');
  if (installed || !original) return;
  installed = true;
  // Same key: the handler keeps its place in comlink's lookup order (right after `proxy`).
  Comlink.transferHandlers.set('throw', {
    canHandle: (value: unknown): value is unknown => original.canHandle(value),
    serialize(thrown: unknown) {
      const { value } = thrown as { value: unknown };
      return value instanceof ConfigError ? [toWire(value), []] : original.serialize(thrown);
    },
    deserialize(serialized: unknown) {
      if (isWire(serialized)) throw fromWire(serialized.configError);
      return original.deserialize(serialized);
    },
  });
}
