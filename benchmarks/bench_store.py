"""Store figures (issue 2): saving one edited entry of a 300-duty report (p99 < 5 ms) and
loading such a report (< 50 ms)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from common import big_report, figure, percentile, statistics

from shuifa.store import Store


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SHUIFA_HOME"] = tmp
        report = big_report(300)
        store = Store.open(Path(tmp) / "shuifa.db", backup=False)
        store.create_report(report)
        duties = report.duties()
        saves: list[float] = []
        for i in range(2000):
            e = report.entry(duties[i % len(duties)].id)
            e.performance += "一"  # a keystroke's worth of change
            t = time.perf_counter()
            store.save_entry(report, e)
            saves.append((time.perf_counter() - t) * 1000)
        figure("保存一条职责（300条报告）p50", statistics.median(saves), "ms")
        figure("保存一条职责（300条报告）p99", percentile(saves, 99), "ms", "< 5 ms")
        headers: list[float] = []
        for _ in range(300):
            report.parts["next_steps"] += "一"
            t = time.perf_counter()
            store.save_header(report)
            headers.append((time.perf_counter() - t) * 1000)
        figure("保存报告其他部分（开篇、下一步打算等）p99", percentile(headers, 99), "ms", "< 5 ms")
        loads: list[float] = []
        for _ in range(50):
            other = Store.open(Path(tmp) / "shuifa.db", backup=False)
            t = time.perf_counter()
            other.load_report(report.id)
            loads.append((time.perf_counter() - t) * 1000)
            other.close()
        figure("载入300条职责的报告 p50", statistics.median(loads), "ms")
        figure("载入300条职责的报告 最大", max(loads), "ms", "< 50 ms")
        from shuifa import exchange

        shufa = exchange.write_report(report, Path(tmp) / "r.shufa")
        exchange.read_report(shufa)  # schema compiled once per process
        reads: list[float] = []
        for _ in range(20):
            t = time.perf_counter()
            exchange.read_report(shufa)
            reads.append((time.perf_counter() - t) * 1000)
        figure("读取300条职责的 .shufa 文件（含校验）p50", statistics.median(reads), "ms")
        size = (Path(tmp) / "shuifa.db").stat().st_size / 1024
        figure("数据文件大小", size, "KiB")
        store.close()


if __name__ == "__main__":
    main()
