/** The lab's public state and event payloads (typed in GlobalEventHandlersEventMap by index.ts). */
import type { RunSnapshot } from './run-tracker.js';
import type { LabAttribute } from './attributes.js';

export type LabState = 'idle' | 'training' | 'paused' | 'done' | 'error';

/** `optim-progress`: one event per run per progress batch, with that run's latest values. */
export interface OptimProgressDetail {
  /** 0-based position of the run in the lab. */
  run: number;
  runId: string;
  label: string;
  /** Optimizer steps taken. */
  step: number;
  /** Fractional epochs completed. */
  epoch: number;
  /** Latest mini-batch loss. */
  loss: number;
  /** The lr the latest step used. */
  lr: number;
  status: RunSnapshot['status'];
}

export interface OptimEndDetail {
  runs: RunSnapshot[];
}

export interface OptimErrorDetail {
  message: string;
  /** The attribute to fix, when an attribute caused it. */
  attribute?: LabAttribute;
}

export interface LabEventDetails {
  'optim-progress': OptimProgressDetail;
  'optim-end': OptimEndDetail;
  'optim-error': OptimErrorDetail;
}

/** The lab's events bubble and cross shadow roots, so a page can listen on document. */
export function labEvent<K extends keyof LabEventDetails>(type: K, detail: LabEventDetails[K]) {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
