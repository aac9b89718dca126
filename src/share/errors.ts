/**
 * Why a shared lab state could not be read. A state whose config is invalid is not a
 * ShareError: it is the project's ConfigError, naming the field as the config writes it.
 */
export type ShareErrorReason =
  /**
   * Not this element's state (no `v1.` prefix, no `optim-lab` / `optim-procedure` marker, no
   * entry for the element, or another kind of element's state).
   */
  | 'format'
  /** A state format this code does not read (made by a newer optim-lab). */
  | 'version'
  /** The link's payload is not base64url. */
  | 'base64'
  /** The payload does not inflate (cut short, or changed). */
  | 'deflate'
  /** The text is not JSON. */
  | 'json'
  /** JSON, but not shaped like a lab state (`config` not an object, `ui` not JSON data). */
  | 'shape'
  /** Larger than a lab state may be (MAX_STATE_BYTES). */
  | 'size';

export class ShareError extends Error {
  constructor(
    readonly reason: ShareErrorReason,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ShareError';
  }
}
