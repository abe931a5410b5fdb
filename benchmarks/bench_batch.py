"""Batch output figures (issue 6): 100 sample reports to .docx (target < 15 s on 2 cores), with one
process and with two (this one rendering while a helper starts and joins it), and the same batch plus
PDF in one LibreOffice run. One and two processes are timed alternately, so a change in what else
the machine is doing affects both alike; the load average is printed with each pair."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from common import figure, statistics

from shuifa.clerk.batch import render_batch
from shuifa.lists import builtin_ids, load_builtin
from shuifa.model import Report
from shuifa.render import find_soffice
from shuifa.sample import make_sample


def sample_reports(n: int) -> list[Report]:
    """``n`` filled reports: every built-in list × its roles × seeds, so sizes and texts vary."""
    combos: list[tuple[str, str | None]] = []
    for list_id in builtin_ids():
        roles = load_builtin(list_id).roles() or [None]
        combos += [(list_id, r) for r in roles]
    lists = {i: load_builtin(i) for i in builtin_ids()}
    return [
        make_sample(lists[combos[k % len(combos)][0]], role=combos[k % len(combos)][1], year=2025, seed=k)
        for k in range(n)
    ]


def timed(reports: list[Report], folder: Path, workers: int | None, runs: int = 3) -> tuple[float, int]:
    """Median seconds of ``runs`` batches (and the number of processes the batch used)."""
    times, used = [], 1
    for k in range(runs):
        r = render_batch(reports, "shufa-report", folder / f"{workers}-{k}", workers=workers)
        assert len(r.docx) == len(reports) and not r.failed, r.failed_details()
        times.append(r.seconds)
        used = r.workers
        shutil.rmtree(folder / f"{workers}-{k}")
    return statistics.median(times), used


def load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def compare(reports: list[Report], folder: Path, runs: int) -> tuple[float, float]:
    """Median seconds with 1 and with 2 processes, timed alternately."""
    one, two = [], []
    for _ in range(runs):
        one.append(timed(reports, folder, 1, runs=1)[0])
        two.append(timed(reports, folder, 2, runs=1)[0])
        print(
            f"  （{len(reports)} 份：1 个进程 {one[-1]:.2f} s，2 个进程 {two[-1]:.2f} s，负载 {load():.1f}）",
            flush=True,
        )
    return statistics.median(one), statistics.median(two)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SHUIFA_HOME"] = tmp
        folder = Path(tmp)
        reports = sample_reports(n)
        duties = sum(len(r.duties()) for r in reports)
        print(
            f"{n} 份样例报告，共 {duties} 条职责，CPU 核数 {os.cpu_count()}，开始时负载 {load():.1f}；每项取 3 次的中位数",
            flush=True,
        )
        auto, used = timed(reports, folder, None)
        figure(f"{n}份报告生成Word（自动，用了{used}个进程）", auto, "s", "< 15 s")
        one, two = compare(reports, folder, 3)
        figure(f"{n}份报告生成Word（1个进程）", one, "s")
        figure(f"{n}份报告生成Word（2个进程）", two, "s")
        figure("2个进程相对1个进程的加速比", one / two, "倍")
        big = reports * 3
        one_big, two_big = compare(big, folder, 3)
        figure(f"{len(big)}份报告生成Word（1个进程）", one_big, "s")
        figure(f"{len(big)}份报告生成Word（2个进程）", two_big, "s")
        figure(f"{len(big)}份时的加速比", one_big / two_big, "倍")
        if find_soffice() is not None:
            r3 = render_batch(reports, "shufa-report", folder / "pdf", pdf=True)
            assert len(r3.pdf) == n
            figure(f"{n}份报告生成Word和PDF（一次LibreOffice转换）", r3.seconds, "s")
        else:
            print("未安装 LibreOffice，跳过 PDF 计时。")


if __name__ == "__main__":
    main()
