"""Regenerate every PyTorch reference fixture (run with /usr/bin/python3; needs python3-torch).

CI does not need torch: the JSON outputs are committed. Each generator is deterministic, so a
re-run that changes a fixture means PyTorch (or the generator) changed.
"""
import pathlib
import runpy

HERE = pathlib.Path(__file__).resolve().parent

for script in ("optim_reference.py", "schedule_reference.py", "export_reference.py", "surface_reference.py"):
    print(f"== {script}")
    runpy.run_path(str(HERE / script), run_name="__main__")
