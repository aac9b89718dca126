/**
 * Copying a script to the clipboard, with the fallback every browser has: the async
 * Clipboard API first (it needs a secure context and the page's permission, and can be
 * refused); if it is missing or refused, select the text in its field and ask for the old
 * `copy` command; if that is refused too, the text stays selected for the reader's Ctrl+C.
 */

/** How the text was copied: by the Clipboard API, by the selection, or left selected. */
export type CopyOutcome = 'clipboard' | 'selection' | 'selected';

export async function copyText(text: string, field: HTMLTextAreaElement): Promise<CopyOutcome> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return 'clipboard';
    }
  } catch {
    // Refused (permission, no focus, an insecure page): the selection is the way left.
  }
  field.focus();
  field.select();
  try {
    // Deprecated, and still the only copy there is without the Clipboard API.
    if (document.execCommand('copy')) return 'selection';
  } catch {
    // Some browsers throw instead of returning false.
  }
  return 'selected';
}

/** What the status line says after a copy. */
export function copyMessage(outcome: CopyOutcome): string {
  return outcome === 'selected'
    ? 'The script is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.'
    : 'Copied the script to the clipboard.';
}
