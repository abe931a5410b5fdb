"""Composition speed (issue 9): composing a 300-duty report, rendering it, and re-composing after
one edit — what the GUI does on its debounce after a keystroke.

Prints ``name: value unit (目标 …)`` lines.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import big_report, figure, percentile  # noqa: E402

from shuifa.compose import KINDS, compose, prepare  # noqa: E402
from shuifa.render import render_docx  # noqa: E402

ROUNDS = 15


def timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    w, c = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000


def main() -> int:
    report = big_report(300)
    compose(report, "shufa-report")  # warm the topic data and regexes
    for kind in KINDS:
        walls = [timed(lambda k=kind: compose(report, k))[0] for _ in range(ROUNDS)]
        figure(f"compose {KINDS[kind]} 300 条职责 (p95)", percentile(walls, 95), "ms", "< 50 ms")
    all_kinds = [timed(lambda: [compose(report, k, material=prepare(report)) for k in KINDS])[0] for _ in range(5)]
    figure("四种文稿各组合一次 300 条职责 (中位数)", sorted(all_kinds)[2], "ms")

    # one edit, then the re-compose the GUI runs for the visible kind
    duty = report.duties()[7]
    edits = []
    for n in range(ROUNDS):
        report.entries[duty.id].performance += f"本人督导检查{n + 1}次。"
        edits.append(timed(lambda: compose(report, "shufa-report")))
    figure("编辑后重新组合（墙钟 p95）", percentile([w for w, _ in edits], 95), "ms", "< 16 ms")
    figure("编辑后重新组合（CPU p95）", percentile([c for _, c in edits], 95), "ms", "< 16 ms")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "big.docx"
        render_docx(report, "shufa-report", out)
        walls = [timed(lambda: render_docx(report, "shufa-report", out))[0] for _ in range(7)]
        figure("render_docx 书面述法报告 300 条职责 (中位数)", sorted(walls)[3], "ms", "< 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
