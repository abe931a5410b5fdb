"""``shuifa render FILE.shufa [-t KIND|PATH] -o OUT.docx|OUT.pdf``: the report as Word or PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import composition_options


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "render",
        help="把报告文件生成 Word（.docx）或 PDF",
        description=(
            "按模板把 .shufa 报告文件生成符合 GB/T 9704 格式的 Word 文档；输出文件名以 .pdf 结尾时"
            "经 LibreOffice 转成 PDF。模板可以是类型名（shufa-report 书面述法报告、shuzhi-section "
            "述职报告述法部分、speech 现场述法发言稿、speech-outline 述法提纲）、自定义模板名或 .docx 模板文件路径。"
            "生成后在屏幕上报告篇幅（发言稿另报用时），超出篇幅上限时给出提示；这些不会写进文档。"
        ),
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("file", metavar="文件.shufa", help="报告文件")
    p.add_argument(
        "-t",
        "--template",
        metavar="模板",
        default="shufa-report",
        help="模板类型名、自定义模板名或 .docx 路径（默认 shufa-report；“shuifa templates”列出全部）",
    )
    p.add_argument("-o", "--output", metavar="输出文件", help="输出 .docx 或 .pdf 文件（默认：与报告文件同名的 .docx）")
    composition_options.add(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import ShuifaError
    from ..exchange import read_report
    from ..render import render_docx, render_pdf, resolve_template

    src = Path(args.file)
    out = Path(args.output) if args.output else src.with_suffix(".docx")
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ShuifaError(f"不支持输出“{out.name}”这种格式。", hint="输出文件名请以 .docx 或 .pdf 结尾。")
    report = read_report(src)
    for warning in composition_options.apply(report, args):
        print(f"提示：{warning}", file=sys.stderr)
    for warning in composition_options.blocking_lines(report):
        print(f"警告：{warning}", file=sys.stderr)
    info = resolve_template(args.template)
    if suffix == ".pdf":
        render_pdf(report, info, out)
    else:
        render_docx(report, info, out)
    line, verdict = composition_options.length_line(report, info.kind)
    print(f"已生成：{out}")
    print(line)
    if verdict:
        print(f"提示：{verdict}可在成稿页删去或合并要点。", file=sys.stderr)
    return 0
