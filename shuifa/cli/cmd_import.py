"""``shuifa import FILE [--json]``: read a unit's duty list (.txt/.md/.docx) and show the duty tree."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    from . import add_help_flag

    p = sub.add_parser(
        "import",
        help="导入本单位的职责清单并显示识别结果",
        description="读取职责清单（.txt、.md、.docx，支持 GBK/UTF-16、繁体、网页复制文本），显示识别出的职责结构。",
        add_help=False,
    )
    add_help_flag(p)
    p.add_argument("file", metavar="文件", help="职责清单文件")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..importer import import_file
    from ..model import ROLES

    res = import_file(args.file)
    if args.json:
        print(json.dumps(res.to_json_dict(), ensure_ascii=False, indent=2))
        return 0
    dl = res.duty_list
    counts = dl.role_counts()
    print(dl.title)
    print(f"发文机关：{dl.issuer or '未识别'}    日期：{dl.date or '未识别'}")
    roles = "，".join(f"{ROLES.get(r, r)} {n} 条" for r, n in counts.items())
    print(f"共识别职责 {sum(counts.values())} 条（{roles}）")
    print()

    def show(nodes: list, depth: int, parent_role: str = "common") -> None:
        for n in nodes:
            pad = "  " * depth
            if n.kind == "group":
                mark = "" if n.reportable else "〔背景，不述职〕"
                shown = n.role != parent_role and n.reportable
                role = f"〔{ROLES.get(n.role, n.role)}〕" if shown else ""
                heading = _spaced(n.label, n.title)
                heading = heading if len(heading) <= 50 else heading[:48] + "……"
                print(f"{pad}{heading}{role}{mark}")
                if n.reportable:
                    show(n.children, depth + 1, n.role)
            elif n.reportable:
                text = n.text.replace("\n", " ")
                short = text if len(text) <= 60 else text[:58] + "……"
                role = f"〔{ROLES.get(n.role, n.role)}〕" if n.role != parent_role else ""
                print(f"{pad}{_spaced(n.label, f'{n.title} {short}' if n.title else short)}{role}")
                extra = []
                if n.responsible_units:
                    extra.append("责任单位：" + "、".join(n.responsible_units))
                for r in n.requirements:
                    extra.append(f"要求：{r.label} {r.describe()}")
                for e in extra:
                    print(f"{pad}    {e}")
            else:
                head = n.title or n.text.replace("\n", " ")
                head = head if len(head) <= 30 else head[:28] + "……"
                print(f"{pad}{_spaced(n.label, head)}〔背景，不述职〕")

    show(dl.children, 0)
    if res.warnings:
        print()
        print(f"请核对以下 {len(res.warnings)} 处：")
        for w in res.warnings:
            where = f"第 {w.line} 行：" if w.line else ""
            print(f"  · {where}{w.message}")
    return 0


def _spaced(label: str, text: str) -> str:
    """``第二条 县委书记…`` / ``1 学法用法`` / ``一、组织领导``: a space after a label not ending in punctuation."""
    if label and text and (label[-1].isdigit() or label[-1] in "条章节编部分" or label[-1].isascii()):
        if label[-1] not in ".)":
            return f"{label} {text}"
    return f"{label}{text}"
