import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import '../../components/scheduler-editor/index';
import type { SchedulerEditor } from '../../components/scheduler-editor/index';
import { parseSchedulerConfig } from '../../src/schedule/index';
import type { SchedulerConfigInput } from '../../src/protocol/horizon';
import type { SchedulerConfig } from '../../src/schedule/types';

let el: SchedulerEditor;
let events: { type: string; value: SchedulerConfigInput }[];

async function mount(value: SchedulerConfig, steps = 100, baseLr = 0.1): Promise<SchedulerEditor> {
  el?.remove();
  el = document.createElement('scheduler-editor');
  el.value = value;
  el.steps = steps;
  el.baseLr = baseLr;
  events = [];
  for (const type of ['input', 'change']) {
    el.addEventListener(type, (e) => {
      events.push({
        type: e.target === el ? type : `leaked-${type}`,
        value: structuredClone(el.value),
      });
    });
  }
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLInputElement>(
  selector: string,
  root: ParentNode = el.shadowRoot!,
) => root.querySelector<T>(selector)!;
const changes = () => events.filter((e) => e.type === 'change');

async function typeInto(
  input: HTMLInputElement,
  text: string,
  host: { updateComplete: Promise<boolean> } = el,
) {
  input.focus();
  await userEvent.keyboard('{Control>}a{/Control}');
  await userEvent.keyboard(text === '' ? '{Backspace}' : text);
  await userEvent.keyboard('{Enter}');
  await host.updateComplete;
  await el.updateComplete;
}

afterEach(() => el?.remove());

// Every type, with options moved off PyTorch's defaults so the round trip means something.
const SAMPLES: readonly SchedulerConfig[] = [
  { type: 'None' },
  { type: 'StepLR', stepSize: 30, gamma: 0.5 },
  { type: 'MultiStepLR', milestones: [30, 60, 90], gamma: 0.2 },
  { type: 'ExponentialLR', gamma: 0.97 },
  { type: 'MultiplicativeLR', lrLambda: '0.98' },
  { type: 'LambdaLR', lrLambda: '1 / (1 + 0.1 * epoch)' },
  { type: 'LinearLR', startFactor: 0.25, endFactor: 0.75, totalIters: 20 },
  { type: 'ConstantLR', factor: 0.5, totalIters: 10 },
  { type: 'CosineAnnealingLR', tMax: 50, etaMin: 1e-4 },
  { type: 'CosineAnnealingWarmRestarts', t0: 10, tMult: 2, etaMin: 1e-5 },
  { type: 'PolynomialLR', totalIters: 80, power: 2 },
  {
    type: 'CyclicLR',
    baseLr: 1e-3,
    maxLr: 0.1,
    stepSizeUp: 10,
    stepSizeDown: 20,
    mode: 'triangular2',
    gamma: 0.99,
    cycleMomentum: false,
    baseMomentum: 0.7,
    maxMomentum: 0.95,
  },
  {
    type: 'OneCycleLR',
    maxLr: 0.5,
    totalSteps: 100,
    pctStart: 0.25,
    annealStrategy: 'linear',
    cycleMomentum: false,
    baseMomentum: 0.8,
    maxMomentum: 0.9,
    divFactor: 10,
    finalDivFactor: 100,
    threePhase: true,
  },
  {
    type: 'SequentialLR',
    schedulers: [
      { type: 'LinearLR', startFactor: 0.2, totalIters: 5 },
      { type: 'CosineAnnealingLR', tMax: 95 },
    ],
    milestones: [5],
  },
  {
    type: 'ReduceLROnPlateau',
    mode: 'max',
    factor: 0.5,
    patience: 3,
    threshold: 0.01,
    thresholdMode: 'abs',
    cooldown: 2,
    minLr: 1e-5,
    eps: 1e-9,
  },
  { type: 'SWALR', swaLr: 0.05, annealEpochs: 5, annealStrategy: 'linear' },
];
const sample = (type: SchedulerConfig['type']) => SAMPLES.find((s) => s.type === type)!;
const byType = SAMPLES.map((s) => [s.type, s] as const);

describe('<scheduler-editor> accessibility', () => {
  it.each(byType)('%s has no axe violations', async (_t, config) => {
    await mount(config);
    const result = await axe.run(el);
    expect(result.violations.map((v) => [v.id, v.nodes.map((n) => n.html)])).toEqual([]);
  });

  it('has no axe violations with an expression error and a milestone error shown', async () => {
    await mount(sample('LambdaLR'));
    await typeInto($('#sch-lrLambda'), '0.9 ** epch');
    expect((await axe.run(el)).violations).toEqual([]);
    await mount(sample('MultiStepLR'));
    await typeInto($('#sch-milestones-1'), '10');
    expect((await axe.run(el)).violations).toEqual([]);
  });
});

describe('<scheduler-editor> value <-> form', () => {
  it.each(byType.filter(([t]) => t !== 'SequentialLR'))(
    '%s: shows and returns the config it was given',
    async (_t, config) => {
      await mount(config);
      expect(el.value).toEqual(config);
      for (const [key, v] of Object.entries(config)) {
        if (key === 'type') continue;
        if (key === 'milestones') {
          const boxes = [
            ...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="list-item"] input'),
          ];
          expect(boxes.map((b) => b.value)).toEqual((v as number[]).map(String));
        } else if (typeof v === 'boolean') {
          expect($(`#sch-${key}`).checked, key).toBe(v);
        } else {
          expect($(`#sch-${key}`).value, key).toBe(String(v));
        }
      }
    },
  );

  it('SequentialLR shows warm-up kind, length, factor and the main scheduler', async () => {
    const config = sample('SequentialLR');
    await mount(config);
    expect(el.value).toEqual(config);
    expect($<HTMLSelectElement>('#sch-warmup-kind').value).toBe('LinearLR');
    expect($('#sch-warmup-length').value).toBe('5');
    expect($('#sch-warmup-factor').value).toBe('0.2');
    const main = $<SchedulerEditor>('scheduler-editor');
    expect(main.value).toEqual({ type: 'CosineAnnealingLR', tMax: 95 });
    // The main scheduler's horizon is what is left after the warm-up.
    expect(main.steps).toBe(95);
  });

  it('shows PyTorch defaults for options left out', async () => {
    await mount({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 });
    expect($('#sch-pctStart').value).toBe('0.3');
    expect($('#sch-divFactor').value).toBe('25');
    expect($('#sch-finalDivFactor').value).toBe('10000');
    expect($<HTMLSelectElement>('#sch-annealStrategy').value).toBe('cos');
    expect($('#sch-cycleMomentum').checked).toBe(true);
    await mount({ type: 'ReduceLROnPlateau' });
    expect($('#sch-patience').value).toBe('10');
    expect($('#sch-factor').value).toBe('0.1');
    expect($('#sch-threshold').value).toBe('0.0001');
  });

  const EDITS: readonly [SchedulerConfig['type'], string, string, Record<string, unknown>][] = [
    ['StepLR', 'stepSize', '25', { stepSize: 25 }],
    ['MultiStepLR', 'milestones-1', '70', { milestones: [30, 70, 90] }],
    ['ExponentialLR', 'gamma', '0.9', { gamma: 0.9 }],
    ['MultiplicativeLR', 'lrLambda', '0.95', { lrLambda: '0.95' }],
    ['LambdaLR', 'lrLambda', '0.9 ** epoch', { lrLambda: '0.9 ** epoch' }],
    ['LinearLR', 'totalIters', '30', { totalIters: 30 }],
    ['ConstantLR', 'factor', '0.25', { factor: 0.25 }],
    ['CosineAnnealingLR', 'tMax', '60', { tMax: 60 }],
    ['CosineAnnealingWarmRestarts', 'tMult', '3', { tMult: 3 }],
    ['PolynomialLR', 'power', '1.5', { power: 1.5 }],
    ['CyclicLR', 'maxLr', '0.2', { maxLr: 0.2 }],
    ['OneCycleLR', 'pctStart', '0.4', { pctStart: 0.4 }],
    ['ReduceLROnPlateau', 'patience', '5', { patience: 5 }],
    ['SWALR', 'annealEpochs', '3', { annealEpochs: 3 }],
  ];
  it.each(EDITS)(
    '%s: typing %s = %s fires change with the edited config',
    async (type, id, text, patch) => {
      await mount(sample(type));
      await typeInto($(`#sch-${id}`), text);
      const expected = { ...sample(type), ...patch };
      expect(changes()).toEqual([{ type: 'change', value: expected }]);
      expect(el.value).toEqual(expected);
      expect(events.some((e) => e.type.startsWith('leaked'))).toBe(false);
    },
  );

  it('SequentialLR: warm-up length sets both the milestone and the warm-up totalIters', async () => {
    await mount(sample('SequentialLR'));
    await typeInto($('#sch-warmup-length'), '10');
    expect(changes()).toEqual([
      {
        type: 'change',
        value: {
          type: 'SequentialLR',
          schedulers: [
            { type: 'LinearLR', startFactor: 0.2, totalIters: 10 },
            { type: 'CosineAnnealingLR', tMax: 95 },
          ],
          milestones: [10],
        },
      },
    ]);
  });

  it('SequentialLR: switching the warm-up to ConstantLR keeps length and factor', async () => {
    await mount(sample('SequentialLR'));
    await userEvent.selectOptions($<HTMLSelectElement>('#sch-warmup-kind'), 'ConstantLR');
    await el.updateComplete;
    expect(el.value).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'ConstantLR', factor: 0.2, totalIters: 5 },
        { type: 'CosineAnnealingLR', tMax: 95 },
      ],
      milestones: [5],
    });
    expect(changes()).toHaveLength(1);
  });

  it('SequentialLR: editing the main scheduler updates schedulers[1], one change on the host', async () => {
    await mount(sample('SequentialLR'));
    const main = $<SchedulerEditor>('scheduler-editor');
    const menu = [...main.shadowRoot!.querySelectorAll('option')].map((o) => o.value);
    expect(menu).not.toContain('ReduceLROnPlateau');
    expect(menu).not.toContain('SequentialLR');
    expect(menu).not.toContain('None');
    await typeInto($('#sch-etaMin', main.shadowRoot!), '0.001', main);
    expect(changes()).toEqual([
      {
        type: 'change',
        value: {
          type: 'SequentialLR',
          schedulers: [
            { type: 'LinearLR', startFactor: 0.2, totalIters: 5 },
            { type: 'CosineAnnealingLR', tMax: 95, etaMin: 0.001 },
          ],
          milestones: [5],
        },
      },
    ]);
  });

  it('choosing a type starts from a config sized to steps and baseLr', async () => {
    await mount({ type: 'None' }, 200, 0.05);
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'OneCycleLR');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'OneCycleLR', maxLr: 0.05, totalSteps: 200 });
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'CosineAnnealingLR');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'CosineAnnealingLR', tMax: 200 });
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'SequentialLR');
    await el.updateComplete;
    // Warm-up: a tenth of 200 steps; the cosine covers the remaining 180.
    expect(el.value).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.1, totalIters: 20 },
        { type: 'CosineAnnealingLR', tMax: 180 },
      ],
      milestones: [20],
    });
    expect(changes()).toHaveLength(3);
  });

  it('feeds the live preview <lr-curve> with the config, baseLr and steps', async () => {
    await mount(sample('StepLR'), 120, 0.02);
    const curve = $<HTMLElementTagNameMap['lr-curve']>('lr-curve');
    expect(curve.schedule).toEqual(sample('StepLR'));
    expect(curve.steps).toBe(120);
    expect(curve.baseLr).toBe(0.02);
    await typeInto($('#sch-gamma'), '0.3');
    expect(curve.schedule).toEqual({ ...sample('StepLR'), gamma: 0.3 });
  });

  it('shows know-how for the scheduler', async () => {
    await mount(sample('OneCycleLR'));
    expect($('[part~="tips"]').textContent).toContain('stepped every batch');
    await mount(sample('ReduceLROnPlateau'));
    expect($('[part~="tips"]').textContent).toContain('watches the validation loss');
  });
});

describe('<scheduler-editor> milestones list', () => {
  it('adds a milestone a tenth of the horizon after the last and focuses it', async () => {
    await mount(sample('MultiStepLR'));
    $<HTMLButtonElement>('[part~="add-button"]').focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'MultiStepLR', milestones: [30, 60, 90, 100], gamma: 0.2 });
    expect(el.shadowRoot!.activeElement?.id).toBe('sch-milestones-3');
    expect(changes()).toHaveLength(1);
  });

  it('removes a milestone with its button', async () => {
    await mount(sample('MultiStepLR'));
    const remove = $<HTMLButtonElement>('button[aria-label="Remove milestone 1"]');
    await userEvent.click(remove);
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'MultiStepLR', milestones: [60, 90], gamma: 0.2 });
    expect(changes()).toHaveLength(1);
  });

  it('a milestone that breaks the order is refused with a message naming milestones', async () => {
    await mount(sample('MultiStepLR'));
    await typeInto($('#sch-milestones-1'), '100');
    const message = $('#sch-milestones-error').textContent!;
    expect(message).toContain('milestones');
    expect(message).toContain('increasing');
    expect($('#sch-milestones-1').getAttribute('aria-invalid')).toBe('true');
    expect($('#sch-milestones-1').value).toBe('100');
    expect(el.value).toEqual(sample('MultiStepLR'));
    expect(changes()).toEqual([]);
  });
});

describe('<scheduler-editor> invalid entries', () => {
  it.each([
    ['StepLR', 'gamma', '-1', 'gamma', '> 0'],
    ['StepLR', 'stepSize', '2.5', 'stepSize', 'integer >= 1'],
    ['StepLR', 'stepSize', 'abc', 'stepSize', 'must be a number'],
    ['OneCycleLR', 'pctStart', '1.5', 'pctStart', '[0, 1]'],
    ['ReduceLROnPlateau', 'factor', '1', 'factor', '[0, 1)'],
    ['SequentialLR', 'warmup-length', '0', 'milestones', 'integer'],
  ] as const)(
    '%s %s = "%s": names %s and says %s; no change',
    async (type, id, text, field, allowed) => {
      await mount(sample(type));
      const box = $(`#sch-${id}`);
      await typeInto(box, text);
      await userEvent.keyboard('{Tab}');
      await el.updateComplete;
      expect(box.getAttribute('aria-invalid')).toBe('true');
      const message = $(`#${box.getAttribute('aria-describedby')}`).textContent!;
      expect(message).toContain(field);
      expect(message).toContain(allowed);
      expect(changes()).toEqual([]);
      // `value` may hold a valid prefix typed on the way ("2" of "2.5"), never the bad entry.
      expect(() => parseSchedulerConfig(el.value)).not.toThrow();
    },
  );

  it('an empty stepSizeDown means "same as stepSizeUp" and drops the key', async () => {
    await mount(sample('CyclicLR'));
    await typeInto($('#sch-stepSizeDown'), '');
    const { stepSizeDown: _dropped, ...rest } = sample('CyclicLR') as unknown as Record<
      string,
      unknown
    >;
    expect(changes()).toEqual([{ type: 'change', value: rest }]);
  });

  it('a config set from outside that is invalid says so', async () => {
    await mount({ type: 'StepLR', stepSize: 0 });
    expect($('[part~="error"]').textContent).toContain('stepSize');
  });
});

describe('<scheduler-editor follow-steps>: lengths that follow the training', () => {
  async function following(value: SchedulerConfigInput, steps = 200) {
    await mount({ type: 'None' }, steps, 0.05);
    el.followSteps = true;
    el.value = value;
    await el.updateComplete;
  }

  it('a type chosen leaves its length out; the preview spans steps', async () => {
    await following({ type: 'None' });
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'OneCycleLR');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'OneCycleLR', maxLr: 0.05 });
    const curve = $<HTMLElementTagNameMap['lr-curve']>('lr-curve');
    expect(curve.schedule).toEqual({ type: 'OneCycleLR', maxLr: 0.05, totalSteps: 200 });
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'PolynomialLR');
    await el.updateComplete;
    // PolynomialLR's totalIters follows too (not torch's default of 5).
    expect(el.value).toEqual({ type: 'PolynomialLR' });
    expect($('#sch-totalIters').value).toBe('');
    expect(curve.schedule).toEqual({ type: 'PolynomialLR', totalIters: 200 });
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'SequentialLR');
    await el.updateComplete;
    // The cosine after the 20-step warm-up follows the 180 steps after it.
    expect(el.value).toEqual({
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.1, totalIters: 20 },
        { type: 'CosineAnnealingLR' },
      ],
      milestones: [20],
    });
    const main = $<SchedulerEditor>('scheduler-editor');
    expect(main.followSteps).toBe(true);
    expect(main.steps).toBe(180);
    await main.updateComplete;
    expect($('#sch-tMax', main.shadowRoot!).placeholder).toBe('180');
    expect(changes().map((c) => c.value.type)).toEqual([
      'OneCycleLR',
      'PolynomialLR',
      'SequentialLR',
    ]);
  });

  it('says what the empty length is; a number fixes it, emptying it follows again', async () => {
    await following({ type: 'CosineAnnealingLR' }, 120);
    const box = $('#sch-tMax');
    expect(box.value).toBe('');
    expect(box.placeholder).toBe('120');
    const hint = () => $('#sch-tMax-hint').textContent;
    expect(hint()).toBe('Follows the training length, now 120 steps. A number fixes it.');
    expect(box.getAttribute('aria-describedby')).toBe('sch-tMax-hint');
    expect((await axe.run(el)).violations).toEqual([]);
    await typeInto(box, '30');
    expect(el.value).toEqual({ type: 'CosineAnnealingLR', tMax: 30 });
    expect(hint()).toBe('Empty follows the training length (now 120 steps).');
    await typeInto(box, '');
    expect(el.value).toEqual({ type: 'CosineAnnealingLR' });
    expect(changes().map((c) => c.value)).toEqual([
      { type: 'CosineAnnealingLR', tMax: 30 },
      { type: 'CosineAnnealingLR' },
    ]);
    // A wrong length is still refused, naming it.
    await typeInto(box, '0');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect($('#sch-tMax-error').textContent).toContain('tMax');
    expect(changes()).toHaveLength(2);
  });

  it('without follow-steps a length is required, as the schema says', async () => {
    await mount({ type: 'OneCycleLR', maxLr: 0.1 } as unknown as SchedulerConfig);
    expect($('[part~="error"]').textContent).toContain('totalSteps');
    await mount(sample('OneCycleLR'));
    await typeInto($('#sch-totalSteps'), '');
    expect($('#sch-totalSteps').getAttribute('aria-invalid')).toBe('true');
    expect(changes()).toEqual([]);
  });
});

describe('<scheduler-editor> lrLambda expression box', () => {
  // "0.95 ** " is 8 characters, so the unknown name "epch" starts at (1-based) column 9.
  it('an unknown name puts the caret under its first letter', async () => {
    await mount(sample('LambdaLR'));
    await typeInto($('#sch-lrLambda'), '0.95 ** epch');
    const caret = $<HTMLPreElement>('[part~="caret"]').textContent!.split('\n');
    expect(caret[0]).toBe('0.95 ** epch');
    expect(caret[1]).toBe(`${' '.repeat(8)}^`);
    const message = $('#sch-lrLambda-error').textContent!;
    expect(message).toContain('epch');
    expect(message).toContain('column 9');
    expect($('#sch-lrLambda').getAttribute('aria-invalid')).toBe('true');
    expect(changes()).toEqual([]);
  });

  // "2 * " is 4 characters: the stray "$" is at column 5.
  it('a stray character is pointed at', async () => {
    await mount(sample('MultiplicativeLR'));
    await typeInto($('#sch-lrLambda'), '2 * $');
    expect($<HTMLPreElement>('[part~="caret"]').textContent!.split('\n')[1]).toBe('    ^');
    expect(changes()).toEqual([]);
  });

  it('fixing the expression clears the caret and commits', async () => {
    await mount(sample('LambdaLR'));
    await typeInto($('#sch-lrLambda'), '0.95 ** epch');
    await typeInto($('#sch-lrLambda'), '0.95 ** epoch');
    expect($('[part~="caret"]')).toBeNull();
    expect(changes()).toEqual([
      { type: 'change', value: { type: 'LambdaLR', lrLambda: '0.95 ** epoch' } },
    ]);
  });
});

describe('<scheduler-editor> layout', () => {
  it('fits a 360 px wide column without sideways scrolling', async () => {
    for (const config of SAMPLES) {
      await mount(config);
      el.style.width = '360px';
      await el.updateComplete;
      // <lr-curve> sizes its SVG from a ResizeObserver: let it see the new width.
      const curve = $<HTMLElementTagNameMap['lr-curve']>('lr-curve');
      await expect
        .poll(async () => {
          await curve?.updateComplete;
          return $<HTMLElement>('[part="base"]').scrollWidth;
        })
        .toBeLessThanOrEqual(360);
    }
  });
});

describe('<scheduler-editor> keyboard', () => {
  it('Tab reaches every control of the form in order', async () => {
    await mount(sample('CyclicLR'));
    const controls = [...el.shadowRoot!.querySelectorAll('input, select, button')].map((c) => c.id);
    $<HTMLSelectElement>('#type').focus();
    const reached = [el.shadowRoot!.activeElement!.id];
    for (let i = 1; i < controls.length; i++) {
      await userEvent.keyboard('{Tab}');
      reached.push(el.shadowRoot!.activeElement?.id ?? '(left)');
    }
    expect(reached).toEqual(controls);
    expect(controls).toEqual([
      'type',
      'sch-baseLr',
      'sch-maxLr',
      'sch-stepSizeUp',
      'sch-stepSizeDown',
      'sch-mode',
      'sch-gamma',
      'sch-cycleMomentum',
      'sch-baseMomentum',
      'sch-maxMomentum',
    ]);
  });

  it('option selects operate with arrow keys', async () => {
    await mount(sample('CyclicLR'));
    $<HTMLSelectElement>('#sch-mode').focus();
    await userEvent.keyboard('{ArrowDown}');
    await el.updateComplete;
    expect(changes()).toEqual([
      { type: 'change', value: { ...sample('CyclicLR'), mode: 'exp_range' } },
    ]);
  });

  it('the scheduler select operates with arrow keys', async () => {
    await mount({ type: 'StepLR', stepSize: 10 });
    $<HTMLSelectElement>('#type').focus();
    await userEvent.keyboard('{ArrowDown}');
    await el.updateComplete;
    expect(el.value.type).toBe('MultiStepLR');
    expect(changes()).toHaveLength(1);
  });

  it('toggles operate with Space', async () => {
    await mount(sample('OneCycleLR'));
    $('#sch-threePhase').focus();
    await userEvent.keyboard(' ');
    await el.updateComplete;
    expect(changes()).toEqual([
      { type: 'change', value: { ...sample('OneCycleLR'), threePhase: false } },
    ]);
  });
});
