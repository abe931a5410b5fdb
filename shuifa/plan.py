"""The official's composition choices for one report (成稿): what they changed of the proposal.

The composition itself (topics, points, problems, measures, budgets) is *proposed* every time from the
entries by :mod:`shuifa.compose`; this plan only records the official's edits over that proposal, so
that text written later still flows into the report and an edit is never lost when the proposal
changes. Plain data, no Qt, no I/O; it travels in the report header (store) and the ``.shufa`` file.

Keys:
- a *point key* names one point of 履职情况: ``duty:<duty id>`` (a duty's 履职情况) or
  ``part:<part>:<n>`` (the n-th paragraph of the report-level part 学法用法 / 重大事项依法决策);
- a *topic id* is one of ``resources/topics.json``;
- a *problem key* is the topic id the problem group belongs to (one headed problem per topic).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Speaking rate used for the speech's time when the report sets none, 字/分钟 (a speech's pace).
DEFAULT_SPEAKING_RATE = 200
#: Rates an official can set (slow conversation … brisk reading).
SPEAKING_RATE_RANGE = (120, 260)


@dataclass
class KindChoices:
    """Per kind of document: points always kept (pinned) and points left out (dropped)."""

    pinned: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"pinned": list(self.pinned), "dropped": list(self.dropped)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> KindChoices:
        return cls(pinned=[str(x) for x in d.get("pinned", [])], dropped=[str(x) for x in d.get("dropped", [])])


@dataclass
class CompositionPlan:
    """What the official changed of the proposed composition (empty = take the proposal)."""

    title: str = ""  # "" → the default title for the role and year
    byline: str = ""  # "" → the short form from the official's unit, title and name
    date: str | None = None  # 落款 date, ISO; None → the day of rendering
    annex: bool = True  # 职责清单落实情况对照表 after the 书面 report
    speaking_rate: int = DEFAULT_SPEAKING_RATE
    topic_of: dict[str, str] = field(default_factory=dict)  # point key → topic id (a point moved)
    topic_order: list[str] = field(default_factory=list)  # topic ids in the order chosen
    point_order: dict[str, list[str]] = field(default_factory=dict)  # topic id → point keys in order
    headings: dict[str, str] = field(default_factory=dict)  # topic id → heading
    leads: dict[str, str] = field(default_factory=dict)  # point key → lead (≤ 12 字)
    merged: dict[str, str] = field(default_factory=dict)  # point key → the point it is merged into
    kinds: dict[str, KindChoices] = field(default_factory=dict)  # kind → pinned/dropped points
    problem_heads: dict[str, str] = field(default_factory=dict)  # problem key → head
    problem_causes: dict[str, str] = field(default_factory=dict)  # problem key → cause sentence
    measure_leads: dict[str, str] = field(default_factory=dict)  # problem key → measure lead
    rect_names: dict[str, str] = field(default_factory=dict)  # carry-over id → short name (≤ 30 字)

    def is_empty(self) -> bool:
        return self == CompositionPlan()

    def choices(self, kind: str) -> KindChoices:
        """The pinned/dropped points of ``kind`` (created empty and kept)."""
        c = self.kinds.get(kind)
        if c is None:
            c = self.kinds[kind] = KindChoices()
        return c

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "byline": self.byline,
            "date": self.date,
            "annex": self.annex,
            "speaking_rate": self.speaking_rate,
            "topic_of": dict(self.topic_of),
            "topic_order": list(self.topic_order),
            "point_order": {k: list(v) for k, v in self.point_order.items()},
            "headings": dict(self.headings),
            "leads": dict(self.leads),
            "merged": dict(self.merged),
            "kinds": {k: v.to_dict() for k, v in self.kinds.items() if v.pinned or v.dropped},
            "problem_heads": dict(self.problem_heads),
            "problem_causes": dict(self.problem_causes),
            "measure_leads": dict(self.measure_leads),
            "rect_names": dict(self.rect_names),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> CompositionPlan:
        if not d:
            return cls()
        rate = d.get("speaking_rate") or DEFAULT_SPEAKING_RATE
        lo, hi = SPEAKING_RATE_RANGE
        return cls(
            title=str(d.get("title", "")),
            byline=str(d.get("byline", "")),
            date=d.get("date") or None,
            annex=bool(d.get("annex", True)),
            speaking_rate=min(hi, max(lo, int(rate))),
            topic_of={str(k): str(v) for k, v in d.get("topic_of", {}).items()},
            topic_order=[str(x) for x in d.get("topic_order", [])],
            point_order={str(k): [str(x) for x in v] for k, v in d.get("point_order", {}).items()},
            headings={str(k): str(v) for k, v in d.get("headings", {}).items()},
            leads={str(k): str(v) for k, v in d.get("leads", {}).items()},
            merged={str(k): str(v) for k, v in d.get("merged", {}).items()},
            kinds={str(k): KindChoices.from_dict(v) for k, v in d.get("kinds", {}).items()},
            problem_heads={str(k): str(v) for k, v in d.get("problem_heads", {}).items()},
            problem_causes={str(k): str(v) for k, v in d.get("problem_causes", {}).items()},
            measure_leads={str(k): str(v) for k, v in d.get("measure_leads", {}).items()},
            rect_names={str(k): str(v) for k, v in d.get("rect_names", {}).items()},
        )
