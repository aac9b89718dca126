/**
 * A Content-Security-Policy whose script-src lacks 'wasm-unsafe-eval' (or 'unsafe-eval')
 * forbids compiling any WebAssembly. TF.js then only logs warnings and setBackend('wasm')
 * returns false, which says nothing; compiling the smallest valid module first names the
 * cause. The worker takes its policy from the HTTP response that served its script, so this
 * must run inside the worker, where TF.js runs.
 */

/** Why the wasm backend is skipped under such a policy (the lab shows "wasm: " + this). */
export const WASM_CSP_BLOCKED = "blocked by Content-Security-Policy (needs 'wasm-unsafe-eval')";

/** The smallest valid WebAssembly module: the magic "\0asm" and version 1, no sections. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Whether an error from compiling WebAssembly is a CSP refusal. Each engine words it its own
 * way, all naming the policy or the keyword it lacks:
 * Chromium "… violates the following Content Security policy directive because 'unsafe-eval'
 * is not an allowed source of script …" (CompileError), Firefox "call to WebAssembly.compile()
 * blocked by CSP" (CompileError), WebKit "Refused to create a WebAssembly object because
 * 'unsafe-eval' or 'wasm-unsafe-eval' is not an allowed source of script …" (EvalError).
 */
export function isCspWasmBlock(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /content security policy|\bCSP\b|unsafe-eval/i.test(message);
}

/** WASM_CSP_BLOCKED when this context's policy forbids compiling WebAssembly, else null. */
export async function whyWasmCannotCompile(): Promise<string | null> {
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return null;
  } catch (error) {
    // Any other failure is left for TF.js to meet and report in its own words.
    return isCspWasmBlock(error) ? WASM_CSP_BLOCKED : null;
  }
}
