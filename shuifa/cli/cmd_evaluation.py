"""``shuifa evaluation FILES… [--meeting-date D] [--title T] -o OUT.docx``: the 述法评议表."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "evaluation",
        help="生成述法评议表（民主测评表）",
        description="为述法会议生成可打印的评议表：每位述法人一行，好/较好/一般/差 勾选栏和意见建议栏。"
        "述法人按文件给出的顺序排列。",
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("files", nargs="+", metavar="文件或文件夹", help=".shufa 报告文件，或包含它们的文件夹（按述法顺序）")
    p.add_argument("-o", "--output", required=True, metavar="输出.docx", help="输出的 Word 文件")
    p.add_argument("--meeting-date", default=None, metavar="日期", help="会议日期，如 2026-12-05（不填则留空待手写）")
    p.add_argument("--title", default=None, metavar="标题", help="表格标题（默认“××年度党政主要负责人述法评议表”）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..clerk.evaluation import parse_date, write_form
    from ..clerk.importing import read_reports
    from ..errors import OutputError

    if Path(args.output).suffix.lower() != ".docx":
        raise OutputError(f"评议表只能保存为 .docx 文件，而不是“{Path(args.output).name}”。", hint="请以 .docx 结尾。")
    meeting = parse_date(args.meeting_date) if args.meeting_date else None
    reports = read_reports(args.files)
    path = write_form(reports, args.output, title=args.title, meeting_date=meeting)
    print(f"已生成述法评议表（{len(reports)} 位述法人）：{path}")
    return 0
