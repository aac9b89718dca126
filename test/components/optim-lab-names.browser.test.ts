// <optim-lab>'s renamed attributes: `layers` for the hidden layer widths (the old `hidden`
// still works, and says once that it is deprecated), `backend` for the backend asked for and
// `activeBackend` for the one in use.
import { describe, expect, it, vi } from 'vitest';
import { QUICK, mount, part, problemsText } from './support/lab';

const { hidden: _old, ...QUICK_LAYERS } = { ...QUICK, layers: '8,8' };

describe('<optim-lab layers>', () => {
  it('reads layer widths from layers and stays visible under page CSS that hides [hidden]', async () => {
    const style = document.createElement('style');
    style.textContent = '[hidden] { display: none !important; }'; // normalize.css, Bootstrap reboot
    document.head.append(style);
    try {
      const lab = await mount({ layers: '32, 16' });
      expect(part<HTMLInputElement>(lab, 'layers-input').value).toBe('32,16');
      expect(lab.experiment.model?.hidden).toEqual([32, 16]);
      expect(getComputedStyle(lab).display).toBe('block');
      const bad = await mount({ layers: '0' });
      expect(problemsText(bad)).toMatch(/^layers: expected layer widths from 1 to 1024/);
    } finally {
      style.remove();
    }
  });

  it('still reads the deprecated hidden, warning once per page however many labs use it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = await mount({ hidden: '12' });
    const second = await mount({ hidden: '6,6' });
    expect(first.experiment.model?.hidden).toEqual([12]);
    expect(second.experiment.model?.hidden).toEqual([6, 6]);
    const deprecations = warn.mock.calls.filter(([text]) =>
      /"hidden" attribute/.test(String(text)),
    );
    expect(deprecations).toHaveLength(1);
    expect(String(deprecations[0][0])).toContain('layers="16,16"');
    // layers wins when both are given, and then nothing is deprecated.
    const both = await mount({ layers: '4', hidden: '5' });
    expect(both.experiment.model?.hidden).toEqual([4]);
  });

  it('an empty hidden attribute hides the lab, as it hides any element', async () => {
    const lab = await mount({ hidden: '' });
    expect(getComputedStyle(lab).display).toBe('none');
  });
});

describe('<optim-lab backend> and activeBackend', () => {
  it('backend is what was asked for; activeBackend is what trains, once known', async () => {
    const lab = await mount({ ...QUICK_LAYERS, backend: 'auto', epochs: '1' });
    expect(lab.backend).toBe('auto');
    expect(lab.activeBackend).toBeUndefined();
    lab.backend = 'cpu';
    await lab.updateComplete;
    expect(lab.getAttribute('backend')).toBe('auto'); // a property, not reflected
    await lab.step(1);
    expect(lab.backend).toBe('cpu');
    expect(lab.activeBackend).toBe('cpu');
    expect(lab.backendInfo?.backend).toBe('cpu');
  });
});
