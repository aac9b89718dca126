// The one place that knows how to launch the system Chromium: Vitest browser mode, the
// benchmark and the end-to-end scripts all import it, so the flags never drift apart.
import { existsSync } from 'node:fs';

const candidates = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export function chromiumPath() {
  const override = process.env.CHROME_PATH;
  if (override) return override;
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No system Chromium found. Install it (apt-get install -y chromium) or set CHROME_PATH.',
    );
  }
  return found;
}

/**
 * Flags that give headless Chromium a WebGPU adapter (SwiftShader) with no GPU and no network,
 * and `gc()` on every page and worker (--expose-gc) so that tests can check that what a page
 * let go of is really collected. The flag only adds the function: V8 collects as before.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--js-flags=--expose-gc',
];
