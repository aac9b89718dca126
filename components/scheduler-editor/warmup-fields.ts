/**
 * SequentialLR shown as "warm-up, then one scheduler": the warm-up's kind, length and factor,
 * and a nested <scheduler-editor> for the main scheduler. A SequentialLR of another shape is
 * shown as written.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { schedulerDefaults } from '../../src/schedule/index';
import type { SchedulerConfigInput } from '../../src/protocol/horizon';
import { choiceField, numberField } from '../shared/form-controls';
import { formatNumber } from '../shared/number-rule';
import { WARMUP_KINDS } from './catalog';
import type { WarmupKind, WarmupShape } from './catalog';

export interface WarmupFieldsOptions {
  shape: WarmupShape | undefined;
  value: SchedulerConfigInput;
  drafts: Readonly<Record<string, string>>;
  errors: Readonly<Record<string, string>>;
  steps: number;
  /** The main scheduler's length may follow the steps after the warm-up. */
  followSteps: boolean;
  baseLr: number;
  onKind: (kind: WarmupKind) => void;
  onNumber: (key: 'length' | 'factor', raw: string, commit: boolean) => void;
  onMain: (event: Event, commit: boolean) => void;
}

export function warmupFields(o: WarmupFieldsOptions): TemplateResult {
  const shape = o.shape;
  if (!shape) {
    return html`<p part="hint" class="hint">
        This SequentialLR is not of the form "warm-up, then one scheduler", so it is shown as
        written and can be replaced by choosing a scheduler above.
      </p>
      <pre part="config" class="config" tabindex="0">${JSON.stringify(o.value, null, 2)}</pre>`;
  }
  const linear = shape.kind === 'LinearLR';
  const factorDefault = schedulerDefaults(shape.kind) as Record<string, unknown>;
  const factor = shape.factor ?? (factorDefault[linear ? 'startFactor' : 'factor'] as number);
  return html`<fieldset part="warmup" class="warmup">
      <legend>Warm-up</legend>
      <div class="grid">
        ${choiceField({
          id: 'sch-warmup-kind',
          label: 'Kind',
          value: shape.kind,
          options: WARMUP_KINDS.map((k) => ({
            value: k,
            label: k === 'LinearLR' ? 'Linear ramp (LinearLR)' : 'Constant factor (ConstantLR)',
          })),
          onChange: (kind) => o.onKind(kind as WarmupKind),
        })}
        ${numberField({
          id: 'sch-warmup-length',
          label: 'Warm-up steps',
          text: o.drafts['warmup-length'] ?? String(shape.length),
          error: o.errors['warmup-length'],
          onInput: (raw) => o.onNumber('length', raw, false),
          onCommit: (raw) => o.onNumber('length', raw, true),
        })}
        ${numberField({
          id: 'sch-warmup-factor',
          label: linear ? 'Start factor (startFactor)' : 'Factor (factor)',
          text: o.drafts['warmup-factor'] ?? formatNumber(factor),
          error: o.errors['warmup-factor'],
          onInput: (raw) => o.onNumber('factor', raw, false),
          onCommit: (raw) => o.onNumber('factor', raw, true),
        })}
      </div>
    </fieldset>
    <fieldset part="main" class="main">
      <legend>then</legend>
      <scheduler-editor
        nested
        ?follow-steps=${o.followSteps}
        label="Main scheduler"
        .value=${shape.main}
        .steps=${Math.max(1, o.steps - shape.length)}
        .baseLr=${o.baseLr}
        @input=${(e: Event) => o.onMain(e, false)}
        @change=${(e: Event) => o.onMain(e, true)}
      ></scheduler-editor>
    </fieldset>
    ${
      o.errors.main
        ? html`<p class="error" part="error" role="alert">${o.errors.main}</p>`
        : nothing
    }`;
}
