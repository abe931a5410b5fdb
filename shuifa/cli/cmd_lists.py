"""``shuifa lists [--json]``: the built-in duty lists."""

from __future__ import annotations

import argparse
import json

from ..lists import builtin_lists, list_summary
from ..model import ROLES


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "lists", help="列出内置职责清单", description="列出内置职责清单及各类别的职责条数。", add_help=False
    )
    add_help_flag(p)
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summaries = [list_summary(dl) for dl in builtin_lists()]
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
        return 0
    for s in summaries:
        roles = "，".join(f"{ROLES.get(r, r)} {n} 条" for r, n in s["roles"].items())
        print(
            f"{s['id']}\n  {s['title']}\n  {s['issuer']}  {s['date'] or '日期不详'}  共 {s['duty_count']} 条（{roles}）"
        )
    return 0
