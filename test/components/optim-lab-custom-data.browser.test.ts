// <optim-lab> with a custom dataset, in real Chromium with a real training worker: the
// training length a page previews (LR curve, status line) before the worker exists is the
// one the worker then trains for.
import { describe, expect, it, vi } from 'vitest';
import type { LrCurve } from '../../components/lr-curve/lr-curve';
import { mount, part } from './support/lab';

// 50 points on a lattice, class 1 where x1 * x2 > 0 (an XOR pattern).
const POINTS = Array.from({ length: 50 }, (_, i) => {
  const x1 = ((i * 37) % 50) / 25 - 1;
  const x2 = ((i * 11) % 50) / 25 - 1;
  return [x1, x2, x1 * x2 > 0 ? 1 : 0];
});

describe('<optim-lab> with a custom dataset given through `config`', () => {
  it('previews and trains the horizon its points make, not the default sample count', async () => {
    // 50 points, 30% held out -> 35 training points; batch 8 -> ceil(35 / 8) = 5 steps an
    // epoch; 3 epochs -> 15 steps. (The default 400 samples would make 40 an epoch, 120.)
    const lab = await mount({
      backend: 'cpu',
      optimizer: 'SGD',
      scheduler: '{"type":"OneCycleLR","maxLr":0.1}',
      config: JSON.stringify({
        dataset: { type: 'custom', points: POINTS, validationFraction: 0.3 },
        training: { batchSize: 8, epochs: 3 },
      }),
    });
    const curve = part<LrCurve>(lab, 'lr-curve');
    expect(curve.steps).toBe(15);
    // OneCycleLR's totalSteps defaults to the training length.
    expect(lab.experiment.runs[0].scheduler).toMatchObject({ type: 'OneCycleLR', totalSteps: 15 });
    expect(part(lab, 'status').textContent).toMatch(/Step 0 of 15\b/);
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), { timeout: 60_000 });
    expect(lab.runStats[0].step).toBe(15);
    expect(lab.runStats[0].epoch).toBeCloseTo(3, 6);
  });
});
