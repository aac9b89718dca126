import { cdp } from 'vitest/browser';

export type ColorScheme = 'light' | 'dark';

/**
 * Makes `prefers-color-scheme` report `scheme` for the test page, through the Chrome
 * DevTools Protocol (Vitest's page API has no emulateMedia). matchMedia listeners fire as
 * they would when a person switches their system theme.
 */
export async function emulateColorScheme(scheme: ColorScheme): Promise<void> {
  await cdp().send('Emulation.setEmulatedMedia', {
    features: [{ name: 'prefers-color-scheme', value: scheme }],
  });
  if (!matchMedia(`(prefers-color-scheme: ${scheme})`).matches) {
    throw new Error(`emulating prefers-color-scheme: ${scheme} did not take effect`);
  }
}

/** Back to the browser's own preference. */
export async function resetColorScheme(): Promise<void> {
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
}
