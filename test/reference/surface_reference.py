"""Reference trajectories on 2-D loss surfaces, produced by torch.optim itself.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 test/reference/surface_reference.py
Writes test/reference/surface.json (committed; CI never runs this).

Each case is a surface config in optim-lab's format with one run. The loop is the one the
engine (src/surface/engine.ts) promises to be, written the way a PyTorch user would:

    p = torch.tensor(start, dtype=torch.float32, requires_grad=True)
    for each step:
        q = p.detach().double().requires_grad_()     # f and its gradient in float64 ...
        loss = f(q[0], q[1]); (g,) = torch.autograd.grad(loss, q)
        p.grad = g.float()                           # ... at the float32 point, fed as float32
        opt.step()
        sched.step()  /  sched.step(loss.item())     # ReduceLROnPlateau: the loss of the step

so fixture and engine agree on what "the gradient at θ" is. Per step it records the point
after the step, f and the float32 gradient there, the lr and momentum (or beta1) the step used
(param_groups[0] read before opt.step()), and opt.state[p] after the step.

The built-in surfaces are written out below from their textbook formulas, independently of
the TypeScript table they check. 'expression' cases evaluate the source with Python's own
parser on torch float64 tensors: the language is Python's expression syntax, so this also
checks that our parser reads it as Python does. min/max take the first of equal arguments
(Python's rule; torch.where routes the gradient to the one taken), as the engine does.
Lookahead (not in torch) is optim_reference.py's emulation; schedulers are built by
schedule_reference.py, acting on the inner optimizer's param_groups, which Lookahead shares.
"""
import json
import math
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import optim_reference  # noqa: E402  (build, Lookahead, f32)
import schedule_reference  # noqa: E402  (build)

OUT = os.path.join(HERE, "surface.json")
torch.use_deterministic_algorithms(True)
torch.set_default_dtype(torch.float32)


def rosenbrock(x, y, c):
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def beale(x, y, c):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2


def himmelblau(x, y, c):
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def saddle(x, y, c):
    return x ** 2 - y ** 2


def quadratic(x, y, c):
    return 0.5 * (x ** 2 + c * y ** 2)


def rastrigin(x, y, c):
    return 20 + x ** 2 - 10 * torch.cos(2 * math.pi * x) + y ** 2 - 10 * torch.cos(2 * math.pi * y)


BUILT_IN = {f.__name__: f for f in (rosenbrock, beale, himmelblau, saddle, quadratic, rastrigin)}


def tensor(value):
    return torch.as_tensor(value, dtype=torch.float64)


def first_of(better):
    def pick(*args):
        best = tensor(args[0])
        for arg in args[1:]:
            arg = tensor(arg)
            best = torch.where(better(arg, best), arg, best)
        return best
    return pick


def lift(fn):
    return lambda value: fn(tensor(value))


EXPRESSION_ENV = {
    "__builtins__": {},
    "pi": math.pi,
    "e": math.e,
    "min": first_of(lambda a, b: a < b),
    "max": first_of(lambda a, b: a > b),
    **{name: lift(getattr(torch, name)) for name in (
        "abs", "exp", "log", "sqrt", "floor", "ceil", "cos", "sin", "tan", "atan", "sinh",
        "cosh", "tanh")},
}


def surface_function(config):
    kind = config["function"]
    if kind == "expression":
        code = compile(config["expression"], "<expression>", "eval")
        return lambda x, y: eval(code, EXPRESSION_ENV, {"x": x, "y": y})  # our own fixture strings
    fn = BUILT_IN[kind]
    c = config.get("condition", 10)
    return lambda x, y: fn(x, y, c)


def value_and_grad(f, p):
    q = p.detach().double().requires_grad_(True)
    loss = f(q[0], q[1])
    (g,) = torch.autograd.grad(loss, q)
    return loss.item(), g.float()


def momentum_of(group):
    if "momentum" in group:
        return group["momentum"]
    if "betas" in group:
        return group["betas"][0]
    return None  # JSON has no NaN; the test reads null as "no momentum"


def state_of(opt, p):
    inner = opt.inner if isinstance(opt, optim_reference.Lookahead) else opt
    out = {}
    for key, value in inner.state[p].items():
        if value is None:
            continue  # SGD keeps momentum_buffer = None without momentum
        value = torch.as_tensor(value)
        out[key] = float(value) if value.numel() == 1 else optim_reference.f32(value)
    if inner is not opt:
        out["slow"] = optim_reference.f32(opt.slow[0])
    return out


def run_case(config):
    (run,) = config["runs"]
    f = surface_function(config)
    p = torch.tensor(config["start"], dtype=torch.float32, requires_grad=True)
    opt, negate = optim_reference.build(run["optimizer"], [p])
    assert not negate, "maximize on NAdam/RAdam is not used here"
    inner = opt.inner if isinstance(opt, optim_reference.Lookahead) else opt
    sched = schedule_reference.build(run.get("scheduler", {"type": "None"}), inner)
    loss, g = value_and_grad(f, p)
    out = {"points": [optim_reference.f32(p.detach())], "loss": [loss], "grad": [optim_reference.f32(g)],
           "lr": [], "momentum": [], "state": []}
    for _ in range(config["steps"]):
        group = opt.param_groups[0]
        out["lr"].append(group["lr"])
        out["momentum"].append(momentum_of(group))
        p.grad = g
        opt.step()
        if isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau):
            sched.step(loss)
        elif sched is not None:
            sched.step()
        loss, g = value_and_grad(f, p)
        out["points"].append(optim_reference.f32(p.detach()))
        out["loss"].append(loss)
        out["grad"].append(optim_reference.f32(g))
        out["state"].append(state_of(opt, p))
    return out


def case(name, function, start, optimizer, scheduler=None, steps=30, **extra):
    run = {"optimizer": optimizer}
    if scheduler is not None:
        run["scheduler"] = scheduler
    config = {"function": function, **extra, "start": start, "steps": steps, "runs": [run]}
    return {"name": name, "config": config}


ROSEN = [-1.5, 2.0]
EXPRESSIONS = {
    "smooth": "sqrt(x ** 2 + y ** 2 + 1) + 0.3 * sin(3 * x) * cos(2 * y) + 0.1 * tanh(x * y) + 0.05 * abs(x - y)",
    "transcendental": ("log(1 + x ** 2) + exp(0.2 * y) - 0.2 * y + 0.1 * atan(x) ** 2 + 0.01 * cosh(y)"
                       " + 0.01 * sinh(x) ** 2 + 0.1 * max(x, 0.5 * y) + 0.1 * min(x, y) ** 2 + 0.05 * tan(0.3 * x)"),
    "powers": "(x ** 2 + 1) ** 1.5 + 2 ** (0.5 * y) - 0.7 * y + (y ** 2 + 0.5) ** 0.25 + x ** -2 * 0.01 + (-x) ** 4 * 0.01",
    "piecewise": "x ** 2 + (y % 2 - 1) ** 2 + 0.1 * floor(x) + 0.1 * ceil(y) - -e ** -x * 0.01 / pi",
}

CASES = [
    # Every optimizer type (and the SGD presets) on Rosenbrock, at its shorthand lr.
    case("rosenbrock SGD", "rosenbrock", ROSEN, {"type": "SGD", "lr": 5e-4}),
    case("rosenbrock SGD momentum", "rosenbrock", ROSEN, {"type": "SGD", "lr": 5e-4, "momentum": 0.9}),
    case("rosenbrock Nesterov", "rosenbrock", ROSEN, {"type": "SGD", "lr": 1e-4, "momentum": 0.9, "nesterov": True}),
    case("rosenbrock Adagrad lrDecay", "rosenbrock", ROSEN, {"type": "Adagrad", "lr": 0.2, "lrDecay": 0.01}),
    case("rosenbrock Adadelta", "rosenbrock", ROSEN, {"type": "Adadelta", "lr": 20}),
    case("rosenbrock RMSprop", "rosenbrock", ROSEN, {"type": "RMSprop", "lr": 0.02}),
    case("rosenbrock Adam", "rosenbrock", ROSEN, {"type": "Adam", "lr": 0.2}),
    case("rosenbrock AdamW decay", "rosenbrock", ROSEN, {"type": "AdamW", "lr": 0.2, "weightDecay": 0.1}),
    case("rosenbrock NAdam", "rosenbrock", ROSEN, {"type": "NAdam", "lr": 0.1}),
    case("rosenbrock RAdam", "rosenbrock", ROSEN, {"type": "RAdam", "lr": 5e-4}),
    case("rosenbrock Adamax", "rosenbrock", ROSEN, {"type": "Adamax", "lr": 0.2}),
    case("rosenbrock Lookahead Adam", "rosenbrock", ROSEN, {"type": "Lookahead", "optimizer": {"type": "Adam", "lr": 0.2}}),
    # Options, other surfaces and starts.
    case("beale Adam amsgrad", "beale", [1.0, 1.5], {"type": "Adam", "lr": 0.5, "amsgrad": True}),
    case("beale RMSprop centered momentum", "beale", [-1.0, 1.2],
         {"type": "RMSprop", "lr": 0.01, "centered": True, "momentum": 0.5, "alpha": 0.9}),
    case("himmelblau SGD dampening", "himmelblau", [-0.5, -1.0], {"type": "SGD", "lr": 0.005, "momentum": 0.9, "dampening": 0.3}),
    case("himmelblau Adagrad accumulator", "himmelblau", [0.5, 4.0],
         {"type": "Adagrad", "lr": 0.5, "initialAccumulatorValue": 0.1, "eps": 1e-8}),
    case("saddle Adam", "saddle", [1.5, 0.01], {"type": "Adam", "lr": 0.005}),
    case("saddle SGD nesterov decay maximize", "saddle", [0.3, 1.2],
         {"type": "SGD", "lr": 0.01, "momentum": 0.8, "nesterov": True, "weightDecay": 0.05, "maximize": True}),
    case("quadratic SGD", "quadratic", [-2.5, 1.5], {"type": "SGD", "lr": 0.02}, condition=10),
    case("quadratic ravine Nesterov", "quadratic", [-2.5, 1.5], {"type": "SGD", "lr": 0.005, "momentum": 0.9, "nesterov": True}, condition=100),
    case("quadratic NAdam options", "quadratic", [2.0, -1.0],
         {"type": "NAdam", "lr": 0.05, "betas": [0.8, 0.99], "momentumDecay": 0.01, "eps": 1e-6}, condition=3),
    case("rastrigin SGD", "rastrigin", [-3.3, 2.6], {"type": "SGD", "lr": 0.002}),
    case("rastrigin Adamax decay", "rastrigin", [1.2, -0.7], {"type": "Adamax", "lr": 0.05, "weightDecay": 0.1}),
    case("rastrigin Lookahead SGD momentum", "rastrigin", [-3.3, 2.6],
         {"type": "Lookahead", "k": 3, "alpha": 0.6, "optimizer": {"type": "SGD", "lr": 0.001, "momentum": 0.9}}),
    case("expression smooth Adam", "expression", [2.0, 1.5], {"type": "Adam", "lr": 0.05}, expression=EXPRESSIONS["smooth"]),
    case("expression transcendental RMSprop", "expression", [1.5, -1.0], {"type": "RMSprop", "lr": 0.02},
         expression=EXPRESSIONS["transcendental"]),
    case("expression powers SGD momentum", "expression", [1.2, 1.5], {"type": "SGD", "lr": 0.01, "momentum": 0.9},
         expression=EXPRESSIONS["powers"]),
    case("expression piecewise Adam", "expression", [2.2, 1.3], {"type": "Adam", "lr": 0.05}, expression=EXPRESSIONS["piecewise"]),
    # Schedulers: the lr (and momentum / beta1) they give, step by step.
    case("rosenbrock SGD momentum StepLR", "rosenbrock", ROSEN, {"type": "SGD", "lr": 5e-4, "momentum": 0.9},
         {"type": "StepLR", "stepSize": 10, "gamma": 0.5}, steps=40),
    case("quadratic SGD momentum OneCycleLR", "quadratic", [-2.5, 1.5], {"type": "SGD", "lr": 0.01, "momentum": 0.9},
         {"type": "OneCycleLR", "maxLr": 0.05, "totalSteps": 40}, steps=40),
    case("beale Adam OneCycleLR beta1", "beale", [1.0, 1.5], {"type": "Adam", "lr": 0.1},
         {"type": "OneCycleLR", "maxLr": 0.5, "totalSteps": 40}, steps=40),
    case("rastrigin SGD warm restarts", "rastrigin", [-3.3, 2.6], {"type": "SGD", "lr": 0.004},
         {"type": "CosineAnnealingWarmRestarts", "t0": 10, "tMult": 2}, steps=40),
    case("himmelblau Adam plateau", "himmelblau", [-0.5, -1.0], {"type": "Adam", "lr": 0.5},
         {"type": "ReduceLROnPlateau", "patience": 2, "factor": 0.5}, steps=40),
    case("saddle RMSprop CyclicLR", "saddle", [1.5, 0.01], {"type": "RMSprop", "lr": 0.002},
         {"type": "CyclicLR", "baseLr": 0.001, "maxLr": 0.01, "stepSizeUp": 5}, steps=30),
    case("quadratic Adagrad LambdaLR", "quadratic", [-2.5, 1.5], {"type": "Adagrad", "lr": 0.5},
         {"type": "LambdaLR", "lrLambda": "0.9 ** epoch"}, condition=10),
    case("rosenbrock Lookahead Adam warmup cosine", "rosenbrock", ROSEN, {"type": "Lookahead", "k": 4, "optimizer": {"type": "Adam", "lr": 0.2}},
         {"type": "SequentialLR", "milestones": [5], "schedulers": [
             {"type": "LinearLR", "startFactor": 0.2, "totalIters": 5}, {"type": "CosineAnnealingLR", "tMax": 25}]}),
    case("expression Adadelta ExponentialLR", "expression", [2.0, 1.5], {"type": "Adadelta", "lr": 10},
         {"type": "ExponentialLR", "gamma": 0.95}, expression=EXPRESSIONS["smooth"]),
    case("himmelblau NAdam MultiStepLR", "himmelblau", [0.5, 4.0], {"type": "NAdam", "lr": 0.1},
         {"type": "MultiStepLR", "milestones": [10, 20], "gamma": 0.3}),
    case("rosenbrock RAdam PolynomialLR", "rosenbrock", [0.0, 2.5], {"type": "RAdam", "lr": 5e-4},
         {"type": "PolynomialLR", "totalIters": 30, "power": 2.0}),
    # Too large an lr: torch's points grow without bound (the engine stops them, see the test).
    case("rosenbrock SGD diverges", "rosenbrock", ROSEN, {"type": "SGD", "lr": 0.01}, steps=12),
]


def finite_or_null(value):
    """JSON has no NaN or Infinity: the diverging case's non-finite numbers become null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [finite_or_null(v) for v in value]
    if isinstance(value, dict):
        return {k: finite_or_null(v) for k, v in value.items()}
    return value


def main():
    cases = []
    for c in CASES:
        c = dict(c)
        c["expected"] = finite_or_null(run_case(c["config"]))
        cases.append(c)
    doc = {
        "generator": "test/reference/surface_reference.py",
        "torch": torch.__version__,
        "gradient": "float64 autograd at the float32 point, cast to float32 and set as p.grad",
        "cases": cases,
    }
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {len(cases)} cases to {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
