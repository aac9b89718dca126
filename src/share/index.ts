/** Shareable labs and procedures: an element's state as a link (URL fragment) or JSON, and back (TF-free). */
export { MAX_STATE_BYTES } from './bytes';
export { ShareError } from './errors';
export type { ShareErrorReason } from './errors';
export {
  FRAGMENT_KEY,
  readShareFragment,
  restoreLabState,
  shareKey,
  shareLink,
  writeShareFragment,
} from './fragment';
export {
  SHARE_KINDS,
  SHARE_VERSION,
  STATE_MARKER,
  labStateFromJson,
  labStateToJson,
} from './state';
export type { JsonValue, LabState, ShareKind, UiState } from './state';
export { decodeLabState, encodeLabState } from './token';
