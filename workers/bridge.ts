/**
 * Generates an API's pass-through methods from its list of method names, as Squoosh's worker
 * bridge does: the worker's service and the page's client each declare the forwarded methods
 * as a type (`interface X extends Pick<TrainerApi, ForwardedMethod> {}`) and install them
 * here with the one thing that differs, how a call is passed on. Hand-written methods stay
 * for the calls that behave differently (see HandWrittenMethod in src/protocol/api.ts).
 */

/** Passes one call on; `args` are the caller's, as given. */
export type Forward<Self, Method extends string> = (
  self: Self,
  method: Method,
  args: unknown[],
) => Promise<unknown>;

/** Puts one method per name on `prototype`, each calling `forward(this, name, args)`. */
export function installForwarders<Self, Method extends string>(
  prototype: Self,
  methods: readonly Method[],
  forward: Forward<Self, Method>,
): void {
  for (const method of methods) {
    Object.defineProperty(prototype, method, {
      configurable: true,
      writable: true,
      // A named function expression: stack traces and devtools show the method's name.
      value: {
        [method](this: Self, ...args: unknown[]) {
          return forward(this, method, args);
        },
      }[method],
    });
  }
}

/**
 * Calls `target[method](...args)` on an object known to have that method. Reflect.apply, not
 * `fn.apply`: on a comlink proxy `fn.apply` would be one more remote property, not a call.
 */
export function invoke(target: object, method: string, args: unknown[]): Promise<unknown> {
  const fn = (target as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
  return Reflect.apply(fn, target, args);
}
