"""Options of ``render`` and ``batch`` that set the composition for this run (``--date``,
``--no-annex``, ``--rate``), and the length line both print (never written into the document)."""

from __future__ import annotations

import argparse
from datetime import date

from ..errors import ShuifaError
from ..model import Report
from ..plan import SPEAKING_RATE_RANGE


def add(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", metavar="YYYY-MM-DD", help="落款日期（默认：报告里设定的日期，未设定时为今天）")
    p.add_argument("--no-annex", action="store_true", help="书面述法报告不附“职责清单落实情况对照表”")
    lo, hi = SPEAKING_RATE_RANGE
    p.add_argument("--rate", type=int, metavar="字/分钟", help=f"发言稿语速，{lo}–{hi}（默认：报告里设定的语速）")


def apply(report: Report, args: argparse.Namespace) -> list[str]:
    """The run's choices on the report (in memory only: the file is not changed); returns warnings."""
    warnings = []
    if args.date:
        try:
            when = date.fromisoformat(args.date)
        except ValueError:
            raise ShuifaError(f"落款日期“{args.date}”无法识别。", hint="请写成 2026-12-20 这样的年-月-日。") from None
        report.plan.date = args.date
        if not report.year <= when.year <= report.year + 1:
            warnings.append(f"落款日期{when.year}年与报告年度{report.year}年不相符，请确认。")
    if args.no_annex:
        report.plan.annex = False
    if args.rate is not None:
        lo, hi = SPEAKING_RATE_RANGE
        if not lo <= args.rate <= hi:
            raise ShuifaError(f"语速 {args.rate} 字/分钟不在 {lo}–{hi} 之间。", hint="一般讲话每分钟 150–200 字。")
        report.plan.speaking_rate = args.rate
    return warnings


def length_line(report: Report, kind: str) -> tuple[str, str]:
    """(“书面述法报告共3645字（2500–5000字）” and what the budget left out, the over/under-budget
    warning or '')."""
    from ..compose import KINDS, compose

    c = compose(report, kind)
    b = c.budget
    span = f"{b.low}–{b.high}字" if b.low else f"不超过{b.high}字"
    line = f"{KINDS[kind]}共{c.chars}字（{span}）"
    if kind == "speech":
        line += f"，按每分钟{c.rate}字约需{max(1, round(c.minutes))}分钟"
    for note in c.omitted:
        line += f"\n{note}"
    return line, c.verdict


def blocking_lines(report: Report) -> list[str]:
    """One Chinese warning line per blocking 体检 finding (render and batch still render)."""
    from ..checkup import blocking, check

    return [f"体检：{f.message}" for f in blocking(check(report))]
