"""Run every ``benchmarks/bench_*.py`` in its own process and print their figures.

python benchmarks/run.py            all of them
python benchmarks/run.py store gui  only bench_store.py and bench_gui.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in argv]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    failed = 0
    for script in scripts:
        print(f"== {script.stem.removeprefix('bench_')} ==", flush=True)
        t = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], env=env)
        print(f"   ({time.perf_counter() - t:.1f} s{'' if rc == 0 else f', 退出码 {rc}'})\n", flush=True)
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
