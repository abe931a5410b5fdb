#!/usr/bin/env python3
"""One entry point for a fresh machine with only Python 3.11+.

    python3 dev.py run           set up .venv (first time / when pyproject.toml changed) and start the app
    python3 dev.py test [ARGS]   set up and run every test (pytest ARGS…)
    python3 dev.py bench         set up and print the benchmark figures
    python3 dev.py screenshots   set up and retake the README screenshots (docs/screenshots/)

Only the standard library is used here; everything else is installed into .venv.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".shuifa-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def setup() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - a friendly message on an old Python
        sys.exit("述法助手需要 Python 3.11 或更高版本。")
    py = venv_python()
    if not py.exists():
        print("正在创建虚拟环境 .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != want:
        print("正在安装依赖（首次需要几分钟）…", flush=True)
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "-e", f"{ROOT}[dev]"])
        STAMP.write_text(want)
    return py


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "run"
    rest = argv[1:]
    if cmd not in {"run", "test", "bench", "screenshots", "setup"}:
        print(__doc__)
        return 2
    py = setup()
    env = dict(os.environ)
    if cmd == "setup":
        return 0
    if cmd == "run":
        return subprocess.call([str(py), str(ROOT / "main.py"), *rest], env=env)
    if cmd == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        rc = subprocess.call([str(py), "-m", "pytest", *rest], cwd=ROOT, env=env)
        if rc == 5:
            print("错误：pytest 没有收集到任何测试。", file=sys.stderr)
            return 1
        return rc
    if cmd == "bench":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([str(py), str(ROOT / "benchmarks" / "run.py"), *rest], cwd=ROOT, env=env)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(py), str(ROOT / "scripts" / "screenshots.py"), *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
