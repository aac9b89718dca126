/**
 * A step's lab: an <optim-lab> given the step's runs on the recipe's problem, its setup
 * (dataset, model, training length) hidden because the procedure fixes the problem, and its
 * own LR finder, ranking and PyTorch button hidden because the step has its own. The config
 * object is kept while its content is the same: a new object would make the lab start over.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { BackendPreference } from '../../src/backend/types';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import '../optim-lab/index';
import type { OptimEndDetail, OptimLab } from '../optim-lab/index';
import { outcomeOf } from './outcome';
import type { StepOutcome } from './outcome';

/** What a step's lab leaves out: the procedure shows these itself, or fixes them. */
export const STEP_LAB_HIDE = 'dataset model training lr-finder ranking pytorch edit-data share';

/** One stable config object per key, replaced only when its content changes. */
export class StableConfigs {
  private readonly configs = new Map<string, { json: string; config: ExperimentConfigInput }>();

  get(key: string, config: ExperimentConfigInput): ExperimentConfigInput {
    const json = JSON.stringify(config);
    const kept = this.configs.get(key);
    if (kept?.json === json) return kept.config;
    this.configs.set(key, { json, config });
    return config;
  }
}

export interface StepLabOptions {
  config: ExperimentConfigInput;
  backend: BackendPreference;
  /** The lab trained to its end: what it trained, ranked. */
  onOutcome: (outcome: StepOutcome) => void;
}

export function stepLab(o: StepLabOptions): TemplateResult {
  const ended = (event: CustomEvent<OptimEndDetail>) => {
    const lab = event.currentTarget as OptimLab;
    o.onOutcome(outcomeOf(lab.experiment.runs, event.detail.runs, lab.lossHistory));
  };
  return html`<optim-lab
    part="lab"
    .config=${o.config}
    backend=${o.backend}
    hide=${STEP_LAB_HIDE}
    @optim-end=${ended}
  ></optim-lab>`;
}
