"""Writes test/reference/schedule.json: lr (and momentum / beta1) per step from torch 1.13.

Run with Debian's torch: /usr/bin/python3 test/reference/schedule_reference.py
Each case stores its config in optim-lab's camelCase format; the TS tests feed it straight to
sampleSchedule and createScheduler. lr[i] is param_groups[0]['lr'] read before the i-th
optimizer.step(); the scheduler is stepped once after every optimizer step.
"""
import inspect
import json
import math
import os

import torch
from torch.optim import lr_scheduler as S
from torch.optim.swa_utils import SWALR

# camelCase option -> torch argument name, per scheduler type.
RENAMES = {
    'stepSize': 'step_size', 'gamma': 'gamma', 'milestones': 'milestones',
    'lrLambda': 'lr_lambda', 'startFactor': 'start_factor', 'endFactor': 'end_factor',
    'totalIters': 'total_iters', 'factor': 'factor', 'tMax': 'T_max', 'etaMin': 'eta_min',
    't0': 'T_0', 'tMult': 'T_mult', 'power': 'power', 'baseLr': 'base_lr', 'maxLr': 'max_lr',
    'stepSizeUp': 'step_size_up', 'stepSizeDown': 'step_size_down', 'mode': 'mode',
    'cycleMomentum': 'cycle_momentum', 'baseMomentum': 'base_momentum',
    'maxMomentum': 'max_momentum', 'totalSteps': 'total_steps', 'pctStart': 'pct_start',
    'annealStrategy': 'anneal_strategy', 'divFactor': 'div_factor',
    'finalDivFactor': 'final_div_factor', 'threePhase': 'three_phase', 'patience': 'patience',
    'threshold': 'threshold', 'thresholdMode': 'threshold_mode', 'cooldown': 'cooldown',
    'minLr': 'min_lr', 'eps': 'eps', 'swaLr': 'swa_lr', 'annealEpochs': 'anneal_epochs',
}

# The lrLambda language's names, bound to Python's own functions.
LAMBDA_ENV = {
    '__builtins__': {}, 'min': min, 'max': max, 'abs': abs, 'exp': math.exp, 'log': math.log,
    'sqrt': math.sqrt, 'floor': math.floor, 'ceil': math.ceil, 'cos': math.cos, 'sin': math.sin,
    'pi': math.pi, 'e': math.e,
}


def to_lambda(source):
    return eval('lambda epoch: ' + source, LAMBDA_ENV)  # our own fixture strings only


def build(config, opt):
    kind = config['type']
    if kind == 'None':
        return None  # no scheduler: the optimizer's lr is never touched
    if kind == 'SequentialLR':
        children = [build(child, opt) for child in config['schedulers']]
        return S.SequentialLR(opt, children, config['milestones'])
    kwargs = {RENAMES[k]: v for k, v in config.items() if k != 'type'}
    if 'lr_lambda' in kwargs:
        kwargs['lr_lambda'] = to_lambda(kwargs['lr_lambda'])
    if kind == 'SWALR':
        return SWALR(opt, **kwargs)
    return getattr(S, kind)(opt, **kwargs)


def run(case, last_step_may_raise=False):
    """Records lr (and momentum) before each optimizer step. With last_step_may_raise, the
    scheduler.step() after the last one may raise ValueError (OneCycleLR does, past its end):
    the message is kept as extraStepError."""
    param = torch.nn.Parameter(torch.zeros(1))
    if case['optimizer'] == 'Adam':
        opt = torch.optim.Adam([param], lr=case['baseLr'])
    else:
        opt = torch.optim.SGD([param], lr=case['baseLr'], momentum=0.9)
    sched = build(case['config'], opt)
    lrs, momenta = [], []
    metrics = case.get('metrics')
    for i in range(case['steps']):
        group = opt.param_groups[0]
        lrs.append(group['lr'])
        momenta.append(group['betas'][0] if 'betas' in group else group['momentum'])
        param.grad = torch.ones(1)
        opt.step()
        try:
            if sched is None:
                pass
            elif metrics is not None:
                sched.step(metrics[i])
            else:
                sched.step()
        except ValueError as error:
            if not (last_step_may_raise and i == case['steps'] - 1):
                raise
            case['extraStepError'] = str(error)
    case['lr'] = lrs
    if case.pop('recordMomentum', False):
        case['momentum'] = momenta
    return case


def case(name, config, steps=100, base_lr=0.1, optimizer='SGD', metrics=None, momentum=False):
    c = {'name': name, 'config': config, 'steps': steps, 'baseLr': base_lr, 'optimizer': optimizer}
    if metrics is not None:
        c['metrics'] = metrics
    if momentum:
        c['recordMomentum'] = True
    return c


def plateau_metrics(n):
    # Falls, then plateaus with noise smaller and larger than the threshold, then rises.
    out = []
    for i in range(n):
        if i < 15:
            out.append(1.0 - 0.05 * i)
        elif i < 40:
            out.append(0.3 + 0.00001 * (i % 3))
        elif i < 60:
            out.append(0.3 - 0.001 * (i - 40))
        else:
            out.append(0.28 + 0.01 * math.sin(i))
    return out


def plateau_metrics_max(n):
    return [-m for m in plateau_metrics(n)]


CASES = [
    case('None', {'type': 'None'}, steps=20),
    case('StepLR', {'type': 'StepLR', 'stepSize': 7}),
    case('StepLR gamma', {'type': 'StepLR', 'stepSize': 3, 'gamma': 0.5}, steps=60),
    case('MultiStepLR', {'type': 'MultiStepLR', 'milestones': [10, 25, 26, 70]}),
    case('MultiStepLR gamma', {'type': 'MultiStepLR', 'milestones': [5, 40], 'gamma': 0.3}, steps=60),
    case('ExponentialLR', {'type': 'ExponentialLR', 'gamma': 0.97}, steps=150),
    case('MultiplicativeLR const', {'type': 'MultiplicativeLR', 'lrLambda': '0.95'}),
    case('MultiplicativeLR expr', {'type': 'MultiplicativeLR',
                                   'lrLambda': 'max(0.9, 1 - 0.01 * sqrt(epoch))'}),
    case('LambdaLR pow', {'type': 'LambdaLR', 'lrLambda': '0.95 ** epoch'}),
    case('LambdaLR inverse', {'type': 'LambdaLR', 'lrLambda': '1 / (1 + 0.1 * epoch)'}),
    case('LambdaLR cosine', {'type': 'LambdaLR', 'lrLambda': '0.5 * (1 + cos(pi * epoch / 60))'},
         steps=60),
    case('LambdaLR floor mod', {'type': 'LambdaLR',
                                'lrLambda': '0.5 ** floor(epoch / 10) * (1 + epoch % 5) / 5'}),
    case('LambdaLR warmup', {'type': 'LambdaLR',
                             'lrLambda': 'min(1, (epoch + 1) / 10) * exp(-epoch / 50) + -2 ** -2 * 0'}),
    case('LinearLR', {'type': 'LinearLR'}, steps=20),
    case('LinearLR custom', {'type': 'LinearLR', 'startFactor': 0.25, 'endFactor': 0.5, 'totalIters': 30},
         steps=60),
    case('LinearLR decay', {'type': 'LinearLR', 'startFactor': 1.0, 'endFactor': 0.1, 'totalIters': 40},
         steps=60),
    case('ConstantLR', {'type': 'ConstantLR'}, steps=20),
    case('ConstantLR custom', {'type': 'ConstantLR', 'factor': 0.5, 'totalIters': 8}, steps=20),
    case('CosineAnnealingLR', {'type': 'CosineAnnealingLR', 'tMax': 50}, steps=200),
    case('CosineAnnealingLR etaMin', {'type': 'CosineAnnealingLR', 'tMax': 30, 'etaMin': 0.01},
         steps=100),
    case('CosineAnnealingWarmRestarts', {'type': 'CosineAnnealingWarmRestarts', 't0': 10}),
    case('CosineAnnealingWarmRestarts tMult 2',
         {'type': 'CosineAnnealingWarmRestarts', 't0': 5, 'tMult': 2, 'etaMin': 0.001}, steps=160),
    case('PolynomialLR', {'type': 'PolynomialLR'}, steps=20),
    case('PolynomialLR power', {'type': 'PolynomialLR', 'totalIters': 40, 'power': 2.0}, steps=60),
    case('PolynomialLR sqrt', {'type': 'PolynomialLR', 'totalIters': 30, 'power': 0.5}, steps=40),
    case('CyclicLR triangular', {'type': 'CyclicLR', 'baseLr': 0.01, 'maxLr': 0.1, 'stepSizeUp': 10},
         momentum=True),
    case('CyclicLR triangular asym', {'type': 'CyclicLR', 'baseLr': 0.01, 'maxLr': 0.1, 'stepSizeUp': 7,
                                      'stepSizeDown': 13, 'baseMomentum': 0.7, 'maxMomentum': 0.95},
         steps=120, momentum=True),
    case('CyclicLR triangular2', {'type': 'CyclicLR', 'baseLr': 0.001, 'maxLr': 0.1, 'stepSizeUp': 8,
                                  'mode': 'triangular2'}, momentum=True),
    case('CyclicLR exp_range', {'type': 'CyclicLR', 'baseLr': 0.001, 'maxLr': 0.1, 'stepSizeUp': 6,
                                'mode': 'exp_range', 'gamma': 0.98}, momentum=True),
    case('CyclicLR no momentum', {'type': 'CyclicLR', 'baseLr': 0.01, 'maxLr': 0.05, 'stepSizeUp': 5,
                                  'cycleMomentum': False}, steps=60),
    case('OneCycleLR', {'type': 'OneCycleLR', 'maxLr': 0.5, 'totalSteps': 100}, momentum=True),
    case('OneCycleLR linear', {'type': 'OneCycleLR', 'maxLr': 0.5, 'totalSteps': 80,
                               'annealStrategy': 'linear', 'pctStart': 0.25}, steps=80, momentum=True),
    case('OneCycleLR threePhase', {'type': 'OneCycleLR', 'maxLr': 0.3, 'totalSteps': 120,
                                   'threePhase': True, 'divFactor': 10.0, 'finalDivFactor': 100.0},
         steps=120, momentum=True),
    case('OneCycleLR threePhase linear', {'type': 'OneCycleLR', 'maxLr': 0.3, 'totalSteps': 90,
                                          'threePhase': True, 'annealStrategy': 'linear',
                                          'baseMomentum': 0.8, 'maxMomentum': 0.9},
         steps=90, momentum=True),
    case('OneCycleLR Adam beta1', {'type': 'OneCycleLR', 'maxLr': 0.01, 'totalSteps': 100},
         optimizer='Adam', momentum=True),
    case('OneCycleLR no momentum', {'type': 'OneCycleLR', 'maxLr': 0.2, 'totalSteps': 60,
                                    'cycleMomentum': False}, steps=60),
    case('SequentialLR warmup cosine',
         {'type': 'SequentialLR', 'milestones': [10],
          'schedulers': [{'type': 'LinearLR', 'startFactor': 0.1, 'totalIters': 10},
                         {'type': 'CosineAnnealingLR', 'tMax': 90}]}),
    case('SequentialLR constant exponential',
         {'type': 'SequentialLR', 'milestones': [2],
          'schedulers': [{'type': 'ConstantLR', 'factor': 0.1, 'totalIters': 2},
                         {'type': 'ExponentialLR', 'gamma': 0.9}]}, steps=60),
    case('SequentialLR three stages',
         {'type': 'SequentialLR', 'milestones': [5, 30],
          'schedulers': [{'type': 'LinearLR', 'startFactor': 0.2, 'totalIters': 5},
                         {'type': 'StepLR', 'stepSize': 10, 'gamma': 0.5},
                         {'type': 'CosineAnnealingWarmRestarts', 't0': 10, 'tMult': 2}]}, steps=120),
    case('SequentialLR warmup polynomial multiplicative',
         {'type': 'SequentialLR', 'milestones': [8, 40],
          'schedulers': [{'type': 'LinearLR', 'startFactor': 0.5, 'totalIters': 8},
                         {'type': 'PolynomialLR', 'totalIters': 20, 'power': 2.0},
                         {'type': 'MultiplicativeLR', 'lrLambda': '0.99'}]}, steps=80),
    case('SequentialLR lambda multistep swalr',
         {'type': 'SequentialLR', 'milestones': [10, 50],
          'schedulers': [{'type': 'LambdaLR', 'lrLambda': '(epoch + 1) / 10'},
                         {'type': 'MultiStepLR', 'milestones': [10, 20]},
                         {'type': 'SWALR', 'swaLr': 0.05, 'annealEpochs': 5}]}, steps=80),
    case('SequentialLR cyclic then constant',
         {'type': 'SequentialLR', 'milestones': [40],
          'schedulers': [{'type': 'CyclicLR', 'baseLr': 0.01, 'maxLr': 0.1, 'stepSizeUp': 10},
                         {'type': 'ConstantLR', 'factor': 0.5, 'totalIters': 10}]},
         steps=80, momentum=True),
    case('SequentialLR nested first',
         {'type': 'SequentialLR', 'milestones': [30],
          'schedulers': [{'type': 'SequentialLR', 'milestones': [5],
                          'schedulers': [{'type': 'LinearLR', 'startFactor': 0.1, 'totalIters': 5},
                                         {'type': 'ExponentialLR', 'gamma': 0.95}]},
                         {'type': 'CosineAnnealingLR', 'tMax': 50, 'etaMin': 0.001}]}, steps=100),
    # Quirks: OneCycleLR overwrites the shared group's initial_lr when constructed, CyclicLR
    # overwrites lr, schedulers without a closed form restart through get_lr at a milestone.
    case('SequentialLR constant then onecycle',
         {'type': 'SequentialLR', 'milestones': [10],
          'schedulers': [{'type': 'ConstantLR', 'factor': 0.5, 'totalIters': 5},
                         {'type': 'OneCycleLR', 'maxLr': 0.4, 'totalSteps': 100}]},
         steps=100, momentum=True),
    case('SequentialLR linear then cyclic',
         {'type': 'SequentialLR', 'milestones': [15],
          'schedulers': [{'type': 'LinearLR', 'startFactor': 0.2, 'totalIters': 15},
                         {'type': 'CyclicLR', 'baseLr': 0.02, 'maxLr': 0.2, 'stepSizeUp': 10,
                          'mode': 'triangular2'}]}, steps=100, momentum=True),
    case('SequentialLR restarts then lambda',
         {'type': 'SequentialLR', 'milestones': [35],
          'schedulers': [{'type': 'CosineAnnealingWarmRestarts', 't0': 5, 'tMult': 2},
                         {'type': 'LambdaLR', 'lrLambda': '0.97 ** epoch'}]}, steps=90),
    case('SequentialLR exponential then swalr linear',
         {'type': 'SequentialLR', 'milestones': [20],
          'schedulers': [{'type': 'ExponentialLR', 'gamma': 0.9},
                         {'type': 'SWALR', 'swaLr': 0.01, 'annealEpochs': 10,
                          'annealStrategy': 'linear'}]}, steps=60),
    case('SequentialLR three levels',
         {'type': 'SequentialLR', 'milestones': [40],
          'schedulers': [{'type': 'SequentialLR', 'milestones': [20],
                          'schedulers': [{'type': 'SequentialLR', 'milestones': [5],
                                          'schedulers': [{'type': 'LinearLR', 'totalIters': 5},
                                                         {'type': 'ConstantLR', 'factor': 0.5}]},
                                         {'type': 'PolynomialLR', 'totalIters': 15}]},
                         {'type': 'StepLR', 'stepSize': 10, 'gamma': 0.5}]}, steps=80),
    case('ReduceLROnPlateau', {'type': 'ReduceLROnPlateau', 'patience': 3},
         metrics=plateau_metrics(100)),
    case('ReduceLROnPlateau defaults', {'type': 'ReduceLROnPlateau'}, metrics=plateau_metrics(100)),
    case('ReduceLROnPlateau cooldown abs', {'type': 'ReduceLROnPlateau', 'patience': 2, 'cooldown': 4,
                                            'thresholdMode': 'abs', 'threshold': 0.005, 'factor': 0.5},
         metrics=plateau_metrics(100)),
    case('ReduceLROnPlateau minLr eps', {'type': 'ReduceLROnPlateau', 'patience': 1, 'factor': 0.2,
                                         'minLr': 0.001, 'eps': 1e-4}, metrics=plateau_metrics(100)),
    case('ReduceLROnPlateau max rel', {'type': 'ReduceLROnPlateau', 'mode': 'max', 'patience': 2,
                                       'threshold': 0.01}, metrics=plateau_metrics_max(100)),
    case('ReduceLROnPlateau max abs', {'type': 'ReduceLROnPlateau', 'mode': 'max', 'patience': 0,
                                       'thresholdMode': 'abs', 'threshold': 0.0},
         metrics=plateau_metrics_max(100)),
    case('SWALR cos', {'type': 'SWALR', 'swaLr': 0.02}, steps=40),
    case('SWALR linear', {'type': 'SWALR', 'swaLr': 0.5, 'annealEpochs': 15,
                          'annealStrategy': 'linear'}, steps=40),
    case('SWALR no anneal', {'type': 'SWALR', 'swaLr': 0.03, 'annealEpochs': 0}, steps=20),
]


def past_end(name, config, final, steps, optimizer='SGD', momentum=True):
    """A scheduler with an end, stepped past it. `final` is the index of the first optimizer
    step that uses the schedule's final lr; `steps` goes beyond it."""
    c = case(name, config, steps=steps, optimizer=optimizer, momentum=momentum)
    c['final'] = final
    return c


# Every scheduler that has an end, stepped beyond it. The OneCycleLR cases are the ordinary
# loop (totalSteps optimizer steps, each followed by scheduler.step()) plus one more read:
# lr[totalSteps] is what torch computes after the last step, which no step uses; torch raises
# on the next step(). The first is issue 11's report (linear, three-phase, 30 steps).
PAST_END_CASES = [
    past_end('OneCycleLR linear threePhase', {'type': 'OneCycleLR', 'maxLr': 0.05, 'totalSteps': 30,
                                              'annealStrategy': 'linear', 'threePhase': True},
             final=29, steps=31),
    past_end('OneCycleLR linear', {'type': 'OneCycleLR', 'maxLr': 0.05, 'totalSteps': 30,
                                   'annealStrategy': 'linear'}, final=29, steps=31),
    past_end('OneCycleLR cos', {'type': 'OneCycleLR', 'maxLr': 0.05, 'totalSteps': 30},
             final=29, steps=31),
    past_end('OneCycleLR cos threePhase', {'type': 'OneCycleLR', 'maxLr': 0.05, 'totalSteps': 30,
                                           'threePhase': True}, final=29, steps=31),
    past_end('OneCycleLR linear Adam beta1', {'type': 'OneCycleLR', 'maxLr': 0.01, 'totalSteps': 20,
                                              'annealStrategy': 'linear', 'pctStart': 0.5},
             final=19, steps=21, optimizer='Adam'),
    past_end('SequentialLR warmup then OneCycleLR linear',
             {'type': 'SequentialLR', 'milestones': [5],
              'schedulers': [{'type': 'LinearLR', 'startFactor': 0.5, 'totalIters': 5},
                             {'type': 'OneCycleLR', 'maxLr': 0.05, 'totalSteps': 25,
                              'annealStrategy': 'linear'}]}, final=29, steps=31),
    past_end('LinearLR', {'type': 'LinearLR', 'startFactor': 0.2, 'totalIters': 10}, final=10,
             steps=40, momentum=False),
    past_end('ConstantLR', {'type': 'ConstantLR', 'factor': 0.5, 'totalIters': 10}, final=10,
             steps=40, momentum=False),
    past_end('PolynomialLR', {'type': 'PolynomialLR', 'totalIters': 10, 'power': 1.0}, final=10,
             steps=40, momentum=False),
    past_end('PolynomialLR power', {'type': 'PolynomialLR', 'totalIters': 10, 'power': 0.5},
             final=10, steps=40, momentum=False),
    past_end('SWALR cos', {'type': 'SWALR', 'swaLr': 0.02, 'annealEpochs': 10}, final=10, steps=40,
             momentum=False),
    past_end('SWALR linear', {'type': 'SWALR', 'swaLr': 0.02, 'annealEpochs': 10,
                              'annealStrategy': 'linear'}, final=10, steps=40, momentum=False),
]


SKIPPED_ARGS = {'self', 'optimizer', 'last_epoch', 'verbose', 'scale_fn', 'scale_mode', 'epochs',
                'steps_per_epoch'}
CAMEL = {torch_name: camel for camel, torch_name in RENAMES.items()}
TYPES = ['StepLR', 'MultiStepLR', 'ExponentialLR', 'MultiplicativeLR', 'LambdaLR', 'LinearLR',
         'ConstantLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'PolynomialLR',
         'CyclicLR', 'OneCycleLR', 'ReduceLROnPlateau', 'SWALR']


def torch_defaults():
    """Each scheduler's keyword defaults, read from torch's own signatures (None = no default)."""
    out = {}
    for kind in TYPES:
        cls = SWALR if kind == 'SWALR' else getattr(S, kind)
        params = inspect.signature(cls.__init__).parameters.values()
        out[kind] = {CAMEL[p.name]: p.default for p in params
                     if p.name not in SKIPPED_ARGS and p.default is not inspect.Parameter.empty
                     and p.default is not None}
    return out


def main():
    out = {'torch': torch.__version__, 'defaults': torch_defaults(),
           'cases': [run(dict(c)) for c in CASES],
           'pastEnd': [run(dict(c), last_step_may_raise=True) for c in PAST_END_CASES]}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'schedule.json')
    with open(path, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {len(out["cases"])} + {len(out["pastEnd"])} cases to {path} '
          f'({os.path.getsize(path)} bytes)')


if __name__ == '__main__':
    main()
