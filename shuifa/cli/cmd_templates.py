"""``shuifa templates [--json]``: the report templates, built-in and the user's own."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "templates",
        help="列出报告模板",
        description="列出内置模板和用户模板文件夹中的自定义模板（.docx）。自定义模板与内置模板同名时替代内置模板。",
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..paths import user_templates_dir
    from ..render import KINDS, list_templates
    from ..render.templates import skipped_templates

    templates = list_templates()
    if args.json:
        print(
            json.dumps(
                [
                    {"name": t.name, "kind": t.kind, "title": t.title, "path": str(t.path), "builtin": t.builtin}
                    for t in templates
                ]
                + [
                    {"name": p.stem, "kind": None, "title": "", "path": str(p), "builtin": False, "problem": why}
                    for p, why in skipped_templates()
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    width = max((len(t.name) for t in templates), default=4)
    for t in templates:
        origin = "内置" if t.builtin else "自定义"
        print(f"{t.name:<{width}}  {origin}  {KINDS[t.kind]}  {t.path}")
    skipped = skipped_templates()
    if skipped:
        print("\n以下文件不能作为模板使用：")
        for path, reason in skipped:
            print(f"  {path.name}：{reason}")
    print(f"\n自定义模板文件夹：{user_templates_dir()}")
    return 0
