/**
 * An optimizer config as the torch.optim call that builds it, and the Lookahead class the
 * script defines when a run uses one (Lookahead is not in torch).
 */
import { optimizerDefaults } from '../optim/defaults';
import type { BaseOptimizerConfig, OptimizerConfig } from '../optim/types';
import { keywordArguments } from './options';
import { pyCall, pyNumber } from './python';

/** torch 1.13 lacks `maximize` on these two (torch 2.0 added it). */
const NO_MAXIMIZE_IN_TORCH_1_13: ReadonlySet<string> = new Set(['NAdam', 'RAdam']);

function baseOptimizer(config: BaseOptimizerConfig, params: string, prefix: string): string {
  // lr is always written: torch 1.13's SGD has no default for it, and a reader looks for it.
  const kwargs = keywordArguments(config, optimizerDefaults(config.type), { always: ['lr'] });
  return pyCall(`torch.optim.${config.type}`, [params, ...kwargs], prefix);
}

/**
 * `torch.optim.AdamW(params, lr=0.01)`, or `Lookahead(torch.optim.SGD(...), k=5, alpha=0.5)`,
 * for a parsed config (every option present); options at torch's default are left out.
 */
export function optimizerExpression(config: OptimizerConfig, params: string, prefix = ''): string {
  if (config.type !== 'Lookahead') return baseOptimizer(config, params, prefix);
  const defaults = optimizerDefaults('Lookahead');
  const inner = baseOptimizer(config.optimizer, params, `${prefix}Lookahead(`);
  const k = pyNumber(config.k ?? defaults.k);
  const alpha = pyNumber(config.alpha ?? defaults.alpha);
  return pyCall('Lookahead', [inner, `k=${k}`, `alpha=${alpha}`], prefix);
}

/** A note for the reader where the call needs a newer torch than 1.13. */
export function optimizerCaveat(config: OptimizerConfig): string | undefined {
  const base = config.type === 'Lookahead' ? config.optimizer : config;
  if (NO_MAXIMIZE_IN_TORCH_1_13.has(base.type) && 'maximize' in base && base.maximize) {
    return `${base.type}(maximize=True) needs torch >= 2.0`;
  }
  return undefined;
}

export const LOOKAHEAD_CLASS = `class Lookahead(torch.optim.Optimizer):
    """Lookahead (Zhang et al. 2019, Algorithm 1) around another optimizer; not part of torch.

    The slow weights start at the initial parameters. After every k steps of the inner
    optimizer they move alpha of the way towards the fast weights (the model's parameters),
    which are then reset to them; the inner optimizer's state carries on. Lookahead shares the
    inner optimizer's param_groups, so a scheduler drives it as it drives the inner one.
    """

    def __init__(self, optimizer, k=5, alpha=0.5):
        # Not Optimizer.__init__: the parameters, groups and defaults are the inner optimizer's.
        self.optimizer = optimizer
        self.param_groups = optimizer.param_groups
        self.defaults = optimizer.defaults
        self.state = optimizer.state
        self.k = k
        self.alpha = alpha
        self.slow = [p.detach().clone() for group in self.param_groups for p in group["params"]]
        self.steps = 0

    def zero_grad(self, set_to_none=False):
        self.optimizer.zero_grad(set_to_none)

    @torch.no_grad()
    def step(self):
        self.optimizer.step()
        self.steps += 1
        if self.steps % self.k == 0:
            params = [p for group in self.param_groups for p in group["params"]]
            for p, slow in zip(params, self.slow):
                slow += self.alpha * (p - slow)
                p.copy_(slow)`;
