"""``shuifa batch FILES… -t KIND -o DIR [--pdf]``: many reports into one folder, one template."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from . import composition_options


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "batch",
        help="批量生成 Word/PDF 文档",
        description=(
            "把多份 .shufa 报告用同一模板批量生成 Word 文档（可同时生成 PDF），"
            "文件名为“单位-姓名-年度.docx”，同名的加编号区分；"
            "输出文件夹中已有的同名文件保留不动，新文件加编号（-2、-3…），除非指定 --overwrite。"
        ),
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("files", nargs="+", metavar="文件或文件夹", help=".shufa 报告文件，或包含它们的文件夹")
    p.add_argument(
        "-t",
        "--template",
        required=True,
        metavar="模板",
        help="模板：shufa-report（述法报告）、shuzhi-section（述职报告中的述法部分）、speech（发言稿）、"
        "speech-outline（述法提纲），"
        "或自定义模板的名称、.docx 模板文件路径",
    )
    p.add_argument("-o", "--output", required=True, metavar="文件夹", help="输出文件夹（不存在时自动创建）")
    p.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF（一次转换全部文件）")
    p.add_argument(
        "--overwrite", action="store_true", help="覆盖输出文件夹中已有的同名文件（默认保留它们，新文件加编号）"
    )
    composition_options.add(p)
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="并行进程数（默认按 CPU 核数，最多 2）")
    p.set_defaults(func=run)


class ProgressBar:
    """A one-line text progress bar on stderr (a line per 10 % when stderr is not a terminal)."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last_decile = -1
        self.start = time.perf_counter()

    def __call__(self, done: int, total: int, text: str = "") -> None:
        total = max(total, 1)
        frac = min(1.0, done / total)
        filled = int(frac * self.WIDTH)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        line = f"[{bar}] {done}/{total} {frac * 100:3.0f}%  {text}"
        if self.tty:
            self.stream.write("\r\x1b[K" + line)
            self.stream.flush()
        else:
            decile = int(frac * 10)
            if decile != self.last_decile:
                self.last_decile = decile
                self.stream.write(line + "\n")
                self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from ..clerk.batch import render_batch
    from ..clerk.importing import read_reports
    from ..render import resolve_template

    reports = read_reports(args.files)
    info = resolve_template(args.template)
    said: set[str] = set()
    for report in reports:
        for warning in composition_options.apply(report, args):
            if warning not in said:  # the same --date for every report: said once
                said.add(warning)
                print(f"提示：{warning}", file=sys.stderr)
        who = report.official.name or report.official.unit
        for warning in composition_options.blocking_lines(report):
            print(f"警告：{who}：{warning}", file=sys.stderr)
        verdict = composition_options.length_line(report, info.kind)[1]
        if verdict:
            print(f"提示：{who}的{verdict}", file=sys.stderr)
    bar = ProgressBar()
    try:
        result = render_batch(
            reports, info, args.output, pdf=args.pdf, workers=args.jobs, progress=bar, overwrite=args.overwrite
        )
    finally:
        bar.close()
    for old, new in result.kept:
        print(f"提示：输出文件夹中已有 {old}，已保留；新文件保存为 {new}（覆盖请加 --overwrite）", file=sys.stderr)
    for old in result.replaced:
        print(f"提示：已覆盖原有的 {old}", file=sys.stderr)
    print(f"{result.message()}用时 {result.seconds:.1f} 秒，输出文件夹：{args.output}")
    for name, reason in result.failed:
        print(f"  未生成 {name}：{reason}", file=sys.stderr)
    return 1 if result.failed else 0
