"""Report → template context (the variables a template sees) and the fast plain-text preview.

Both are built from one composition step (:func:`compose`), so the preview says exactly what the
rendered document says. The context is documented variable by variable in docs/templates.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import TemplateError
from ..model import (
    REPORT_PARTS,
    ROLES,
    STATUSES,
    Entry,
    Node,
    Report,
    Requirement,
    RequirementValue,
    requirement_met,
    split_paragraphs,
)

KINDS: dict[str, str] = {
    "shufa-report": "书面述法报告",
    "shuzhi-section": "述职报告述法部分",
    "speech": "现场述法发言稿",
}

REPORT_TITLE = "关于履行推进法治建设第一责任人职责情况的报告"
SHUZHI_HEADING = "履行推进法治建设第一责任人职责情况"
SPEECH_SALUTATION = "各位领导、同志们："
SPEECH_CLOSING = "以上是我的述法发言，不妥之处，请各位领导、同志们批评指正。谢谢大家！"
#: Speaking rate used for the time estimate, 字/分钟.
SPEAKING_RATE = 220
#: Section keys in the order they appear, with their default headings.
SECTION_TITLES: dict[str, str] = {
    "performance": "履职情况",
    "rectification": "上年度问题整改情况",
    "problems": "存在的问题和不足",
    "next_steps": "下一步工作打算",
}
#: At most this many items get 一是、二是…; longer runs are numbered 1. 2. …
MAX_SPOKEN_ORDINALS = 10
#: The speech keeps, of each note, its first paragraph only, and at most this many duties per group
#: and problems / improvements (in the list's order), so it fits the few minutes a speaker has.
SPEECH_DUTIES_PER_GROUP = 2
SPEECH_ITEMS = 3

_CN_DIGITS = "零一二三四五六七八九"
_ORDINAL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|首先|其次)"
)
_TRAILING_PUNCT = "。；;：:，,、 　"
_REPORT_AS_FOLLOWS = re.compile(r"[^。；！!]*?(?:报告|汇报)如下[：:。]?\s*$")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 100 → 一百."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 number of the ``n``-th heading at ``level``: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def format_date(d: date) -> str:
    """Arabic digits, no padding: 2023年7月21日."""
    return f"{d.year}年{d.month}月{d.day}日"


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _paras(text: str) -> list[str]:
    """split_paragraphs with a fast path for the common one-paragraph note (the preview runs per keystroke)."""
    if "\n" not in text and "\r" not in text:
        t = text.strip()
        return [t] if t else []
    return split_paragraphs(text)


_LEAD_IN_END = ("：", ":")


def _spoken(paras: list[str]) -> list[str]:
    """The speech's share of a note: its first paragraph, and when that paragraph leads in to a list
    (“…着力在以下方面下功夫：”), also the items after it (at most SPEECH_ITEMS), so that no spoken
    paragraph ends in a colon with nothing after it."""
    if not paras:
        return []
    out = [paras[0]]
    i = 1
    while i < len(paras) and out[-1].endswith(_LEAD_IN_END):
        taken = paras[i : i + SPEECH_ITEMS]
        out.extend(taken)
        i += len(taken)
    return out


def _clean_title(text: str) -> str:
    return text.strip().rstrip(_TRAILING_PUNCT)


#: A group heading longer than this is cut at its first clause (the list's categories are often
#: whole sentences: “充分发挥党委…领导作用，定期听取…，将法治建设纳入…” → “充分发挥党委…领导作用”).
MAX_HEADING_CHARS = 30
_CLAUSE_END = re.compile(r"[，；。：,;:]")


def group_heading(text: str) -> str:
    title = _clean_title(text)
    if len(title) > MAX_HEADING_CHARS:
        m = _CLAUSE_END.search(title)
        if m and m.start() >= 4:
            return title[: m.start()]
    return title


def _has_ordinal(text: str) -> bool:
    return bool(_ORDINAL_START.match(text))


def _ordinals(count: int) -> list[str]:
    if count <= MAX_SPOKEN_ORDINALS:
        return [f"{cn_number(i)}是" for i in range(1, count + 1)]
    return [f"{i}." for i in range(1, count + 1)]


def _insert_before_end(paragraph: str, addition: str) -> str:
    """``…3次。`` + ``（…）`` → ``…3次（…）。``"""
    if paragraph and paragraph[-1] in "。；;!！":
        return paragraph[:-1] + addition + paragraph[-1]
    return paragraph + addition


# --------------------------------------------------------------------------- requirement values


def value_text(req: Requirement, val: RequirementValue) -> str:
    """The official's value in words: ``3次``, ``100%``, ``30日``, ``2025年2月20日``."""
    if req.kind == "deadline":
        if val.date:
            try:
                return format_date(date.fromisoformat(val.date))
            except ValueError:
                return val.date
        return ""
    if val.value is None:
        return ""
    unit = {"count": "次", "rate": "%", "duration": "日"}.get(req.kind, "")
    return f"{_fmt_num(val.value)}{unit}"


def requirement_text(req: Requirement) -> str:
    """What is required, compact: ``≥2次/年``, ``3月1日前``, ``≥100%``."""
    return req.describe().replace(" ", "")


def duty_values(duty: Node, entry: Entry, year: int | None = None) -> list[dict[str, Any]]:
    out = []
    for req in duty.requirements:
        val = entry.values.get(req.id)
        if val is None or val.is_empty():
            continue
        out.append(
            {
                "label": req.label or req.text,
                "value": value_text(req, val),
                "required": requirement_text(req),
                "source": req.text,
                "met": requirement_met(req, val, year),
                "note": val.note.strip(),
            }
        )
    return out


def values_clause(values: list[dict[str, Any]]) -> str:
    """``（法治专题讲座举办次数：3次，要求≥2次/年）`` for all entered values of a duty."""
    if not values:
        return ""
    parts = []
    for v in values:
        s = f"{v['label']}：{v['value']}，要求{v['required']}"
        if v["note"]:
            s += f"，{v['note'].rstrip(_TRAILING_PUNCT)}"
        parts.append(s)
    return "（" + "；".join(parts) + "）"


# --------------------------------------------------------------------------- composition


@dataclass
class Composed:
    """The content of one document of one kind, before it meets a template."""

    kind: str
    title: str
    byline: str
    heading: str
    salutation: str
    opening: list[str]
    sections: dict[str, dict[str, Any]]
    closing: list[str]
    signature: dict[str, str]
    chars: int
    minutes: float


def _byline(report: Report) -> str:
    o = report.official
    unit, title, name = o.unit.strip(), o.title.strip(), o.name.strip()
    position = title if (not unit or title.startswith(unit)) else f"{unit}{title}"
    return "　".join(p for p in (position, name) if p)


def _opening(report: Report, kind: str, has_body: bool = True) -> list[str]:
    """The opening paragraphs; the lead-in to the body (…报告如下：) only when a body follows."""
    year = report.year
    paras = _paras(report.parts.get("opening", ""))
    unit = report.official.unit.strip() or "本单位"
    if kind == "speech":
        ending = f"下面，我就{year}年度履行推进法治建设第一责任人职责情况作简要汇报。"
        if not paras:
            paras = [
                f"{year}年，我认真学习贯彻习近平法治思想，切实履行推进法治建设第一责任人职责，"
                f"带头尊法学法守法用法，推动{unit}法治建设各项工作落地见效。"
            ]
    elif kind == "shuzhi-section":
        ending = "具体情况如下："
        if not paras:
            paras = [
                f"{year}年，本人认真学习贯彻习近平法治思想，严格落实《党政主要负责人履行推进法治建设第一责任人职责规定》，"
                f"把法治建设摆在全局工作的重要位置，推动{unit}法治建设各项工作取得新成效。"
            ]
    else:
        ending = f"现将本人{year}年度述法工作情况报告如下："
        if not paras:
            paras = [
                f"{year}年，本人深入学习贯彻习近平法治思想，认真落实《党政主要负责人履行推进法治建设第一责任人职责规定》"
                f"和职责清单要求，切实履行推进法治建设第一责任人职责，推动{unit}法治建设各项工作取得新成效。"
            ]
    last = paras[-1]
    if not has_body:  # nothing written yet: no sentence may end in “如下：” with nothing after it
        stripped = _REPORT_AS_FOLLOWS.sub("", last).rstrip()
        return paras[:-1] + [stripped] if stripped else (paras[:-1] or [_no_lead_in(kind, report)])
    if kind == "shufa-report" and "报告如下" in last:
        return paras
    stripped = _REPORT_AS_FOLLOWS.sub("", last).rstrip()
    if stripped != last:
        paras = paras[:-1] + ([stripped] if stripped else [])
    if paras:
        paras[-1] = paras[-1] + ending
    else:
        paras = [ending]
    return paras


def _no_lead_in(kind: str, report: Report) -> str:
    unit = report.official.unit.strip() or "本单位"
    return f"{report.year}年，本人认真履行推进法治建设第一责任人职责，推动{unit}法治建设各项工作取得新成效。"


def _gather(paragraph_lists: list[list[str]]) -> list[str]:
    """Items (each a list of paragraphs) → paragraphs, with 一是/二是… on each item's first paragraph
    unless the official numbered them already."""
    items = [p for p in paragraph_lists if p]
    if not items:
        return []
    if len(items) < 2 or any(_has_ordinal(p[0]) for p in items):
        return [x for p in items for x in p]
    out: list[str] = []
    for ordinal, paras in zip(_ordinals(len(items)), items, strict=True):
        out.append(ordinal + paras[0])
        out.extend(paras[1:])
    return out


def _performance(report: Report, kind: str, paths: list[tuple[list[Node], Node]], base_level: int) -> list[dict]:
    """Blocks of 履职情况: group headings (level 2–4) and body paragraphs (level 0)."""
    speech = kind == "speech"
    max_depth = 4 - base_level
    # Group levels shared by every walked duty (e.g. “三、…” and “（一）党委主要负责人…”) say nothing: drop them.
    prefix = 0
    if paths:
        first = paths[0][0]
        prefix = len(first)
        for anc, _ in paths[1:]:
            n = 0
            while n < prefix and n < len(anc) and anc[n] is first[n]:
                n += 1
            prefix = n
            if not prefix:
                break

    groups: list[tuple[tuple[Node, ...], list[list[str]]]] = []  # (kept ancestors, duty paragraph lists)
    kept_cache: dict[int, tuple[Node, ...]] = {}
    for anc, duty in paths:
        e = report.entries.get(duty.id)
        if e is None or e.status == "na":
            continue
        paras = _paras(e.performance)
        if not paras:
            # Without 履职情况 text a duty says nothing here (a bare “…为0次（要求≥1次/年）” under its own
            # heading is not a report); its problems and improvements still gather into their sections.
            continue
        if speech:
            paras = _spoken(paras)
        else:
            # A value the official already wrote about (its label or the list's phrase is in the text) is not repeated.
            text = e.performance
            vals = [v for v in duty_values(duty, e, report.year) if v["label"] not in text and v["source"] not in text]
            if vals:
                paras[-1] = _insert_before_end(paras[-1], values_clause(vals))
        parent_key = id(anc[-1]) if anc else 0
        kept = kept_cache.get(parent_key)
        if kept is None:
            kept = tuple(a for a in anc[prefix:] if _clean_title(a.title or a.text))[:max_depth]
            kept_cache[parent_key] = kept
        if groups and groups[-1][0] == kept:
            if not speech or len(groups[-1][1]) < SPEECH_DUTIES_PER_GROUP:
                groups[-1][1].append(paras)
        else:
            groups.append((kept, [paras]))

    parts = []
    for key in ("study", "decisions"):
        paras = _paras(report.parts.get(key, ""))
        if speech:
            paras = _spoken(paras)
        if paras:
            parts.append((REPORT_PARTS[key], paras))
    if parts and groups and all(not g[0] for g in groups):
        # A flat list under numbered part headings: give its duties a heading of their own.
        groups = [((_Synthetic("落实职责清单情况"),), [p for g in groups for p in g[1]])]  # type: ignore[list-item]

    blocks: list[dict] = []
    counters = [0, 0, 0, 0, 0]
    for title, paras in parts:
        counters[base_level + 1] += 1
        text = heading_number(base_level + 1, counters[base_level + 1]) + title
        blocks.append({"level": base_level + 1, "text": text, "title": title, "full_title": title, "kind": "part"})
        blocks.extend({"level": 0, "text": p, "title": "", "full_title": "", "kind": "part"} for p in paras)
    current: tuple[Node, ...] = ()
    for kept, duty_paras in groups:
        common = 0
        while common < len(kept) and common < len(current) and kept[common] is current[common]:
            common += 1
        for depth in range(common, len(kept)):
            level = base_level + 1 + depth
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            full = _clean_title(kept[depth].title or kept[depth].text)
            title = group_heading(full)
            blocks.append(
                {
                    "level": level,
                    "text": heading_number(level, counters[level]) + title,
                    "title": title,
                    "full_title": full,
                    "kind": "group",
                }
            )
        current = kept
        blocks.extend(
            {"level": 0, "text": p, "title": "", "full_title": "", "kind": "duty"} for p in _gather(duty_paras)
        )
    return blocks


class _Synthetic:
    """A heading the list does not have (used when a flat list meets numbered report parts)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.text = ""


def _rectification(report: Report, speech: bool = False) -> list[str]:
    paras = _paras(report.parts.get("rectification", ""))
    if speech:
        paras = _spoken(paras)
    items: list[list[str]] = []
    states = {"done": "已整改到位", "in_progress": "正在整改"}
    for item in report.carry_over:
        note = _paras(item.note)
        if not item.state and not note:
            continue
        problem = item.problem.strip().rstrip(_TRAILING_PUNCT)
        inner = problem.replace("“", "‘").replace("”", "’")  # quotes inside quotes are single (GB/T 15834)
        head = f"关于“{inner}”的问题" if problem else "关于上年度查找的问题"
        if item.state in states:
            head += f"，{states[item.state]}"
        head += "。"
        if note:
            items.append([head + note[0], *(_spoken(note)[1:] if speech else note[1:])])
        else:
            items.append([head])
    return paras + _gather(items)


def compose(report: Report, kind: str, *, today: date | None = None) -> Composed:
    if kind not in KINDS:
        raise TemplateError(f"没有“{kind}”这种报告类型。", hint="可用的类型：" + "、".join(KINDS))
    speech = kind == "speech"
    base_level = 2 if kind == "shuzhi-section" else 1
    paths = report.duty_paths()

    problems: list[list[str]] = []
    improvements: list[list[str]] = []
    for _, duty in paths:
        e = report.entries.get(duty.id)
        if e is None or e.status == "na":
            continue
        p, i = _paras(e.problems), _paras(e.improvements)
        problems.append(_spoken(p) if speech else p)
        improvements.append(_spoken(i) if speech else i)
    next_extra = _paras(report.parts.get("next_steps", ""))
    if speech:
        problems = [p for p in problems if p][:SPEECH_ITEMS]
        improvements = [p for p in improvements if p][:SPEECH_ITEMS]
        next_extra = _spoken(next_extra)

    content = {
        "performance": _performance(report, kind, paths, base_level),
        "rectification": _rectification(report, speech),
        "problems": _gather(problems),
        "next_steps": _gather(improvements) + next_extra,
    }
    sections: dict[str, dict[str, Any]] = {}
    n = 0
    for key, title in SECTION_TITLES.items():
        value = content[key]
        present = bool(value)
        if present:
            n += 1
        number = heading_number(base_level, n) if present else ""
        blocks = (
            value
            if key == "performance"
            else [{"level": 0, "text": p, "title": "", "full_title": "", "kind": key} for p in value]
        )
        sections[key] = {
            "key": key,
            "present": present,
            "number": number,
            "title": title,
            "heading": number + title if present else "",
            "level": base_level,
            "blocks": blocks,
            "paragraphs": [b["text"] for b in blocks if b["level"] == 0],
        }

    year = report.year
    title = {"shufa-report": REPORT_TITLE, "speech": f"{year}年度述法发言", "shuzhi-section": ""}[kind]
    opening = _opening(report, kind, has_body=any(s["present"] for s in sections.values()))
    closing = [SPEECH_CLOSING] if speech else []
    salutation = SPEECH_SALUTATION if speech else ""
    heading = SHUZHI_HEADING if kind == "shuzhi-section" else ""

    chars = _count_chars(heading, salutation, *opening, *closing)
    for s in sections.values():
        if s["present"]:
            chars += _count_chars(s["heading"], *(b["text"] for b in s["blocks"]))
    d = today or date.today()
    signature = {"name": report.official.name.strip(), "date": format_date(d)} if kind == "shufa-report" else {}
    return Composed(
        kind=kind,
        title=title,
        byline=_byline(report) if kind != "shuzhi-section" else "",
        heading=heading,
        salutation=salutation,
        opening=opening,
        sections=sections,
        closing=closing,
        signature=signature,
        chars=chars,
        minutes=round(chars / SPEAKING_RATE, 1),
    )


#: 2号 (22 pt) characters on a 156-mm line.
TITLE_CHARS_PER_LINE = 20
_TITLE_BREAKS = ("法治建设", "第一责任人", "职责", "年度", "关于")


def title_lines(title: str) -> list[str]:
    """A title as its printed lines: a title longer than a line is broken in two at a word
    boundary, as evenly as possible (GB/T 9704 7.3.1: 回行时词意完整、排列对称), so no word such as
    报告 is left alone on the second line. Empty title → no lines."""
    if not title:
        return []
    if len(title) <= TITLE_CHARS_PER_LINE:
        return [title]
    best: tuple[int, int] | None = None
    for word in _TITLE_BREAKS:
        start = title.find(word)
        while start != -1:
            cut = start + len(word)
            first, second = cut, len(title) - cut
            if 0 < first <= TITLE_CHARS_PER_LINE and 0 < second <= TITLE_CHARS_PER_LINE:
                score = abs(first - second)
                if best is None or score < best[0]:
                    best = (score, cut)
            start = title.find(word, start + 1)
    if best is None:
        return [title]
    return [title[: best[1]], title[best[1] :]]


def _count_chars(*texts: str) -> int:
    return sum(len(t) - t.count(" ") - t.count("　") for t in texts)


def minutes_text(minutes: float) -> str:
    """``约8分钟`` / ``约半分钟`` style estimate (whole minutes, at least 1)."""
    return f"{max(1, round(minutes))}分钟"


# --------------------------------------------------------------------------- public API


def build_context(report: Report, kind: str, *, today: date | None = None) -> dict[str, Any]:
    """The variables a template of ``kind`` sees (documented in docs/templates.md)."""
    c = compose(report, kind, today=today)
    o = report.official
    dl = report.duty_list
    d = today or date.today()
    duties = []
    for anc, duty in report.duty_paths():
        e = report.entries.get(duty.id) or Entry(duty_id=duty.id)
        duties.append(
            {
                "label": duty.label,
                "text": duty.text,
                "group": " / ".join(a.heading() for a in anc if a.heading()),
                "role": duty.role,
                "status": e.status,
                "status_text": STATUSES.get(e.status, ""),
                "performance": split_paragraphs(e.performance),
                "problems": split_paragraphs(e.problems),
                "improvements": split_paragraphs(e.improvements),
                "evidence": split_paragraphs(e.evidence),
                "values": duty_values(duty, e, report.year),
            }
        )
    return {
        "kind": kind,
        "kind_title": KINDS[kind],
        "title": c.title,
        "title_lines": title_lines(c.title),
        "byline": c.byline,
        "heading": c.heading,
        "salutation": c.salutation,
        "year": report.year,
        "official": {
            "name": o.name,
            "title": o.title,
            "unit": o.unit,
            "role": o.role,
            "role_title": ROLES.get(o.role, ""),
        },
        "list": {"id": dl.id, "title": dl.title, "issuer": dl.issuer, "date": dl.date or ""},
        "opening": c.opening,
        "sections": c.sections,
        "section_list": [s for s in c.sections.values() if s["present"]],
        "closing": c.closing,
        "signature": c.signature or {"name": "", "date": ""},
        "date": format_date(d),
        "speech": {
            "chars": c.chars,
            "minutes": c.minutes,
            "minutes_text": minutes_text(c.minutes),
            "rate": SPEAKING_RATE,
        },
        "parts": {k: split_paragraphs(report.parts.get(k, "")) for k in REPORT_PARTS},
        "carry_over": [
            {
                "problem": item.problem,
                "improvement": item.improvement,
                "state": item.state,
                "state_text": {"done": "已整改", "in_progress": "整改中"}.get(item.state, ""),
                "note": split_paragraphs(item.note),
            }
            for item in report.carry_over
        ],
        "duties": duties,
        "stats": _stats(report),
    }


def _stats(report: Report) -> dict[str, int]:
    counts = {"duties": 0, "done": 0, "partial": 0, "undone": 0, "na": 0, "empty": 0, "unmet": 0}
    for duty in report.duties():
        counts["duties"] += 1
        e = report.entries.get(duty.id)
        status = e.status if e is not None else ""
        counts[status if status in counts else "empty"] += 1
    counts["unmet"] = len(report.unmet_requirements())
    return counts


@dataclass(frozen=True)
class PreviewText:
    text: str
    chars: int
    minutes: float


def preview_text(report: Report, kind: str = "shufa-report", *, today: date | None = None) -> PreviewText:
    """The document as plain text, one paragraph a line (fast: no template, no XML).

    ``chars`` counts the main text (not the title block or 落款); ``minutes`` is its speaking time
    at 220 字/分钟.
    """
    c = compose(report, kind, today=today)
    lines: list[str] = []
    lines.extend(title_lines(c.title))
    if c.byline:
        lines.append(c.byline)
    if kind == "speech":
        lines.append(f"（约{c.chars}字，按每分钟{SPEAKING_RATE}字计，用时约{minutes_text(c.minutes)}）")
    if lines:
        lines.append("")
    if c.heading:
        lines.append(c.heading)
    if c.salutation:
        lines.append(c.salutation)
    lines.extend(c.opening)
    for s in c.sections.values():
        if s["present"]:
            lines.append(s["heading"])
            lines.extend(b["text"] for b in s["blocks"])
    lines.extend(c.closing)
    if c.signature:
        lines += ["", c.signature["name"], c.signature["date"]]
    return PreviewText(text="\n".join(lines), chars=c.chars, minutes=c.minutes)
