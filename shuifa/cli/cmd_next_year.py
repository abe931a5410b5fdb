"""``shuifa next-year FILE.shufa -o NEW.shufa``: next year's report from this year's."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "next-year",
        help="为下一年度新建报告",
        description=(
            "根据本年度报告新建下一年度报告：复制报告人和职责清单，年度加一；"
            "把本年度列出的每条存在问题及其改进措施转入“上年度问题整改情况”待填写整改结果；"
            "本年度各条职责的内容作为参考保留，不会复制到新报告正文中。"
        ),
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("file", metavar="文件.shufa", help="本年度的报告文件")
    p.add_argument("-o", "--output", required=True, metavar="新文件.shufa", help="新报告的保存位置")
    p.add_argument("--force", action="store_true", help="新文件已存在时覆盖它")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..clerk.nextyear import make_next_year
    from ..errors import OutputError
    from ..exchange import SUFFIX, read_report, write_report

    out = Path(args.output)
    if out.suffix.lower() != SUFFIX:
        raise OutputError(f"新报告应保存为 {SUFFIX} 文件，而不是“{out.name}”。", hint=f"请以 {SUFFIX} 结尾。")
    if out.resolve() == Path(args.file).resolve():
        raise OutputError("新报告不能覆盖本年度的报告文件。", hint="请换一个文件名。")
    report = read_report(args.file)
    if out.exists() and not args.force:
        raise OutputError(
            f"“{out}”已存在，为免覆盖其中的报告，没有写入。", hint="请换一个文件名；确需覆盖时加 --force。"
        )
    new = make_next_year(report)
    write_report(new, out)
    o = new.official
    print(
        f"已新建 {new.year} 年度报告：{o.unit} {o.name}，转入上年度问题 {len(new.carry_over)} 条，"
        f"保留上年度参考内容 {len(new.previous)} 条。\n保存到：{out}"
    )
    return 0
