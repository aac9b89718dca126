// Defining an element whose tag is already taken keeps the page's element and says so,
// rather than silently leaving optim-lab's element unregistered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOSS_PLOT_TAG, LossPlot } from '../../components/loss-plot/index';
import { defineElement } from '../../components/shared/optim-element';

afterEach(() => vi.restoreAllMocks());

describe('defineElement', () => {
  it('defines a free tag, and defining it again with the same class is silent', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    class First extends HTMLElement {}
    defineElement('optim-test-free', First);
    defineElement('optim-test-free', First);
    expect(customElements.get('optim-test-free')).toBe(First);
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns, naming the tag, when another element already holds it, and keeps that one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    class PagePlot extends HTMLElement {}
    defineElement('optim-test-taken', PagePlot);
    class OurPlot extends HTMLElement {}
    defineElement('optim-test-taken', OurPlot);
    expect(customElements.get('optim-test-taken')).toBe(PagePlot);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /<optim-test-taken> is already defined by PagePlot; OurPlot is not registered/,
    );
  });

  it("does the same for optim-lab's own elements", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    class Impostor extends HTMLElement {}
    defineElement(LOSS_PLOT_TAG, Impostor);
    expect(customElements.get(LOSS_PLOT_TAG)).toBe(LossPlot);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('<loss-plot> is already defined by LossPlot');
  });
});
