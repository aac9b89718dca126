/** The lab's public state and event payloads (typed in OptimEventDetails by index.ts). */
import type { ExperimentState } from '../controllers/experiment-controller';
import type { RunSnapshot } from './run-tracker';
import type { LabAttribute } from './attributes';
import type { OptimErrorDetail as BaseOptimErrorDetail } from '../shared/optim-element';

/** 'idle' | 'training' | 'paused' | 'done' | 'error': the experiment's state. */
export type LabState = ExperimentState;

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

/**
 * `optim-error` from the lab: `attribute` is one of the lab's attributes (`share`: the state
 * in the page's link could not be used).
 */
export type OptimErrorDetail = BaseOptimErrorDetail<LabAttribute | 'share'>;
