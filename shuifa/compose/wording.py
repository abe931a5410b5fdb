"""Wording rules used by every output: numbers, dates, units, how a requirement's value and a
shortfall are said, how a document's length is counted. One place for each rule — the render, the
CLI, the GUI and the clerk tools all call these."""

from __future__ import annotations

import re
from datetime import date

from ..model import Requirement, RequirementValue

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (above 99: Arabic digits)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def cn_count(n: int) -> str:
    """A count said in words: 两 for 2 (两个问题, not 二个), else :func:`cn_number`."""
    return "两" if n == 2 else cn_number(n)


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 number of the ``n``-th heading at ``level``: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def ordinal(n: int) -> str:
    """The spoken ordinal of the ``n``-th point: 一是, 二是 … (a report never has more than ten)."""
    return f"{cn_number(n)}是"


def format_date(d: date) -> str:
    """Arabic digits, no padding: 2023年7月21日."""
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


_COUNTED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def count_chars(*texts: str) -> int:
    """字数 as reviewers count it: CJK characters, letters and digits (no punctuation, no spaces)."""
    return sum(len(_COUNTED.findall(t)) for t in texts)


def unit_word(req: Requirement) -> str:
    """The word a requirement's value is counted in: 次/期/场/轮 as the list says, %, 日."""
    if req.kind == "count":
        return req.count_unit()
    return {"rate": "%", "duration": "日"}.get(req.kind, "")


def value_text(req: Requirement, val: RequirementValue) -> str:
    """The official's value in words: ``3次``, ``2期``, ``100%``, ``30日``, ``2025年2月20日``."""
    if req.kind == "deadline":
        if val.date:
            try:
                return format_date(date.fromisoformat(val.date))
            except ValueError:
                return val.date
        return ""
    if val.value is None:
        return ""
    return f"{fmt_num(val.value)}{unit_word(req)}"


def requirement_text(req: Requirement) -> str:
    """What is required, for the annex table: ``每年≥2期``, ``3月1日前``, ``≥100%``."""
    return req.describe().replace(" ", "")


def requirement_subject(req: Requirement) -> str:
    """What the requirement is about, as a phrase (its source text without 每年至少…次 wording)."""
    text = (req.text or req.label or "").strip().rstrip("。；;，,")
    return text


def shortfall(req: Requirement, val: RequirementValue) -> str:
    """An unmet requirement said as a shortfall, never as a bare number: no “0次”, no ≥/≤."""
    subject = requirement_subject(req)
    quoted = f"“{subject}”" if subject else "清单中的一项要求"
    if req.kind == "deadline":
        gap = f"{quoted}一项未能在规定时限内完成"
    elif req.kind == "count":
        zero = val.value is not None and float(val.value) == 0
        gap = f"{quoted}一项{'全年未能落实' if zero else '落实的频次不足'}"
    elif req.kind == "rate":
        gap = f"{quoted}一项未达到规定的比例"
    else:
        gap = f"{quoted}一项未达到规定的标准"
    return gap + "，反映出本人对这项工作的跟踪督促还不到位"


def shortfall_measure(req: Requirement, next_year: int) -> str:
    """The measure answering :func:`shortfall`, readable on its own (it names the work)."""
    subject = requirement_subject(req)
    quoted = f"“{subject}”" if subject else "清单各项要求"
    if req.kind == "deadline":
        return f"把{quoted}列入{next_year}年度工作台账，提前安排、按期完成。"
    return f"把{quoted}列入{next_year}年度工作要点和月度调度，明确责任人和时间节点，确保按清单要求落实到位。"
