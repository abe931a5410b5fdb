"""``shuifa show FILE.shufa``: a readable summary of a report file."""

from __future__ import annotations

import argparse

from ..exchange import read_report
from ..model import RECTIFY_STATES, REPORT_PARTS, ROLES, STATUSES, Report


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "show",
        help="查看报告文件摘要",
        description="显示 .shufa 报告文件的摘要：报告人、清单、填写进度、未达标的量化要求。",
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("file", metavar="文件.shufa", help="报告文件")
    p.set_defaults(func=run)


def summary_lines(report: Report) -> list[str]:
    o = report.official
    done, total = report.progress()
    duties = report.duties()
    counts: dict[str, int] = {}
    for d in duties:
        e = report.entries.get(d.id)
        status = e.status if e else ""
        counts[status] = counts.get(status, 0) + 1
    with_problems = sum(1 for d in duties if (e := report.entries.get(d.id)) and e.problems.strip())
    lines = [
        f"报告人：{o.unit} {o.title} {o.name}（{ROLES.get(o.role, o.role)}）",
        f"年度：{report.year}年",
        f"职责清单：{report.duty_list.title}" + (f"（{report.duty_list.issuer}）" if report.duty_list.issuer else ""),
        f"填写进度：已填写 {done}/{total} 条职责",
        "落实情况：" + "，".join(f"{STATUSES[s]} {counts[s]}" for s in STATUSES if counts.get(s)),
        f"列出问题的职责：{with_problems} 条",
    ]
    unmet = report.unmet_requirements()
    if unmet:
        lines.append(f"未达到的量化要求：{len(unmet)} 项")
        for duty, req, val in unmet:
            got = val.date if req.kind == "deadline" else (f"{val.value:g}" if val.value is not None else "")
            lines.append(f"  - {duty.label} {req.label or req.text}：填报 {got}，要求 {req.describe()}")
    else:
        lines.append("未达到的量化要求：无")
    if report.carry_over:
        states: dict[str, int] = {}
        for item in report.carry_over:
            states[item.state] = states.get(item.state, 0) + 1
        detail = "，".join(f"{RECTIFY_STATES[k]} {v}" for k, v in states.items() if k in RECTIFY_STATES)
        lines.append(f"上年度问题整改：{len(report.carry_over)} 项（{detail}）")
    filled_parts = [name for key, name in REPORT_PARTS.items() if report.parts.get(key, "").strip()]
    lines.append("已填写的其他部分：" + ("、".join(filled_parts) if filled_parts else "无"))
    return lines


def run(args: argparse.Namespace) -> int:
    report = read_report(args.file)
    print("\n".join(summary_lines(report)))
    return 0
