import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import '../../components/optimizer-picker/index';
import type { OptimizerPicker } from '../../components/optimizer-picker/index';
import type { OptimizerConfig } from '../../src/optim/types';

let el: OptimizerPicker;
let events: { type: string; value: OptimizerConfig }[];

async function mount(value: OptimizerConfig): Promise<OptimizerPicker> {
  el = document.createElement('optimizer-picker');
  el.value = value;
  events = [];
  for (const type of ['input', 'change']) {
    el.addEventListener(type, (e) => {
      // Only the host's own events count: native ones from inside must not leak out.
      if (e.target === el) events.push({ type, value: structuredClone(el.value) });
      else events.push({ type: `leaked-${type}`, value: el.value });
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

/** Focus a box, select all, type, press Enter: real key presses through Playwright. */
async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  await userEvent.keyboard('{Control>}a{/Control}');
  await userEvent.keyboard(text === '' ? '{Backspace}' : text);
  await userEvent.keyboard('{Enter}');
  await el.updateComplete;
}

afterEach(() => el?.remove());

// One config per type with every option moved off PyTorch's default, so a round trip can
// tell "read back what was set" from "read back the defaults".
const SAMPLES: readonly OptimizerConfig[] = [
  {
    type: 'SGD',
    lr: 0.05,
    momentum: 0.8,
    dampening: 0,
    weightDecay: 1e-4,
    nesterov: true,
    maximize: true,
  },
  { type: 'Adam', lr: 3e-4, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.1, amsgrad: true },
  { type: 'AdamW', lr: 2e-3, betas: [0.85, 0.95], eps: 1e-7, weightDecay: 0.05, maximize: true },
  { type: 'NAdam', lr: 1e-3, betas: [0.9, 0.98], eps: 1e-9, momentumDecay: 5e-3 },
  { type: 'RAdam', lr: 5e-3, betas: [0.7, 0.9], weightDecay: 0.01 },
  { type: 'Adamax', lr: 4e-3, eps: 1e-7, betas: [0.5, 0.6] },
  {
    type: 'Adagrad',
    lr: 0.1,
    lrDecay: 1e-3,
    weightDecay: 0.2,
    initialAccumulatorValue: 0.1,
    eps: 1e-9,
  },
  { type: 'Adadelta', lr: 0.5, rho: 0.95, eps: 1e-5, weightDecay: 0.3 },
  {
    type: 'RMSprop',
    lr: 1e-3,
    alpha: 0.9,
    eps: 1e-7,
    weightDecay: 0.01,
    momentum: 0.5,
    centered: true,
  },
  { type: 'Lookahead', k: 6, alpha: 0.8, optimizer: { type: 'AdamW', lr: 1e-2 } },
];

describe('<optimizer-picker> accessibility', () => {
  it.each(SAMPLES.map((s) => [s.type, s] as const))(
    '%s has no axe violations',
    async (_t, config) => {
      await mount(config);
      const result = await axe.run(el);
      expect(
        result.violations.map((v) => [v.id, v.nodes.map((n) => n.html + n.failureSummary)]),
      ).toEqual([]);
    },
  );

  it('has no axe violations while an error is shown', async () => {
    await mount({ type: 'Adam' });
    await typeInto($('#opt-betas-0'), '1.2');
    expect((await axe.run(el)).violations).toEqual([]);
  });
});

describe('<optimizer-picker> value <-> form', () => {
  it.each(SAMPLES.map((s) => [s.type, s] as const))(
    '%s: shows and returns the config it was given',
    async (_t, config) => {
      await mount(config);
      expect(el.value).toEqual(config);
      const rec = config as unknown as Record<string, unknown>;
      for (const [key, v] of Object.entries(rec)) {
        if (key === 'type' || key === 'optimizer') continue;
        if (key === 'betas') {
          const [b1, b2] = v as number[];
          expect($('#opt-betas-0').value).toBe(String(b1));
          expect($('#opt-betas-1').value).toBe(String(b2));
        } else if (typeof v === 'boolean') {
          expect($(`#opt-${key}`).checked, key).toBe(v);
        } else {
          expect($(`#opt-${key}`).value, key).toBe(String(v));
        }
      }
    },
  );

  it('shows PyTorch defaults for options the config leaves out', async () => {
    await mount({ type: 'AdamW' });
    expect($('#opt-lr').value).toBe('0.001');
    expect($('#opt-weightDecay').value).toBe('0.01');
    expect($('#opt-betas-0').value).toBe('0.9');
    expect($('#opt-betas-1').value).toBe('0.999');
    expect($('#opt-eps').value).toBe('1e-8');
    await mount({ type: 'SGD' });
    expect($('#opt-lr').value).toBe('0.001');
    await mount({ type: 'Adadelta' });
    expect($('#opt-lr').value).toBe('1');
    expect($('#opt-rho').value).toBe('0.9');
    await mount({ type: 'Adagrad' });
    expect($('#opt-eps').value).toBe('1e-10');
    await mount({ type: 'NAdam' });
    expect($('#opt-lr').value).toBe('0.002');
    expect($('#opt-momentumDecay').value).toBe('0.004');
  });

  // For each type: type a new value into one of its number boxes and see one `change` that
  // carries the old config with that one option changed.
  const EDITS: readonly [OptimizerConfig['type'], string, string, OptimizerConfig][] = [
    ['SGD', 'momentum', '0.7', { ...SAMPLES[0], momentum: 0.7 } as OptimizerConfig],
    ['Adam', 'betas-1', '0.9', { ...SAMPLES[1], betas: [0.8, 0.9] } as OptimizerConfig],
    ['AdamW', 'weightDecay', '0', { ...SAMPLES[2], weightDecay: 0 } as OptimizerConfig],
    ['NAdam', 'momentumDecay', '1e-2', { ...SAMPLES[3], momentumDecay: 0.01 } as OptimizerConfig],
    ['RAdam', 'betas-0', '0.95', { ...SAMPLES[4], betas: [0.95, 0.9] } as OptimizerConfig],
    ['Adamax', 'eps', '1e-8', { ...SAMPLES[5], eps: 1e-8 } as OptimizerConfig],
    ['Adagrad', 'lrDecay', '0.5', { ...SAMPLES[6], lrDecay: 0.5 } as OptimizerConfig],
    ['Adadelta', 'rho', '0.5', { ...SAMPLES[7], rho: 0.5 } as OptimizerConfig],
    ['RMSprop', 'alpha', '0.95', { ...SAMPLES[8], alpha: 0.95 } as OptimizerConfig],
    ['Lookahead', 'k', '10', { ...SAMPLES[9], k: 10 } as OptimizerConfig],
  ];
  it.each(EDITS)(
    '%s: typing %s = %s fires change with the edited config',
    async (type, key, text, expected) => {
      await mount(SAMPLES.find((s) => s.type === type)!);
      await typeInto($(`#opt-${key}`), text);
      expect(changes()).toEqual([{ type: 'change', value: expected }]);
      expect(el.value).toEqual(expected);
      expect(events.some((e) => e.type.startsWith('leaked'))).toBe(false);
    },
  );

  it('fires input on each valid keystroke and change once on commit', async () => {
    await mount({ type: 'Adam' });
    const box = $('#opt-eps');
    box.focus();
    await userEvent.keyboard('{Control>}a{/Control}1e-6');
    expect(events.filter((e) => e.type === 'input').length).toBeGreaterThan(0);
    expect(changes()).toEqual([]);
    await userEvent.keyboard('{Tab}');
    await el.updateComplete;
    expect(changes()).toEqual([{ type: 'change', value: { type: 'Adam', eps: 1e-6 } }]);
  });

  it('toggles commit straight away', async () => {
    await mount({ type: 'Adam' });
    $('#opt-amsgrad').focus();
    await userEvent.keyboard(' ');
    await el.updateComplete;
    expect(changes()).toEqual([{ type: 'change', value: { type: 'Adam', amsgrad: true } }]);
  });

  it('choosing from the menu starts from PyTorch defaults; SGD presets set momentum', async () => {
    await mount({ type: 'Adam', lr: 0.1 });
    const select = $<HTMLSelectElement>('#type');
    await userEvent.selectOptions(select, 'SGD+momentum');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'SGD', momentum: 0.9 });
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'Nesterov');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'SGD', momentum: 0.9, nesterov: true });
    expect($<HTMLSelectElement>('#type').value).toBe('Nesterov');
    expect(changes().map((c) => c.value)).toEqual([
      { type: 'SGD', momentum: 0.9 },
      { type: 'SGD', momentum: 0.9, nesterov: true },
    ]);
  });

  it('choosing Lookahead wraps the optimizer chosen before; inner edits reach the outer value', async () => {
    await mount({ type: 'RMSprop', lr: 0.003 });
    await userEvent.selectOptions($<HTMLSelectElement>('#type'), 'Lookahead');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'Lookahead', optimizer: { type: 'RMSprop', lr: 0.003 } });
    const inner = $<OptimizerPicker>('optimizer-picker');
    expect([...inner.shadowRoot!.querySelectorAll('option')].map((o) => o.value)).not.toContain(
      'Lookahead',
    );
    events = [];
    await inner.updateComplete;
    $('#opt-alpha', inner.shadowRoot!).focus();
    await userEvent.keyboard('{Control>}a{/Control}0.9{Enter}');
    await el.updateComplete;
    expect(changes()).toEqual([
      {
        type: 'change',
        value: { type: 'Lookahead', optimizer: { type: 'RMSprop', lr: 0.003, alpha: 0.9 } },
      },
    ]);
  });

  it.each(SAMPLES.map((s) => [s.type, s] as const))(
    '%s: its update rule typesets without a KaTeX error',
    async (_t, config) => {
      await mount(config);
      const math = $('[part="math"]');
      expect(math.querySelector('math')).not.toBeNull();
      expect(math.querySelector('merror, .katex-error')).toBeNull();
    },
  );

  it('shows the update rule as MathML and know-how for the chosen optimizer', async () => {
    await mount({ type: 'AdamW' });
    expect($('[part="math"] math')).not.toBeNull();
    expect($('[part="tips"]').textContent).toMatch(/AdamW, not Adam \+ weightDecay/);
    await mount({ type: 'Adadelta' });
    expect($('[part="tips"]').textContent).toMatch(/keep it near 1/);
  });
});

describe('<optimizer-picker> log-scale lr slider', () => {
  // 600 ticks over 6 decades: tick n <-> lr = 10^(-5 + n/100).
  it('places the slider at the lr: 1e-3 is tick 200, 1e-5 tick 0, 10 tick 600', async () => {
    await mount({ type: 'Adam' });
    expect($('#opt-lr-slider').value).toBe('200');
    await mount({ type: 'SGD', lr: 1e-5 });
    expect($('#opt-lr-slider').value).toBe('0');
    await mount({ type: 'SGD', lr: 10 });
    expect($('#opt-lr-slider').value).toBe('600');
    await mount({ type: 'SGD', lr: 0.1 });
    expect($('#opt-lr-slider').value).toBe('400');
  });

  it('arrow keys move lr by a factor 10^0.01 and sync the number entry', async () => {
    await mount({ type: 'Adam' });
    $('#opt-lr-slider').focus();
    await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    // 10^(-5 + 201/100) = 10^-2.99 = 0.0010232..., shown to 3 significant digits.
    expect(el.value).toEqual({ type: 'Adam', lr: 0.00102 });
    expect($('#opt-lr').value).toBe('0.00102');
    expect(events.map((e) => e.type)).toEqual(['input', 'change']);
  });

  it('dragging fires input only; release fires change', async () => {
    await mount({ type: 'Adam' });
    const slider = $('#opt-lr-slider');
    slider.value = '300';
    slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'Adam', lr: 0.01 });
    expect(events.map((e) => e.type)).toEqual(['input']);
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    expect(events.map((e) => e.type)).toEqual(['input', 'change']);
  });

  it('typing an exact lr moves the slider', async () => {
    await mount({ type: 'Adam' });
    await typeInto($('#opt-lr'), '0.01');
    expect($('#opt-lr-slider').value).toBe('300');
    expect(changes()).toEqual([{ type: 'change', value: { type: 'Adam', lr: 0.01 } }]);
  });
});

describe('<optimizer-picker> invalid entries', () => {
  it('beta 1.2: inline message naming betas[0] and [0, 1), aria wired, no change', async () => {
    await mount({ type: 'Adam' });
    const box = $('#opt-betas-0');
    await typeInto(box, '1.2');
    await userEvent.keyboard('{Tab}');
    await el.updateComplete;
    expect(box.getAttribute('aria-invalid')).toBe('true');
    const message = $(`#${box.getAttribute('aria-describedby')}`);
    expect(message.textContent).toContain('betas[0]');
    expect(message.textContent).toContain('[0, 1)');
    expect(box.value).toBe('1.2');
    expect(changes()).toEqual([]);
    expect(el.value).toEqual({ type: 'Adam' });
  });

  it.each([
    ['opt-lr', '-1', 'lr must be a number ≥ 0'],
    ['opt-lr', 'abc', 'lr must be a number ≥ 0'],
    ['opt-eps', '', 'eps must be a number > 0; got nothing'],
    ['opt-eps', '0', 'eps must be a number > 0; got "0"'],
    ['opt-weightDecay', '-0.1', 'weightDecay must be a number ≥ 0'],
  ])('%s = "%s" says "%s"', async (id, text, message) => {
    await mount({ type: 'Adam' });
    await typeInto($(`#${id}`), text);
    expect($(`#${id}-error`).textContent).toContain(message);
    expect(changes()).toEqual([]);
  });

  it('Lookahead k must be an integer ≥ 1', async () => {
    await mount({ type: 'Lookahead', optimizer: { type: 'SGD' } });
    await typeInto($('#opt-k'), '2.5');
    expect($('#opt-k-error').textContent).toContain('k must be an integer ≥ 1');
    expect(changes()).toEqual([]);
  });

  it("nesterov without momentum is refused with PyTorch's reason", async () => {
    await mount({ type: 'SGD' });
    $('#opt-nesterov').focus();
    await userEvent.keyboard(' ');
    await el.updateComplete;
    expect($('#opt-nesterov').checked).toBe(false);
    expect($('#opt-nesterov-error').textContent).toContain('momentum > 0');
    expect(changes()).toEqual([]);
  });

  it('fixing the entry clears the message and commits', async () => {
    await mount({ type: 'Adam' });
    await typeInto($('#opt-betas-0'), '1.2');
    await typeInto($('#opt-betas-0'), '0.5');
    expect($('#opt-betas-0-error')).toBeNull();
    expect($('#opt-betas-0').getAttribute('aria-invalid')).toBe('false');
    expect(changes()).toEqual([{ type: 'change', value: { type: 'Adam', betas: [0.5, 0.999] } }]);
  });
});

describe('<optimizer-picker> layout', () => {
  it('fits a 360 px wide column without sideways scrolling (the wide rule scrolls in its own box)', async () => {
    for (const config of SAMPLES) {
      await mount(config);
      el.style.width = '360px';
      await el.updateComplete;
      const base = $<HTMLElement>('[part="base"]');
      expect(base.scrollWidth, config.type).toBeLessThanOrEqual(360);
    }
  });
});

describe('<optimizer-picker> keyboard', () => {
  beforeEach(() => (document.body.innerHTML = ''));

  it('Tab reaches every control in order', async () => {
    await mount({ type: 'SGD', momentum: 0.9 });
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
      'opt-lr-slider',
      'opt-lr',
      'opt-momentum',
      'opt-dampening',
      'opt-weightDecay',
      'opt-nesterov',
      'opt-maximize',
    ]);
  });

  it('the optimizer select operates with arrow keys', async () => {
    await mount({ type: 'Adam' });
    $<HTMLSelectElement>('#type').focus();
    await userEvent.keyboard('{ArrowDown}');
    await el.updateComplete;
    expect(el.value).toEqual({ type: 'AdamW' });
    expect(changes()).toEqual([{ type: 'change', value: { type: 'AdamW' } }]);
  });
});
