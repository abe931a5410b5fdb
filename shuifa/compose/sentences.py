"""Reading the official's text: sentences, how informative a sentence is, leads and key figures.

Deterministic and cheap (regular expressions only): the composition runs on every keystroke's
preview.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .wording import count_chars

_END = "。！？；!?;"
_OPEN, _CLOSE = "“‘《（(「", "”’》）)」"

#: An ordinal the official wrote at the start of a paragraph (we number points ourselves).
ORDINAL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|首先[，,]|其次[，,]|再次[，,]|最后[，,])"
)
#: Framing clauses that restate the list instead of saying what was done (对照职责清单中“…”的要求，).
LIST_FRAME = re.compile(
    r"^(?:对照(?:职责)?清单(?:中)?|按照(?:清单)?|围绕|聚焦|根据)“[^”]{2,80}”(?:的(?:职责)?(?:要求|规定))?[，,]"
)
#: The official's own acts: 本人 as the subject, the 四个亲自, speaking, attending court.
OWN_ACT = re.compile(r"本人|亲自|带头|主持|我|讲授|旁听|出庭|批示|调研|督导|约谈")
FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|个|次|件|场|期|项|人次|人|份|篇|部|条|学时|小时|家|万元|元|起|户|天|日|余|多|名)"
)
NAMED = re.compile(r"《[^》]{2,40}》")
VAGUE_REFERENCE = re.compile(r"^(?:该项|此项|上述|这项|此类|该类)")
#: A lead is at most this many characters (the issue's ≤ 12 字).
MAX_LEAD_CHARS = 12


def strip_ordinal(text: str) -> str:
    return ORDINAL_START.sub("", text, count=1).lstrip()


def strip_frame(text: str) -> str:
    """Drop a leading clause that only restates the list (the point's lead says what it is about)."""
    return LIST_FRAME.sub("", text, count=1)


def sentences(paragraph: str) -> list[str]:
    """A paragraph cut into sentences at 。！？； outside quotes and brackets, each keeping its stop."""
    return list(_sentences(paragraph))


@lru_cache(maxsize=8192)
def _sentences(paragraph: str) -> tuple[str, ...]:
    out: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(paragraph):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch in _END and depth == 0:
            s = paragraph[start : i + 1].strip()
            if s:
                out.append(s)
            start = i + 1
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail + "。")
    return tuple(s[:-1] + "。" if s.endswith(("；", ";")) else s for s in out)


@lru_cache(maxsize=8192)
def score(sentence: str) -> float:
    """How much a sentence tells a reviewer: figures, named documents, the official's own acts;
    less for a sentence leaning on something said elsewhere."""
    s = 2.0 * min(len(FIGURE.findall(sentence)), 4)
    s += 2.0 * len(NAMED.findall(sentence))
    s += 3.0 if OWN_ACT.search(sentence) else 0.0
    if VAGUE_REFERENCE.match(sentence):
        s -= 4.0
    s += min(count_chars(sentence), 60) / 60.0  # a little for substance
    return s


def own_lead(paragraph: str) -> tuple[str, str]:
    """(lead, rest) when the paragraph opens with a short sentence of its own (“坚持自主学。…”)."""
    first = sentences(paragraph)[:1]
    if first:
        head = first[0].rstrip("。！？；")
        rest = paragraph[len(first[0]) :].lstrip()
        # a lead needs facts after it; a whole short note is the facts, a lead-in (…：) is no lead
        if 2 <= count_chars(head) <= MAX_LEAD_CHARS and not any(c in head for c in "，：:,") and count_chars(rest) >= 4:
            return head, rest
    return "", paragraph


def figures(sentence: str, limit: int = 2) -> list[str]:
    """Short clauses of a sentence that carry a figure (for cue cards): “全年会前学法9次”."""
    out = []
    for clause in re.split(r"[，,；;。：:]", sentence):
        clause = clause.strip()
        if clause and FIGURE.search(clause) and count_chars(clause) <= 22:
            out.append(clause)
            if len(out) >= limit:
                break
    return out


def skeleton(sentence: str) -> str:
    """A sentence with its numbers blanked: two sentences with one skeleton say the same thing."""
    return re.sub(r"\d+(?:\.\d+)?", "#", re.sub(r"^[一二三四五六七八九十]+是", "", sentence.strip()))


def first_clause(text: str, limit: int) -> str:
    """The text up to its first stop or comma, when that fits ``limit`` characters; else ''."""
    m = re.match(r"[^，。；：,;:！？]+", text.strip())
    if m and 2 <= len(m.group(0)) <= limit:
        return m.group(0)
    return ""


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a clause or enumeration boundary (no ellipsis
    in the middle of a word); the whole first clause when that fits."""
    text = text.strip().rstrip("。；;，,")
    if len(text) <= limit:
        return text
    cut = max((text.rfind(p, 0, limit + 1) for p in "。，、；,;"), default=-1)
    if cut >= 6:
        return text[:cut]
    return text[:limit]


_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"))


def _balanced(text: str) -> str:
    """Straight double quotes as “”; a pair of marks that does not balance is dropped."""
    parts = text.split('"')
    text = "".join(p if i % 2 == 0 else f"“{p}”" for i, p in enumerate(parts)) if len(parts) % 2 else "".join(parts)
    for open_, close in _PAIRS:
        if text.count(open_) != text.count(close):
            text = text.replace(open_, "").replace(close, "")
    return text


def tidy_phrase(text: str) -> str:
    """A lead or heading the official typed: trimmed, marks balanced, no stop or colon at its end (the
    composition adds the punctuation)."""
    text = text.strip()
    return _balanced(text).rstrip("。，；：、,;:.!！？? 　") if text else ""


def tidy_sentence(text: str) -> str:
    """A sentence the official typed (a cause): trimmed, marks balanced, ending in a stop."""
    text = _balanced(text.strip())
    if not text:
        return ""
    return text if text.endswith(("。", "！", "？")) else text.rstrip("，；：、,;:. 　") + "。"
