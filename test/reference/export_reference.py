"""Writes test/reference/export.json: what the scripts toPyTorch exports compute in torch 1.13.

Run with Debian's torch (needs node too, for the export step):

    /usr/bin/python3 test/reference/export_reference.py

export_scripts.mjs writes the exported script of every experiment in
test/export/experiments.ts; each is then imported (not run as __main__) and its train()
called, which gives {run id: [mini-batch training loss of each step]}. Recorded per
experiment: the script's sha256 (so the fixture is tied to the exporter that wrote it), the
losses, the batch order of the first two epochs from the script's own epoch_order(), and,
for scripts with Stochastic Weight Averaging (their train() takes swa_history), every
evaluation of each run's AveragedModel: its step, validation loss and accuracy, training loss.
Each lrLambda in EXPORT_LAMBDAS is also evaluated in its exported Python form at epochs
0..40. The TS tests compare all of it with the engine (pytorch-reference.test.ts).
"""
import hashlib
import inspect
import json
import math
import os
import pathlib
import runpy
import shutil
import subprocess
import tempfile
import warnings

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / 'export.json'
LAMBDA_EPOCHS = range(41)


def f32(values):
    """Shortest decimal that round-trips to the same float32 (keeps the JSON small)."""
    return [float(repr(np.float32(v))) for v in values]


def export_scripts(folder):
    node = shutil.which('node')
    if node is None:
        raise SystemExit('export_reference.py needs node on the PATH (to run toPyTorch)')
    subprocess.run([node, str(HERE / 'export_scripts.mjs'), folder], check=True, cwd=ROOT)
    with open(os.path.join(folder, 'manifest.json')) as f:
        return json.load(f)


def run_script(path):
    source = pathlib.Path(path).read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter('error')  # e.g. an invalid escape in a string is a bug
        compile(source, path, 'exec')
    script = runpy.run_path(path)  # defines everything; trains only when run as __main__
    with_swa = 'swa_history' in inspect.signature(script['train']).parameters
    swa_history = {}
    losses = script['train'](swa_history=swa_history) if with_swa else script['train']()
    result = {
        'sha256': hashlib.sha256(source).hexdigest(),
        'losses': {run_id: f32(values) for run_id, values in losses.items()},
        'epochOrders': [script['epoch_order'](epoch) for epoch in (0, 1)],
    }
    if with_swa:
        result['swa'] = {run_id: swa_series(history) for run_id, history in swa_history.items()}
    return result


SWA_METRICS = {'val_loss': 'valLoss', 'val_accuracy': 'valAccuracy', 'train_loss': 'trainLoss'}


def swa_series(history):
    """[(step, metrics), ...] of one AveragedModel as arrays; metrics a split lacks are left out."""
    series = {'steps': [step for step, _ in history]}
    for name, key in SWA_METRICS.items():
        if all(name in metrics for _, metrics in history):
            series[key] = f32([metrics[name] for _, metrics in history])
    return series


def main():
    torch.set_num_threads(1)  # reproducible reductions, whatever the machine
    # torch 1.13's SequentialLR steps its schedulers with an epoch, which warns each time.
    warnings.filterwarnings('ignore', message='The epoch parameter')
    with tempfile.TemporaryDirectory() as folder:
        manifest = export_scripts(folder)
        experiments = []
        for entry in manifest['experiments']:
            result = run_script(os.path.join(folder, entry['file']))
            experiments.append({'name': entry['name'], 'config': entry['config'], **result})
            steps = sum(len(v) for v in result['losses'].values())
            print(f"  {entry['name']}: {len(result['losses'])} runs, {steps} steps")
    lambdas = []
    for entry in manifest['lambdas']:
        function = eval(entry['python'], {'__builtins__': {'min': min, 'max': max, 'abs': abs},
                                          'math': math})  # our own exporter's output
        lambdas.append({**entry, 'values': [function(epoch) for epoch in LAMBDA_EPOCHS]})
    out = {'torch': torch.__version__, 'experiments': experiments, 'lambdas': lambdas}
    with open(OUT, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {len(experiments)} experiments and {len(lambdas)} lambdas to {OUT} '
          f'({os.path.getsize(OUT)} bytes)')


if __name__ == '__main__':
    main()
