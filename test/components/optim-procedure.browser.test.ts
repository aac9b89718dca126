// <optim-procedure> in real Chromium: walking the eight steps with next()/back() and with the
// keyboard (focus on each step's heading), the procedure-step events, the recipe carried from
// step to step (adopted, skipped, overridden, undone), invalid attributes, and the PyTorch
// dialog holding exactly toPyTorch(recipe). The step labs train for real (cpu backend, a
// worker per lab), sized by steps: 10 per run.
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { PytorchExport } from '../../components/pytorch-export/index';
import { toPyTorch } from '../../src/export/index';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import { deepActiveElement } from './support/focus';
import { recordErrors } from './support/lab';
import {
  SMALL,
  find,
  get,
  mountProcedure,
  rankedLabels,
  recordSteps,
  stepLab,
  text,
  trainStep,
} from './support/procedure';

const TITLES = [
  'Start from a known recipe',
  'Iterate with a small grid search',
  'For a custom architecture: the LR range test',
  'Adam as the default: with a warm-up, or RAdam',
  'A schedule for what the loss did',
  'SGD + momentum, for those with time',
  'AutoML, a last resort',
  'Hyperparameter search, a last resort',
];

describe('<optim-procedure> navigation', () => {
  it('walks all eight steps with next() and back(), one procedure-step event each', async () => {
    const el = await mountProcedure();
    const events = recordSteps(el, 'procedure-step');
    expect(el.steps).toBe(8);
    const headings = [text(get(el, 'step-heading'))];
    for (let i = 1; i < 8; i++) {
      el.next();
      await el.updateComplete;
      headings.push(text(get(el, 'step-heading')));
      expect(text(get(el, 'step-count'))).toBe(`Step ${i + 1} of 8`);
    }
    expect(headings).toEqual(TITLES);
    el.next(); // past the end: nothing happens
    await el.updateComplete;
    expect(el.step).toBe(7);
    for (let i = 6; i >= 0; i--) {
      el.back();
      await el.updateComplete;
      expect(el.step).toBe(i);
    }
    el.back();
    await el.updateComplete;
    expect(el.step).toBe(0);
    expect(events.map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, 0]);
    // Nothing was adopted: every step carried the preset's recipe.
    for (const event of events) expect(event.recipe).toEqual(el.recipe);
    expect(el.recipe.runs[0].optimizer).toEqual({
      type: 'SGD',
      lr: 0.1,
      momentum: 0.9,
      weightDecay: 1e-4,
    });
  });

  it('the keyboard walks it too, and focus lands on each step heading', async () => {
    const el = await mountProcedure();
    const next = get<HTMLButtonElement>(el, 'next-button');
    next.focus();
    for (let i = 1; i < 8; i++) {
      get<HTMLButtonElement>(el, 'next-button').focus();
      await userEvent.keyboard('{Enter}');
      await el.updateComplete;
      expect(el.step).toBe(i);
      const active = deepActiveElement();
      expect(active).toBe(get(el, 'step-heading'));
      expect(text(active)).toBe(TITLES[i]);
    }
    expect(get<HTMLButtonElement>(el, 'next-button').disabled).toBe(true);
    get(el, 'back-button').focus();
    await userEvent.keyboard(' ');
    await el.updateComplete;
    expect(el.step).toBe(6);
    expect(deepActiveElement()).toBe(get(el, 'step-heading'));
    // The step list says which step is current, in words as well as in colour.
    const current = el.shadowRoot!.querySelector('[part="progress"] [aria-current="step"]');
    expect(text(current)).toBe(TITLES[6]);
  });

  it('next() from a page script leaves the focus where it is', async () => {
    const el = await mountProcedure();
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    el.next();
    await el.updateComplete;
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('the step property moves there (clamped), and fires procedure-step', async () => {
    const el = await mountProcedure();
    const events = recordSteps(el, 'procedure-step');
    el.step = 4;
    await el.updateComplete;
    expect(text(get(el, 'step-heading'))).toBe(TITLES[4]);
    el.step = 99;
    await el.updateComplete;
    expect(el.step).toBe(7);
    expect(events.map((e) => e.step)).toEqual([4, 7]);
  });
});

describe('<optim-procedure> the recipe', () => {
  it('step 1: choosing a preset adopts it, and its lab trains it', async () => {
    const el = await mountProcedure();
    const recipes = recordSteps(el, 'procedure-recipe');
    const fastai = get<HTMLInputElement>(el, 'presets').querySelector<HTMLInputElement>(
      '#preset-fastai',
    )!;
    fastai.click();
    await el.updateComplete;
    const run = el.recipe.runs[0];
    expect(run.optimizer).toEqual({
      type: 'AdamW',
      lr: 1e-3,
      betas: [0.9, 0.99],
      weightDecay: 0.01,
    });
    // 2 epochs of 5 steps: the 1cycle spans all 10.
    expect(run.scheduler).toEqual({
      type: 'OneCycleLR',
      maxLr: 1e-3,
      totalSteps: 10,
      pctStart: 0.25,
      finalDivFactor: 1e5,
    });
    expect(recipes.map((r) => r.step)).toEqual([0]);
    expect(recipes[0].recipe).toEqual(el.recipe);
    expect(text(get(el, 'adoption'))).toContain('the fastai 1cycle preset');
    // The lab trains exactly that run on the recipe's problem.
    const lab = stepLab(el);
    expect(lab.experiment.runs[0].optimizer).toEqual(run.optimizer);
    expect(lab.experiment.dataset).toEqual({ type: 'spiral', noise: 0.05, samples: 200 });
    await trainStep(el);
    expect(rankedLabels(el)).toEqual(['fastai 1cycle']);
  });

  it('step 2: the best-ranked grid run becomes the recipe; later steps start from it', async () => {
    const el = await mountProcedure();
    el.next();
    await el.updateComplete;
    expect(text(get(el, 'grid-axes'))).toContain(
      'lr ∈ {0.0333, 0.1, 0.3} × momentum ∈ {0.8, 0.9, 0.95}',
    );
    const lab = stepLab(el);
    expect(lab.experiment.runs).toHaveLength(9);
    await trainStep(el);
    // The ranking is the lab's own numbers ordered by validation loss.
    const byValLoss = [...lab.runStats]
      .filter((r) => Number.isFinite(r.valLoss) && !r.diverged)
      .sort((a, b) => a.valLoss - b.valLoss)
      .map((r) => r.label);
    expect(rankedLabels(el).slice(0, byValLoss.length)).toEqual(byValLoss);
    const best = rankedLabels(el)[0];
    const [, lr, momentum] = /lr=([\d.e-]+) momentum=([\d.]+)/.exec(best)!;
    get(el, 'adopt-button').click();
    await el.updateComplete;
    const run = el.recipe.runs[0];
    expect(run.optimizer.type).toBe('SGD');
    expect(run.optimizer).toMatchObject({ lr: Number(lr), momentum: Number(momentum) });
    expect(run.scheduler?.type).toBe('MultiStepLR');
    expect(text(get(el, 'adoption'))).toContain(`${best} (ranked 1 of 9)`);
    // Before and after side by side, what changed marked in words.
    const recipe = text(get(el, 'recipe'));
    expect(recipe).toContain('Before');
    if (Number(lr) !== 0.1) expect(recipe).toMatch(/Learning rate 0\.1 [\d.]+ changed/);
    // Step 3 onwards start from it: carried into the next step, where nothing changes yet.
    const adopted = el.recipe;
    el.next();
    await el.updateComplete;
    expect(el.recipe).toEqual(adopted);
    expect(text(get(el, 'recipe'))).not.toContain('changed');
    expect(el.recipe.runs[0].optimizer).toMatchObject({
      lr: Number(lr),
      momentum: Number(momentum),
    });
  });

  it('skip, override and undo: Next keeps the recipe, another run can be adopted, Keep undoes', async () => {
    const el = await mountProcedure();
    const start = el.recipe;
    el.step = 3; // Adam, Adam + warm-up, RAdam
    await el.updateComplete;
    await trainStep(el);
    // Skip: nothing adopted, the recipe goes on as it came in.
    expect(el.recipe).toEqual(start);
    expect(text(get(el, 'adoption'))).toContain('Nothing adopted in this step');
    // Override: choose the run ranked last, not the best.
    const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="ranking"] input');
    expect(radios[0].checked).toBe(true);
    radios[2].click();
    await el.updateComplete;
    const chosen = rankedLabels(el)[2];
    expect(text(get(el, 'adopt-button'))).toBe(`Adopt “${chosen}”`);
    get(el, 'adopt-button').click();
    await el.updateComplete;
    const adopted = el.recipe.runs[0];
    const expected = { Adam: 'Adam', 'Adam + warm-up + cosine': 'Adam', RAdam: 'RAdam' }[chosen];
    expect(adopted.optimizer.type).toBe(expected);
    expect(adopted.scheduler?.type).toBe(chosen.includes('warm-up') ? 'SequentialLR' : 'None');
    // Undo.
    get(el, 'keep-button').click();
    await el.updateComplete;
    expect(el.recipe).toEqual(start);
  });

  it('adopting at an earlier step drops what later steps adopted on the old recipe', async () => {
    const el = await mountProcedure();
    el.step = 3;
    await el.updateComplete;
    await trainStep(el);
    get(el, 'adopt-button').click();
    await el.updateComplete;
    const adamRecipe = el.recipe;
    expect(['Adam', 'RAdam']).toContain(adamRecipe.runs[0].optimizer.type);
    el.step = 0;
    await el.updateComplete;
    get(el, 'presets').querySelector<HTMLInputElement>('#preset-transformer')!.click();
    await el.updateComplete;
    el.step = 3;
    await el.updateComplete;
    // Step 4's adoption was made on the ResNet recipe: it is gone, and so is its ranking.
    expect(el.recipe.runs[0].optimizer.type).toBe('AdamW');
    expect(find(el, 'adopt-button')).toBeNull();
  });

  it('a page may set the recipe; an invalid one fires optim-error and changes nothing', async () => {
    const el = await mountProcedure();
    const errors = recordErrors(el);
    const recipe = el.recipe;
    recipe.runs[0] = { optimizer: { type: 'NAdam', lr: 0.02 } };
    el.recipe = recipe;
    await el.updateComplete;
    expect(el.recipe.runs[0].optimizer).toEqual({ type: 'NAdam', lr: 0.02 });
    el.recipe = { ...recipe, runs: [{ optimizer: { type: 'Adam', lr: -1 } }] };
    await el.updateComplete;
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^recipe: runs\[0\]\.optimizer\.lr: /),
    ]);
    expect(el.recipe.runs[0].optimizer).toEqual({ type: 'NAdam', lr: 0.02 });
  });
});

describe('<optim-procedure> attributes', () => {
  it('reads the problem like <optim-lab>, over its own defaults', async () => {
    const el = await mountProcedure({
      dataset: 'moons',
      epochs: '3',
      'batch-size': '16',
      layers: '4,4',
    });
    const recipe = el.recipe;
    expect(recipe.dataset).toEqual({ type: 'moons', noise: 0.05 });
    expect(recipe.model).toEqual({ hidden: [4, 4] });
    expect(recipe.training).toEqual({ epochs: 3, batchSize: 16 });
    expect(() => parseExperimentConfig(recipe)).not.toThrow();
    const defaults = await mountProcedure({});
    expect(defaults.recipe.dataset).toEqual({ type: 'spiral', noise: 0.05 });
    expect(defaults.recipe.model).toEqual({ hidden: [32, 32] });
    expect(defaults.recipe.training).toEqual({ epochs: 50 });
  });

  it('an invalid attribute shows inline, fires optim-error, and the rest still works', async () => {
    const errors = recordErrors(document);
    const el = await mountProcedure({ ...SMALL, dataset: 'spirals', preset: 'adam' });
    await el.updateComplete;
    const problems = text(get(el, 'problems'));
    expect(problems).toContain('dataset: expected one of circle, xor');
    expect(problems).toContain('preset: expected one of resnet, transformer, fastai, got "adam"');
    expect(errors.map((e) => e.attribute).sort()).toEqual(['dataset', 'preset']);
    expect(el.recipe.dataset?.type).toBe('spiral');
    el.setAttribute('preset', 'transformer');
    el.setAttribute('dataset', 'circle');
    await el.updateComplete;
    expect(text(get(el, 'problems'))).toBe('');
    expect(el.recipe.runs[0].optimizer.type).toBe('AdamW');
  });
});

describe('<optim-procedure> PyTorch button', () => {
  it('shows the current recipe as toPyTorch writes it, before and after an adoption', async () => {
    const el = await mountProcedure();
    const exporter = get<PytorchExport>(el, 'pytorch');
    const script = () =>
      exporter.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="script"]')!.value;
    exporter.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => exporter.open).toBe(true);
    expect(script()).toBe(toPyTorch(el.recipe));
    expect(script()).toContain('lr_scheduler.MultiStepLR(');
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => exporter.open).toBe(false);
    get(el, 'presets').querySelector<HTMLInputElement>('#preset-fastai')!.click();
    await el.updateComplete;
    await exporter.show();
    expect(script()).toBe(toPyTorch(el.recipe));
    expect(script()).toContain('lr_scheduler.OneCycleLR(');
    exporter.close();
  });
});
