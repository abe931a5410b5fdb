"""``shuifa check FILE.shufa [--json] [--strict]``: the 体检 — what a reviewer would send back."""

from __future__ import annotations

import argparse
import json

#: Exit code of ``--strict`` when a finding blocks (2 stays “the file could not be read”).
STRICT_EXIT = 3


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "check",
        help="体检：报告送审前会被退回的问题",
        description=(
            "检查 .shufa 报告：没有查摆问题、部分落实却没写问题、前后数字不一致、照抄清单或去年、"
            "上年度问题未说明整改、基本信息不全等。“阻止”类问题会被退回，“提示”类值得再看一遍。"
        ),
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("file", metavar="文件.shufa", help="报告文件")
    p.add_argument(
        "--json", action="store_true", help='以 JSON 输出：{"findings": [{"code", "severity", "message", "where"}]}'
    )
    p.add_argument("--strict", action="store_true", help=f"有“阻止”类问题时以退出码 {STRICT_EXIT} 结束")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..checkup import check
    from ..exchange import read_report

    report = read_report(args.file)
    findings = check(report)
    blocks = [f for f in findings if f.blocks]
    if args.json:
        print(json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False, indent=1))
    elif not findings:
        print("体检通过：没有发现会被退回的问题。")
    else:
        warns = len(findings) - len(blocks)
        print(f"体检发现 {len(blocks)} 个会被退回的问题、{warns} 个提示：")
        for f in findings:
            print(f"  {'阻止' if f.blocks else '提示'}［{f.code.value}］{f.message}")
    return STRICT_EXIT if args.strict and blocks else 0
