import { cdp } from 'vitest/browser';

/**
 * The system clipboard of the test browser, through the Chrome DevTools Protocol: the test
 * iframe may write to the clipboard but not read it, so reading (and granting or refusing
 * permissions) happens on the page's own target, in the browser context Playwright made.
 */
async function contextId(): Promise<string> {
  const { targetInfo } = (await cdp().send('Target.getTargetInfo')) as {
    targetInfo: { browserContextId: string };
  };
  return targetInfo.browserContextId;
}

/** Lets this origin read and write the clipboard (what a person allowing it would do). */
export async function grantClipboard(): Promise<void> {
  await cdp().send('Browser.grantPermissions', {
    browserContextId: await contextId(),
    origin: location.origin,
    permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'],
  });
}

/** Refuses the async Clipboard API's writes (reading stays allowed, for the test to check). */
export async function refuseClipboardWrites(): Promise<void> {
  await grantClipboard();
  await cdp().send('Browser.setPermission', {
    browserContextId: await contextId(),
    origin: location.origin,
    permission: { name: 'clipboard-write' },
    setting: 'denied',
  });
}

export async function resetClipboardPermissions(): Promise<void> {
  await cdp().send('Browser.resetPermissions', { browserContextId: await contextId() });
}

/** Puts `text` on the clipboard from the page (to start from a known content). */
export async function writeClipboard(text: string): Promise<void> {
  await evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
}

export async function readClipboard(): Promise<string> {
  return String(await evaluate('navigator.clipboard.readText()'));
}

async function evaluate(expression: string): Promise<unknown> {
  const { result, exceptionDetails } = (await cdp().send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    userGesture: true,
  })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
  return result.value;
}
