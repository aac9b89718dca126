/**
 * Why a shared lab state could not be read. A state whose config is invalid is not a
 * ShareError: it is the project's ConfigError, naming the field as the config writes it.
 */
export type ShareErrorReason =
  /** Not optim-lab state at all (no `v1.` prefix, no `optim-lab` marker, no entry for the lab). */
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
