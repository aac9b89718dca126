"""Reference trajectories for optim-lab's optimizers, produced by torch.optim itself.

Run with Debian's PyTorch 1.13 (float32, CPU, deterministic):

    /usr/bin/python3 test/reference/optim_reference.py

Writes test/reference/optim.json. CI never runs this: the JSON is committed.

Design: every "gradient" case starts from the same parameters (a 3x2 matrix `w` and a
length-3 vector `b`) and feeds the same seeded gradient sequence step by step
(`p.grad = g; opt.step()`), so the only thing under test is the update rule. `changes`
set lr / momentum / betas in param_groups before a given step (0-based), as a scheduler
would. "loss" cases instead compute real gradients of a loss (Rosenbrock, a quadratic)
so the JS side can check that gradients flow through `minimize` the same way.

Two things torch 1.13 lacks are emulated here, and say so:
- NAdam and RAdam have no `maximize` flag in 1.13. Later torch releases implement it as
  `grad = -grad` before anything else; feeding the negated gradient is exactly that.
- Lookahead (Zhang et al. 2019) is not in torch. `Lookahead` below is Algorithm 1 of the
  paper: slow weights start at the initial parameters; after every k inner steps
  slow += alpha * (fast - slow) and fast = slow; the inner optimizer keeps its state.
  (torch_optimizer and timm lazily copy the slow weights at the first sync instead,
  which makes the first sync a no-op; we follow the paper.)
"""

import json
import os

import numpy as np
import torch

STEPS = 20
SEED = 1234
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim.json")

torch.use_deterministic_algorithms(True)
torch.set_default_dtype(torch.float32)


def f32(values):
    """Shortest decimal that round-trips to the same float32 (keeps the JSON small)."""
    return [float(repr(np.float32(v))) for v in np.asarray(values, dtype=np.float32).ravel()]


class Lookahead:
    """Lookahead, Algorithm 1 of Zhang et al. 2019 (not part of torch; see module docstring)."""

    def __init__(self, inner, k=5, alpha=0.5):
        self.inner = inner
        self.k = k
        self.alpha = alpha
        self.param_groups = inner.param_groups
        self.slow = [p.detach().clone() for g in inner.param_groups for p in g["params"]]
        self.counter = 0

    @torch.no_grad()
    def step(self):
        self.inner.step()
        self.counter += 1
        if self.counter % self.k == 0:
            params = [p for g in self.param_groups for p in g["params"]]
            for p, slow in zip(params, self.slow):
                slow.add_(p - slow, alpha=self.alpha)
                p.copy_(slow)


# torch argument names for our camelCase options
TORCH_NAMES = {
    "lr": "lr",
    "momentum": "momentum",
    "dampening": "dampening",
    "weightDecay": "weight_decay",
    "nesterov": "nesterov",
    "maximize": "maximize",
    "betas": "betas",
    "eps": "eps",
    "amsgrad": "amsgrad",
    "momentumDecay": "momentum_decay",
    "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value",
    "rho": "rho",
    "alpha": "alpha",
    "centered": "centered",
}
NO_MAXIMIZE_IN_1_13 = {"NAdam", "RAdam"}


def build(config, params):
    """Returns (optimizer, negate_grads) for one of our configs."""
    if config["type"] == "Lookahead":
        inner, negate = build(config["optimizer"], params)
        return Lookahead(inner, k=config.get("k", 5), alpha=config.get("alpha", 0.5)), negate
    kwargs = {TORCH_NAMES[k]: (tuple(v) if k == "betas" else v) for k, v in config.items() if k != "type"}
    negate = False
    if config["type"] in NO_MAXIMIZE_IN_1_13 and kwargs.pop("maximize", False):
        negate = True
    if config["type"] == "SGD" and "lr" not in kwargs:
        kwargs["lr"] = 1e-3
    return getattr(torch.optim, config["type"])(params, **kwargs), negate


def apply_changes(opt, changes, step):
    for change in changes:
        if change["step"] != step:
            continue
        for group in opt.param_groups:
            for key in ("lr", "momentum", "betas"):
                if key in change:
                    group[key] = tuple(change[key]) if key == "betas" else change[key]


def initial_params():
    gen = torch.Generator().manual_seed(SEED)
    w = torch.randn(3, 2, generator=gen)
    b = torch.randn(3, generator=gen) * 0.5
    return w, b


def gradient_sequence():
    gen = torch.Generator().manual_seed(SEED + 1)
    seq = []
    for step in range(STEPS):
        # Vary the scale over time so adaptive methods see changing magnitudes, and make a
        # few entries tiny so eps matters.
        scale = 1.0 + 0.5 * np.sin(step)
        gw = torch.randn(3, 2, generator=gen) * scale
        gb = torch.randn(3, generator=gen) * scale
        gw[0, 1] *= 1e-3
        seq.append((gw, gb))
    return seq


def run_gradient_case(config, changes=()):
    w0, b0 = initial_params()
    w = w0.clone().requires_grad_(True)
    b = b0.clone().requires_grad_(True)
    opt, negate = build(config, [w, b])
    out = []
    for step, (gw, gb) in enumerate(gradient_sequence()):
        apply_changes(opt, changes, step)
        w.grad = -gw.clone() if negate else gw.clone()
        b.grad = -gb.clone() if negate else gb.clone()
        opt.step()
        out.append(f32(w.detach()) + f32(b.detach()))
    return out


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def quadratic_data():
    gen = torch.Generator().manual_seed(SEED + 2)
    a = torch.randn(4, 3, generator=gen)
    target = torch.randn(4, generator=gen)
    return a, target


def quadratic(p):
    """0.5 * mean((A p - t)^2) with fixed seeded A (4x3) and t (4)."""
    a, target = quadratic_data()
    return 0.5 * torch.mean((a @ p - target) ** 2)


LOSSES = {
    "rosenbrock": (rosenbrock, [-1.2, 1.0]),
    "quadratic": (quadratic, [0.5, -0.3, 0.8]),
}


def run_loss_case(config, loss, steps):
    fn, start = LOSSES[loss]
    p = torch.tensor(start, dtype=torch.float32, requires_grad=True)
    opt, _ = build(config, [p])
    out = []
    for _ in range(steps):
        p.grad = None
        fn(p).backward()
        opt.step()
        out.append(f32(p.detach()))
    return out


GRADIENT_CASES = [
    # SGD
    ("SGD plain", {"type": "SGD", "lr": 0.1}),
    ("SGD momentum", {"type": "SGD", "lr": 0.05, "momentum": 0.9}),
    ("SGD momentum dampening", {"type": "SGD", "lr": 0.05, "momentum": 0.9, "dampening": 0.3}),
    ("SGD nesterov", {"type": "SGD", "lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD weight decay", {"type": "SGD", "lr": 0.05, "momentum": 0.8, "weightDecay": 0.1}),
    ("SGD maximize", {"type": "SGD", "lr": 0.05, "momentum": 0.9, "maximize": True}),
    ("SGD nesterov wd maximize", {"type": "SGD", "lr": 0.03, "momentum": 0.7, "nesterov": True, "weightDecay": 0.05, "maximize": True}),
    # Adam
    ("Adam defaults", {"type": "Adam"}),
    ("Adam lr betas eps", {"type": "Adam", "lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-6}),
    ("Adam weight decay", {"type": "Adam", "lr": 0.02, "weightDecay": 0.1}),
    ("Adam amsgrad", {"type": "Adam", "lr": 0.02, "amsgrad": True}),
    ("Adam amsgrad wd maximize", {"type": "Adam", "lr": 0.02, "amsgrad": True, "weightDecay": 0.05, "maximize": True}),
    # AdamW
    ("AdamW defaults", {"type": "AdamW"}),
    ("AdamW strong decay", {"type": "AdamW", "lr": 0.05, "weightDecay": 0.5}),
    ("AdamW amsgrad", {"type": "AdamW", "lr": 0.02, "amsgrad": True, "betas": [0.85, 0.995]}),
    ("AdamW maximize", {"type": "AdamW", "lr": 0.02, "maximize": True}),
    # NAdam
    ("NAdam defaults", {"type": "NAdam"}),
    ("NAdam options", {"type": "NAdam", "lr": 0.03, "betas": [0.85, 0.99], "eps": 1e-7, "momentumDecay": 0.01}),
    ("NAdam weight decay", {"type": "NAdam", "lr": 0.02, "weightDecay": 0.1}),
    ("NAdam maximize", {"type": "NAdam", "lr": 0.02, "maximize": True}),
    # RAdam: with beta2=0.999 rho_t > 5 only from step 6, so 20 steps cover both branches
    ("RAdam defaults", {"type": "RAdam"}),
    ("RAdam options", {"type": "RAdam", "lr": 0.03, "betas": [0.8, 0.99], "eps": 1e-6}),
    ("RAdam weight decay", {"type": "RAdam", "lr": 0.02, "weightDecay": 0.1}),
    ("RAdam maximize", {"type": "RAdam", "lr": 0.02, "maximize": True}),
    # Adamax
    ("Adamax defaults", {"type": "Adamax"}),
    ("Adamax options", {"type": "Adamax", "lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-6}),
    ("Adamax weight decay", {"type": "Adamax", "lr": 0.02, "weightDecay": 0.1}),
    ("Adamax maximize", {"type": "Adamax", "lr": 0.02, "maximize": True}),
    # Adagrad
    ("Adagrad defaults", {"type": "Adagrad"}),
    ("Adagrad lr decay", {"type": "Adagrad", "lr": 0.1, "lrDecay": 0.05}),
    ("Adagrad initial accumulator", {"type": "Adagrad", "lr": 0.1, "initialAccumulatorValue": 0.5, "eps": 1e-8}),
    ("Adagrad wd maximize", {"type": "Adagrad", "lr": 0.1, "weightDecay": 0.1, "maximize": True}),
    # Adadelta
    ("Adadelta defaults", {"type": "Adadelta"}),
    ("Adadelta options", {"type": "Adadelta", "lr": 0.5, "rho": 0.8, "eps": 1e-5}),
    ("Adadelta wd maximize", {"type": "Adadelta", "lr": 1.0, "weightDecay": 0.1, "maximize": True}),
    # RMSprop
    ("RMSprop defaults", {"type": "RMSprop"}),
    ("RMSprop alpha eps", {"type": "RMSprop", "lr": 0.02, "alpha": 0.9, "eps": 1e-6}),
    ("RMSprop centered", {"type": "RMSprop", "lr": 0.01, "centered": True}),
    ("RMSprop momentum", {"type": "RMSprop", "lr": 0.01, "momentum": 0.9}),
    ("RMSprop centered momentum", {"type": "RMSprop", "lr": 0.01, "centered": True, "momentum": 0.8}),
    ("RMSprop wd maximize", {"type": "RMSprop", "lr": 0.01, "weightDecay": 0.1, "maximize": True, "momentum": 0.5}),
    # Lookahead
    ("Lookahead SGD momentum k3", {"type": "Lookahead", "k": 3, "alpha": 0.5, "optimizer": {"type": "SGD", "lr": 0.05, "momentum": 0.9}}),
    ("Lookahead Adam k3", {"type": "Lookahead", "k": 3, "alpha": 0.6, "optimizer": {"type": "Adam", "lr": 0.05}}),
    ("Lookahead RAdam defaults", {"type": "Lookahead", "optimizer": {"type": "RAdam", "lr": 0.05}}),
]

# Hyperparameters changed between steps, as a scheduler would do it.
CHANGE_CASES = [
    ("SGD lr and momentum change", {"type": "SGD", "lr": 0.05, "momentum": 0.9},
     [{"step": 5, "lr": 0.02}, {"step": 10, "momentum": 0.5}, {"step": 15, "lr": 0.1, "momentum": 0.95}]),
    ("SGD momentum from zero", {"type": "SGD", "lr": 0.05},
     [{"step": 7, "momentum": 0.9}]),
    ("Adam lr and betas change", {"type": "Adam", "lr": 0.02},
     [{"step": 4, "lr": 0.05}, {"step": 9, "betas": [0.8, 0.99]}, {"step": 14, "lr": 0.005, "betas": [0.95, 0.999]}]),
    ("AdamW lr change", {"type": "AdamW", "lr": 0.02, "weightDecay": 0.3},
     [{"step": 6, "lr": 0.08}, {"step": 12, "lr": 0.01}]),
    ("NAdam betas change", {"type": "NAdam", "lr": 0.02},
     [{"step": 8, "betas": [0.8, 0.99], "lr": 0.01}]),
    ("RAdam lr change", {"type": "RAdam", "lr": 0.02},
     [{"step": 8, "lr": 0.05, "betas": [0.85, 0.999]}]),
    ("Adamax betas change", {"type": "Adamax", "lr": 0.02},
     [{"step": 8, "betas": [0.8, 0.99], "lr": 0.05}]),
    ("Adagrad lr change", {"type": "Adagrad", "lr": 0.1, "lrDecay": 0.01},
     [{"step": 10, "lr": 0.3}]),
    ("Adadelta lr change", {"type": "Adadelta", "lr": 1.0},
     [{"step": 10, "lr": 0.3}]),
    ("RMSprop lr and momentum change", {"type": "RMSprop", "lr": 0.01, "momentum": 0.9, "centered": True},
     [{"step": 6, "lr": 0.003}, {"step": 12, "momentum": 0.5}]),
    ("Lookahead SGD lr momentum change", {"type": "Lookahead", "k": 3, "optimizer": {"type": "SGD", "lr": 0.05, "momentum": 0.9}},
     [{"step": 5, "lr": 0.02, "momentum": 0.6}]),
]

LOSS_CASES = [
    ("Rosenbrock Adam", {"type": "Adam", "lr": 0.05}, "rosenbrock", 30),
    ("Rosenbrock SGD nesterov", {"type": "SGD", "lr": 5e-4, "momentum": 0.9, "nesterov": True}, "rosenbrock", 30),
    ("Quadratic RMSprop centered", {"type": "RMSprop", "lr": 0.01, "centered": True, "momentum": 0.5}, "quadratic", 30),
    ("Quadratic Lookahead AdamW", {"type": "Lookahead", "k": 4, "optimizer": {"type": "AdamW", "lr": 0.05}}, "quadratic", 30),
]


def main():
    w0, b0 = initial_params()
    grads = gradient_sequence()
    a, target = quadratic_data()
    cases = []
    for name, config in GRADIENT_CASES:
        cases.append({"name": name, "kind": "gradients", "config": config, "changes": [],
                      "expected": run_gradient_case(config)})
    for name, config, changes in CHANGE_CASES:
        cases.append({"name": name, "kind": "gradients", "config": config, "changes": changes,
                      "expected": run_gradient_case(config, changes)})
    for name, config, loss, steps in LOSS_CASES:
        cases.append({"name": name, "kind": "loss", "loss": loss, "config": config,
                      "start": LOSSES[loss][1], "expected": run_loss_case(config, loss, steps)})
    doc = {
        "generator": "test/reference/optim_reference.py",
        "torch": torch.__version__,
        "dtype": "float32",
        "params": {"w": {"shape": [3, 2], "values": f32(w0)}, "b": {"shape": [3], "values": f32(b0)}},
        "gradients": [{"w": f32(gw), "b": f32(gb)} for gw, gb in grads],
        "quadratic": {"a": {"shape": [4, 3], "values": f32(a)}, "target": f32(target)},
        "cases": cases,
    }
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")
    print(f"wrote {len(cases)} cases to {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
