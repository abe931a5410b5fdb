"""``shuifa summary FILES… -o OUT.xlsx|OUT.docx``: the 述法情况汇总表."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "summary",
        help="生成述法情况汇总表",
        description=(
            "把多份报告汇总成一张表：单位、姓名、职务、类别、职责填写情况、未达标量化要求、列出问题的职责、"
            "字数，已录入评议结果的还列出各等次票数和好评率。输出为 .xlsx（Excel/WPS 表格）或 .docx（公文格式表格）。"
        ),
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("files", nargs="+", metavar="文件或文件夹", help=".shufa 报告文件，或包含它们的文件夹")
    p.add_argument("-o", "--output", required=True, metavar="输出文件", help="输出文件，以 .xlsx 或 .docx 结尾")
    p.add_argument("--title", default=None, metavar="标题", help="表格标题（默认“××年度述法情况汇总表”）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..clerk.importing import read_reports
    from ..clerk.summary import write_summary

    reports = read_reports(args.files)
    path = write_summary(reports, args.output, args.title)
    print(f"已生成述法情况汇总表（{len(reports)} 份报告）：{path}")
    return 0
