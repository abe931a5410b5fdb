"""Shared data for the benchmarks: realistic reports of any size, built from the built-in lists."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shuifa.lists import builtin_ids, load_builtin  # noqa: E402
from shuifa.model import DutyList, Node, Report  # noqa: E402


def big_list(n: int = 300) -> DutyList:
    """A list of ``n`` real duties (the built-in lists' duties, cycled) in groups of 12."""
    source: list[Node] = []
    for list_id in builtin_ids():
        source.extend(load_builtin(list_id).duties())
    groups: list[Node] = []
    for i in range(n):
        if i % 12 == 0:
            groups.append(
                Node(
                    id=f"g{len(groups) + 1}",
                    kind="group",
                    label=f"（{len(groups) + 1}）",
                    title=f"第{len(groups) + 1}组职责",
                )
            )
        d = source[i % len(source)]
        groups[-1].children.append(
            Node(
                id=f"d{i + 1}",
                kind="duty",
                label=f"{i % 12 + 1}.",
                text=d.text,
                role="common",
                responsible_units=list(d.responsible_units),
                requirements=list(d.requirements),
            )
        )
    return DutyList(id=f"bench-{n}", title=f"{n}条职责的测试清单", issuer="基准测试", children=groups)


def big_report(n: int = 300) -> Report:
    from shuifa.sample import make_sample

    return make_sample(big_list(n), role="party", year=2025, seed=1)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def figure(name: str, value: float, unit: str, target: str = "") -> None:
    """Print one figure as ``name: value unit (target …)``."""
    t = f"  (目标 {target})" if target else ""
    print(f"{name}: {value:.2f} {unit}{t}", flush=True)


__all__ = ["big_list", "big_report", "percentile", "figure", "statistics"]
