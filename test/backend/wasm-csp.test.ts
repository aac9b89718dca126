// Telling a CSP refusal of WebAssembly from other failures, in each engine's words (the
// messages as those browsers print them), and the probe in Node, where nothing forbids it.
// test/e2e/strict-csp.test.ts meets the real refusal in Chromium, inside the worker.
import { describe, expect, it } from 'vitest';
import { WASM_CSP_BLOCKED, isCspWasmBlock, whyWasmCannotCompile } from '../../src/backend/wasm-csp';

describe('isCspWasmBlock', () => {
  it.each([
    [
      'Chromium',
      new WebAssembly.CompileError(
        `WebAssembly.instantiate(): Compiling or instantiating WebAssembly module violates the following Content Security policy directive because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: "script-src 'self'".`,
      ),
    ],
    ['Firefox', new WebAssembly.CompileError('call to WebAssembly.compile() blocked by CSP')],
    [
      'WebKit',
      new EvalError(
        `Refused to create a WebAssembly object because 'unsafe-eval' or 'wasm-unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: "script-src 'self'"`,
      ),
    ],
  ])('recognises the refusal as %s words it', (_engine, error) => {
    expect(isCspWasmBlock(error)).toBe(true);
  });

  it('leaves other compile failures alone', () => {
    expect(
      isCspWasmBlock(new WebAssembly.CompileError('WebAssembly.Module(): expected magic word')),
    ).toBe(false);
    expect(isCspWasmBlock(new TypeError('Failed to fetch'))).toBe(false);
    expect(isCspWasmBlock('setBackend returned false')).toBe(false);
  });
});

describe('whyWasmCannotCompile', () => {
  it('finds nothing in the way where WebAssembly may compile', async () => {
    await expect(whyWasmCannotCompile()).resolves.toBeNull();
  });

  it('names the policy and the keyword it needs', () => {
    expect(`wasm: ${WASM_CSP_BLOCKED}`).toBe(
      "wasm: blocked by Content-Security-Policy (needs 'wasm-unsafe-eval')",
    );
  });
});
