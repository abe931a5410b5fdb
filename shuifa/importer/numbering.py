"""Numbering labels as printed: 第X章/第X节/第X条, 一、, （一）, 1. 1、 1．, （1）, 1）, ①."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "零〇○一二两三四五六七八九十百"


def cn_to_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105, 2 → 2; None when it is not a number."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            cur = _CN_DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


#: Usual nesting rank of each style (smaller = outer); used when a style appears that is not open yet.
RANK: dict[str, float] = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "article": 3,
    "cn": 4,
    "pcn": 5,
    "num": 6,
    "num_rp": 6.5,
    "pnum": 7,
    "circ": 8,
    "table": 9,
}

STYLE_NAMES: dict[str, str] = {
    "part": "第X部分",
    "chapter": "第X章",
    "section": "第X节",
    "article": "第X条",
    "cn": "一、",
    "pcn": "（一）",
    "num": "1.",
    "num_rp": "1）",
    "pnum": "（1）",
    "circ": "①",
    "table": "表格行",
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dix", re.compile(f"^第\\s*([{_CN}\\d]{{1,5}})\\s*(部分|编|章|节|条)(?![件款项])[\\s、：:．.]*")),
    ("cn", re.compile(f"^([{_CN}]{{1,4}})\\s*[、，,．.]\\s*")),
    ("pcn", re.compile(f"^[（(]\\s*([{_CN}]{{1,4}})\\s*[）)]\\s*[、.．]?\\s*")),
    ("num", re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")),
    ("pnum", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*")),
    ("num_rp", re.compile(r"^(\d{1,3})\s*[）)]\s*")),
    ("circ", re.compile(r"^([①-⑳㉑-㉟])\s*")),
    ("pdigit", re.compile(r"^([⑴-⒇])\s*")),
    ("ddigit", re.compile(r"^([⒈-⒛])\s*")),
)
_DIX_STYLE = {"部分": "part", "编": "part", "章": "chapter", "节": "section", "条": "article"}


@dataclass(frozen=True)
class Label:
    style: str
    ordinal: int
    label: str  # as printed, without trailing spaces
    rest: str  # the text after the label


def match_label(text: str) -> Label | None:
    """The numbering label at the start of ``text``, or None."""
    if not text:
        return None
    first = text[0]
    if not (first in "第（(" or first.isdigit() or first in _CN):
        if not ("\u2460" <= first <= "\u249b" or "\u3251" <= first <= "\u325f"):
            return None
    for key, pat in _PATTERNS:
        m = pat.match(text)
        if not m:
            continue
        rest = text[m.end() :]
        if key == "dix":
            n = cn_to_int(m.group(1).strip())
            if n is None:
                continue
            style = _DIX_STYLE[m.group(2)]
            label = f"第{m.group(1).strip()}{m.group(2)}"
            return Label(style, n, label, rest.strip())
        if key == "pdigit":
            ch = m.group(1)
            return Label("pnum", ord(ch) - 0x2473, ch, rest.strip())
        if key == "ddigit":
            ch = m.group(1)
            return Label("num", ord(ch) - 0x2487, ch, rest.strip())
        if key == "circ":
            ch = m.group(1)
            n = ord(ch) - 0x245F if ch <= "⑳" else ord(ch) - 0x3250 + 20
            return Label("circ", n, ch, rest.strip())
        n = cn_to_int(m.group(1))
        if n is None or n == 0:
            continue
        if key == "cn":
            sep = m.group(0).strip()[-1]
            if sep in "，," and len(rest) > 40:
                # 一，… with a comma is usually a sentence, not a heading label
                continue
            if not rest or not (rest[0] >= "\u3400" or rest[0] in "“《（"):
                continue
        if key == "num":
            # 2023. or 1.5倍 are not labels; 12.4 is excluded by the pattern
            if not rest or rest[0] in "%％年月日倍个万亿元" or rest.startswith(("号", "次")):
                continue
        raw = m.group(0).strip()
        if key in ("pcn", "pnum"):
            raw = raw.rstrip("、.．")
        return Label(key, n, raw, rest.strip())
    return None
