"""体检 speed (issue 10): ``check`` on a 300-duty report, as ``shuifa check`` and the app run it.

Prints ``name: value unit (目标 …)`` lines.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import big_report, figure, percentile  # noqa: E402

from shuifa.checkup import check  # noqa: E402

ROUNDS = 15


def main() -> int:
    report = big_report(300)
    t = time.perf_counter()
    check(report)
    figure("check 300 条职责（首次）", (time.perf_counter() - t) * 1000, "ms", "< 100 ms")
    walls = []
    duty = report.duties()[11]
    for n in range(ROUNDS):
        report.entries[duty.id].performance += f"本人督导检查{n + 1}次。"
        t = time.perf_counter()
        check(report)
        walls.append((time.perf_counter() - t) * 1000)
    figure("check 300 条职责，编辑后 (p95)", percentile(walls, 95), "ms", "< 100 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
