"""Report → template context (the variables a template sees) and the fast plain-text preview.

The render only lays out what the composition gives it (:mod:`shuifa.compose`): both the context and
the preview come from one :func:`shuifa.compose.compose`, so the preview says exactly what the
document says. The context is documented variable by variable in docs/templates.md; the variables
of the first release (``sections``, ``opening``, ``duties`` …) keep their shape, so a user template
written for it still renders, now with the composed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..compose import KINDS, Composition, compose, title_lines
from ..compose.documents import ANNEX_TITLE, SECTION_TITLES, SPEECH_CLOSING, TITLE_CHARS_PER_LINE, report_date
from ..compose.wording import cn_number, format_date, heading_number, requirement_text, value_text
from ..model import REPORT_PARTS, ROLES, STATUSES, Entry, Node, Report, requirement_met, split_paragraphs
from ..plan import DEFAULT_SPEAKING_RATE

#: The default speaking rate (the report's own rate is in ``report.plan.speaking_rate``).
SPEAKING_RATE = DEFAULT_SPEAKING_RATE

__all__ = [
    "KINDS",
    "SECTION_TITLES",
    "SPEAKING_RATE",
    "SPEECH_CLOSING",
    "TITLE_CHARS_PER_LINE",
    "PreviewText",
    "build_context",
    "cn_number",
    "compose",
    "duty_values",
    "format_date",
    "heading_number",
    "minutes_text",
    "preview_text",
    "title_lines",
]


def minutes_text(minutes: float) -> str:
    """``8分钟`` (whole minutes, at least 1)."""
    return f"{max(1, round(minutes))}分钟"


def duty_values(duty: Node, entry: Entry, year: int | None = None) -> list[dict[str, Any]]:
    """A duty's entered requirement values (for ``duties[].values`` and own templates)."""
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


def _block(b: Any) -> dict[str, Any]:
    return {"level": b.level, "text": b.text, "title": b.text if b.level else "", "full_title": "", "kind": b.kind}


def _section_context(s: Any) -> dict[str, Any]:
    blocks = [_block(b) for b in s.blocks]
    return {
        "key": s.key,
        "present": bool(blocks),
        "number": s.number,
        "title": s.title,
        "heading": s.heading if s.title else "",
        "level": s.level,
        "blocks": blocks,
        "paragraphs": [b["text"] for b in blocks if b["level"] == 0],
    }


def _sections(c: Composition) -> dict[str, dict[str, Any]]:
    """``sections.<key>`` as in the first release: present/number/title/heading/level/blocks/paragraphs."""
    out: dict[str, dict[str, Any]] = {}
    for key, title in SECTION_TITLES.items():
        s = c.section(key)
        blocks = [_block(b) for b in s.blocks] if s else []
        out[key] = {
            "key": key,
            "present": bool(s and s.blocks),
            "number": s.number if s else "",
            "title": (s.title or title) if s else title,
            "heading": s.heading if s and s.title else "",
            "level": s.level if s else 1,
            "blocks": blocks,
            "paragraphs": [b["text"] for b in blocks if b["level"] == 0],
        }
    return out


def _stats(report: Report) -> dict[str, int]:
    counts = {"duties": 0, "done": 0, "partial": 0, "undone": 0, "na": 0, "empty": 0, "unmet": 0}
    for duty in report.duties():
        counts["duties"] += 1
        e = report.entries.get(duty.id)
        status = e.status if e is not None else ""
        counts[status if status in counts else "empty"] += 1
    counts["unmet"] = len(report.unmet_requirements())
    return counts


def build_context(report: Report, kind: str, *, today: date | None = None) -> dict[str, Any]:
    """The variables a template of ``kind`` sees (documented in docs/templates.md)."""
    c = compose(report, kind, today=today)
    o = report.official
    dl = report.duty_list
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
    sections = _sections(c)
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
        "sections": sections,
        "section_list": [_section_context(s) for s in c.sections],
        "topics": [
            {
                "id": t.id,
                "heading": t.heading,
                "intro": t.intro,
                "points": [{"key": p.key, "lead": p.lead, "sentences": p.sentences} for p in t.points],
            }
            for t in c.material.topics
        ],
        "problems": [
            {"key": p.key, "head": p.head, "texts": p.texts, "cause": p.cause} for p in c.material.problems if p.texts
        ],
        "measures": [
            {"key": p.key, "lead": p.measure_lead, "texts": p.measures} for p in c.material.problems if p.measures
        ],
        "rectification": [
            {"key": r.key, "name": r.name, "state": r.state, "text": r.text} for r in c.material.rect_items
        ],
        "annex": {
            "present": bool(c.annex),
            "title": ANNEX_TITLE,
            "rows": [
                {
                    "duty": r.duty,
                    "requirement": r.requirement,
                    "required": r.required,
                    "value": r.value,
                    "met": r.met,
                    "continued": r.continued,
                }
                for r in c.annex
            ],
        },
        "closing": c.closing,
        "signature": c.signature or {"name": "", "date": ""},
        "date": format_date(report_date(report, today)),
        "speech": {
            "chars": c.chars,
            "minutes": c.minutes,
            "minutes_text": minutes_text(c.minutes),
            "rate": c.rate,
        },
        "length": {"chars": c.chars, "high": c.budget.high, "verdict": c.verdict},
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


@dataclass(frozen=True)
class PreviewText:
    text: str
    chars: int
    minutes: float
    verdict: str = ""


def preview_text(report: Report, kind: str = "shufa-report", *, today: date | None = None) -> PreviewText:
    """The document as plain text, one paragraph a line (fast: no template, no XML); ``chars`` counts
    the main text as reviewers do, ``minutes`` its speaking time at the report's rate, ``verdict``
    says when the kind is over (or under) its budget."""
    c = compose(report, kind, today=today)
    return PreviewText(text="\n".join(c.lines()), chars=c.chars, minutes=c.minutes, verdict=c.verdict)
