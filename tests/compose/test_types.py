"""The composition core is type-checked (mypy, strict enough to catch a Point used as a Problem)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = [
    "shuifa/compose",
    "shuifa/checkup",
    "shuifa/scope.py",
    "shuifa/plan.py",
    "shuifa/cli/composition_options.py",
    "shuifa/render/context.py",
]


def test_composition_core_type_checks(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path), *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
