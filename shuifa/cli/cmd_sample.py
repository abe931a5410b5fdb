"""``shuifa sample --list ID [--role ROLE] [--year Y] [--seed N] [--with-last-year] -o FILE.shufa``: a filled
sample report."""

from __future__ import annotations

import argparse

from ..model import REPORTER_ROLES, ROLES


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    roles = "；".join(f"{r}＝{ROLES[r]}" for r in REPORTER_ROLES)
    p = sub.add_parser(
        "sample",
        help="生成一份填写完整的示例述法报告",
        description=(
            "按内置职责清单生成一份填写完整的示例述法报告（.shufa 交换文件）：每项职责都有履职情况、"
            "存在问题和改进措施，可用于了解成稿效果或测试。同样的参数总是生成同样的内容。"
        ),
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("--list", required=True, metavar="清单编号", help="内置职责清单编号（见 shuifa lists）")
    p.add_argument("--role", metavar="类别", help=f"述法人类别：{roles}。默认取清单中的第一类")
    p.add_argument("--year", type=int, metavar="年度", help="报告年度，默认为当前述法年度")
    p.add_argument("--seed", type=int, default=0, metavar="序号", help="换一个序号可生成另一份不同的示例（默认 0）")
    p.add_argument(
        "--with-last-year",
        action="store_true",
        help="同时填写“上年度问题整改情况”：按上一年度述法报告查摆的问题逐项写明整改状态和整改情况",
    )
    p.add_argument("-o", "--output", required=True, metavar="文件", help="输出的 .shufa 文件路径")
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..errors import OutputError, ShuifaError
    from ..exchange import write_report
    from ..lists import load_builtin
    from ..sample import make_sample

    if args.year is not None and not 2000 <= args.year <= 2100:
        raise ShuifaError(f"年度“{args.year}”不合理。", hint="请输入四位数年份，例如 2025。")
    out = Path(args.output)
    if out.is_dir():
        raise OutputError(
            f"“{out}”是一个文件夹，不能作为输出文件。", hint="请在文件夹后面写上文件名，例如 示例.shufa。"
        )
    if (out.exists() or out.is_symlink()) and not args.force:
        raise OutputError(
            f"“{out}”已存在，为免覆盖其中的报告，没有写入。", hint="请换一个文件名；确需覆盖时加 --force。"
        )
    duty_list = load_builtin(args.list)
    report = make_sample(duty_list, role=args.role, year=args.year, seed=args.seed, with_last_year=args.with_last_year)
    path = write_report(report, out)
    off = report.official
    print(
        f"已生成示例报告：{path}\n"
        f"  {off.unit} {off.title} {off.name}（{ROLES.get(off.role, off.role)}），{report.year}年度，"
        f"共 {len(report.duties())} 项职责" + (f"，上年度问题 {len(report.carry_over)} 个" if report.carry_over else "")
    )
    return 0
