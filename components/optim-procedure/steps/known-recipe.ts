/** Step 1: start from a published recipe, and train it. */
import { html } from 'lit';
import { choiceGroup } from '../choices';
import { PRESETS, presetById } from '../presets';
import type { Preset } from '../presets';
import type { ProcedureHost, StepDefinition } from '../step-host';

function presetRun(host: ProcedureHost, preset: Preset) {
  return { ...preset.run(host.horizon), id: `preset-${preset.id}`, label: preset.name };
}

export const knownRecipe: StepDefinition = {
  title: 'Start from a known recipe',
  knowHow:
    'For a well-known architecture, someone has already published how to train it: start from that procedure rather than from nothing. Optimizers and schedules carry over well from one problem to another; the learning rate seldom does, because it was tuned for another model and other data.',
  lookFor:
    'Does the validation loss (dashed) follow the training loss down, or stall? Can you see the schedule at work, such as the drop at each MultiStepLR milestone? A recipe far from 100 % here was tuned for another problem, and the next steps tune it.',
  render(host) {
    const chosen = host.choices.preset;
    const pick = (preset: Preset) => {
      host.choose({ preset: preset.id });
      host.adopt(presetRun(host, preset), `the ${preset.name} preset`);
    };
    const current = PRESETS.find((p) => p.id === chosen) ?? PRESETS[0];
    return html`
      ${choiceGroup({
        name: 'preset',
        legend: 'Published recipe',
        part: 'presets',
        choices: PRESETS.map((preset) => ({
          value: preset.id,
          label: preset.name,
          hint: html`${preset.summary} <cite>${preset.source}</cite>`,
        })),
        checked: chosen,
        onChange: (id) => pick(presetById(id)),
      })}
      ${host.lab([presetRun(host, current)])} ${host.ranking()}
    `;
  },
};
