"""Build the built-in duty lists ``resources/lists/<id>.json`` from the seed documents.

Each list is the importer's output on the seed file as it is, with the list id and a source note
set here. Hand corrections are applied below, each visible and commented; the script fails if a
correction no longer matches (so a changed importer cannot silently drift from the checked lists).

    .venv/bin/python scripts/build_lists.py [--seeds DIR] [--check]

``--check`` compares with the files in resources/lists and exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuifa.atomic import write_text  # noqa: E402
from shuifa.importer import import_file  # noqa: E402
from shuifa.model import DutyList  # noqa: E402

DEFAULT_SEEDS = ROOT / "tests" / "importer" / "seeds"  # byte-for-byte copies of ../shared/seeds
OUT = ROOT / "resources" / "lists"

SOURCES: dict[str, str] = {
    "anshan-gaoxin-2023": (
        "中共鞍山高新技术产业开发区工作委员会《鞍山高新区党政主要负责人履行推进法治建设第一责任人职责清单》"
        "（2023年5月29日）公开文本；基本职责第1至25项为述法职责，基本原则、基本要求、强化保障为背景内容。"
    ),
    "niuxintuo-town-2023": (
        "中共牛心坨镇委员会文件牛委字〔2023〕25号《沈阳市辽中区牛心坨镇党政主要负责人履行推进法治建设第一责任人职责清单》"
        "（2023年7月21日印发）公开文本；党委职责原文缺第（23）项，编号按原文保留。"
    ),
    "zhejiang-province-2018": (
        "中共浙江省委办公厅、浙江省人民政府办公厅印发的《浙江省党政主要负责人履行推进法治建设第一责任人职责实施办法》"
        "（2018年3月15日）公开文本；第二章第五条至第十四条为党委主要负责人职责，第十五条至第二十条为政府主要负责人职责，"
        "条下各项为一条职责，无分项的条本身为一条职责。"
    ),
    "shizuishan-eight-actions-2023": (
        "石嘴山市人民政府办公室印发的《石嘴山市推进法治政府建设“八大提升行动”实施方案》（2023年9月14日）公开文本"
        "（原网页为繁体并夹有拼音注音，已转为简体并去除注音）；目标任务第1至51项为工作任务，各项责任单位按原文列出。"
    ),
}

# (list id, duty label, text as the importer reads it, corrected text, why)
CORRECTIONS: list[tuple[str, str, str, str, str]] = [
    (
        "shizuishan-eight-actions-2023",
        "49.",
        "建设德才兼？zhèn）涞母咚刭|（zhì）法治政府工作队伍。",
        "建设德才兼备的高素质法治政府工作队伍。",
        # The web mirror garbled 備的高素質 into mojibake mixed with pinyin; restored from the phrase
        # 德才兼备的高素质 (the 自治区 plan this list implements uses the same wording).
        "网页镜像在此处乱码",
    ),
]


def build(list_id: str, seeds: Path) -> DutyList:
    res = import_file(seeds / f"{list_id}.txt")
    dl = res.duty_list
    dl.id = list_id
    dl.source = SOURCES[list_id]
    for cid, label, old, new, _why in CORRECTIONS:
        if cid != list_id:
            continue
        hits = [n for n in dl.duties() if n.label == label and old in n.text]
        if len(hits) != 1:
            raise SystemExit(f"{list_id}: correction for {label} no longer matches ({len(hits)} hits)")
        hits[0].text = hits[0].text.replace(old, new)
    return dl


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="从种子文档生成内置职责清单")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--check", action="store_true", help="只比较，不写入")
    args = ap.parse_args(argv)
    changed = 0
    for list_id in SOURCES:
        dl = build(list_id, args.seeds)
        text = json.dumps(dl.to_dict(), ensure_ascii=False, indent=1) + "\n"
        target = OUT / f"{list_id}.json"
        old = target.read_text(encoding="utf-8") if target.exists() else None
        counts = dl.role_counts()
        print(f"{list_id}: {sum(counts.values())} duties {counts}{'' if old == text else ' (changed)'}")
        if old != text:
            changed += 1
            if not args.check:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_text(target, text)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
