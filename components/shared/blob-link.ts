/**
 * A download link whose file is made when it is followed: the click handler points the
 * `<a download>` at a fresh blob URL of the text before the browser follows it, so the
 * file is always what the element shows now, and nothing is built until someone asks. One
 * URL is alive at a time; `dispose` revokes it (call it when the element leaves the page).
 */
export class BlobLink {
  private url: string | undefined;

  /** For `@click` on the `<a download>`: points it at `text` (of MIME `type`) now. */
  follow(anchor: HTMLAnchorElement, text: string, type: string): void {
    this.dispose();
    this.url = URL.createObjectURL(new Blob([text], { type }));
    anchor.href = this.url;
  }

  dispose(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = undefined;
  }
}
