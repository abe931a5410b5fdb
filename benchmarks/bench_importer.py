"""Importer speed: each seed once loaded (target < 50 ms), and growth with size (1 MB < 1 s, linear).

Prints ``name: value unit (target …)`` lines.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuifa.importer import import_file, import_text  # noqa: E402

SEEDS = ROOT / "tests" / "importer" / "seeds"
SEED_IDS = ("anshan-gaoxin-2023", "niuxintuo-town-2023", "zhejiang-province-2018", "shizuishan-eight-actions-2023")


def _time(fn, repeat: int = 7) -> float:
    """Best of ``repeat`` wall-clock runs (the least disturbed by other processes)."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return min(runs)


def synthetic(target_bytes: int) -> str:
    """A long provincial-style list of ``target_bytes`` UTF-8 bytes: 第X章 / 第X节 / 第X条 / （一）…, whose
    items are the real duty texts of the built-in lists (with their units and requirements) in turn."""
    from shuifa.lists import builtin_lists

    texts = []
    for dl in builtin_lists():
        for n in dl.duties():
            units = f"（责任单位：{'、'.join(n.responsible_units)}）" if n.responsible_units else ""
            texts.append(n.text.replace("\n", "") + units)
    cn = "一二三四五六七八九十"
    out = [
        "某某省党政主要负责人履行推进法治建设第一责任人职责实施办法",
        "第一章 总则",
        "第一条 为推进法治建设，制定本办法。",
    ]
    article, chapter, k = 2, 2, 0
    size = sum(len(x.encode()) + 1 for x in out)
    while size < target_bytes:
        block = [f"第{chapter}章 职责任务（{chapter}）", "第一节 党委主要负责人主要职责"]
        for a in range(20):
            if a == 10:
                block.append("第二节 政府主要负责人主要职责")
            block.append(f"第{article}条 坚持依法决策，加强对法治建设的统筹谋划和督促检查。")
            for sub in cn[: 3 + a % 5]:
                block.append(f"（{sub}）{texts[k % len(texts)]}")
                k += 1
            article += 1
        chapter += 1
        out += block
        size += sum(len(x.encode()) + 1 for x in block)
    out += ["中共某某省委办公厅", "2024年1月1日"]
    return "\n".join(out)


def main() -> int:
    import_file(SEEDS / f"{SEED_IDS[0]}.txt")  # load OpenCC and regexes once
    for sid in SEED_IDS:
        t = _time(lambda sid=sid: import_file(SEEDS / f"{sid}.txt"))
        print(f"import_{sid}: {t * 1000:.1f} ms (target < 50 ms)")
    sizes = [128 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024]
    per_kb = []
    for size in sizes:
        text = synthetic(size)
        t = _time(lambda text=text: import_text(text), repeat=5)
        per_kb.append(t / (len(text.encode()) / 1024))
        print(
            f"import_synthetic_{size // 1024}kb: {t * 1000:.0f} ms (target {'< 1000 ms' if size >= 1024 * 1024 else 'linear'})"
        )
    ratio = per_kb[-1] / per_kb[0]
    print(f"import_growth_ratio_1mb_vs_128kb_per_byte: {ratio:.2f} x (target ≈ 1, linear; < 1.5)")
    t0 = time.process_time()
    import_text(synthetic(1024 * 1024))
    print(f"import_synthetic_1024kb_cpu: {(time.process_time() - t0) * 1000:.0f} ms (target < 1000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
