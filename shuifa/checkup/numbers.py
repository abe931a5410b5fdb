"""Figures a report states about the same measure (number-conflict).

Precision over recall (a false alarm costs trust): a clause counts only when a measure named in
``resources/checkup.json`` is followed closely by a number and its unit, and two clauses conflict only when
everything but the numbers is the same. A clause with 其中/同比/累计… is a part or a comparison, never a
conflict.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..paths import RESOURCES

#: At most this many characters between a measure's name and its figure (合法性审查 + 规范性文件 + 12件).
MAX_BETWEEN = 6


@dataclass(frozen=True)
class Figure:
    key: str  # the clause with its numbers blanked: what must agree
    value: str
    clause: str


@lru_cache(maxsize=1)
def _data() -> tuple[re.Pattern[str], tuple[str, ...]]:
    raw = json.loads((RESOURCES / "checkup.json").read_text(encoding="utf-8"))
    measures = sorted(raw["measures"], key=len, reverse=True)
    units = sorted(raw["units"], key=len, reverse=True)
    pattern = re.compile(
        "(" + "|".join(map(re.escape, measures)) + ")"
        + rf"([\u4e00-\u9fff]{{0,{MAX_BETWEEN}}}?)"
        + r"(\d+(?:\.\d+)?)"
        + "(" + "|".join(map(re.escape, units)) + ")"
    )  # fmt: skip
    return pattern, tuple(raw["sub_count_words"])


_TIME_WORDS = re.compile(r"^(?:全年|本年度|今年|年内)")
_YEAR = re.compile(r"(\d{4})年(?:度)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=8192)
def figures(text: str, year: int = 0) -> tuple[Figure, ...]:
    """The figures ``text`` states about named measures. Their key is the whole clause with its numbers
    blanked (a leading 全年 and the report's ``year`` dropped, another year kept): “新办理执法证件5件” and “清理不在岗人员执法证件4件”
    are different measures; “组织开展法治建设督察3次” and “…2次” are one measure said twice."""
    pattern, sub_words = _data()
    out = []
    for clause in re.split(r"[，。；：,;:！？、\n]", text):
        clause = clause.strip()
        if not clause or any(w in clause for w in sub_words):
            continue
        m = pattern.search(clause)
        if m is None:
            continue
        # the report's own year is “全年”; another year is another measure (2025年…2次 against 2026年…3次)
        said = _TIME_WORDS.sub("", _YEAR.sub(lambda y: "" if int(y.group(1)) == year else f"Y{y.group(1)}", clause))
        key = _NUMBER.sub("#", said)
        out.append(Figure(key=key, value=" ".join(_NUMBER.findall(said)), clause=clause))
    return tuple(out)
