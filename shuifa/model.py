"""Domain model: duty lists, requirements, reports.

Plain Python (no Qt, no I/O). Every class converts to and from plain JSON-able
dicts with ``to_dict`` / ``from_dict``; the exchange file, the store and the
template context are all built on these dicts, so a field added here must be
added to ``to_dict``/``from_dict`` and to ``docs/shufa.schema.json``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .plan import CompositionPlan

# --------------------------------------------------------------------------- roles

ROLES: dict[str, str] = {
    "party": "党委主要负责人",
    "government": "政府主要负责人",
    "department": "部门主要负责人",
    "member": "班子其他成员",
    "township": "乡镇（街道）党政主要负责人",
    "common": "通用",
}
#: Roles a reporter can have (``common`` is only a duty role).
REPORTER_ROLES: tuple[str, ...] = ("party", "government", "department", "member", "township")

# --------------------------------------------------------------------------- statuses

STATUS_EMPTY = ""
STATUSES: dict[str, str] = {
    "": "未填写",
    "done": "已落实",
    "partial": "部分落实",
    "undone": "未落实",
    "na": "不涉及",
}

# --------------------------------------------------------------------------- requirements

REQUIREMENT_KINDS: dict[str, str] = {
    "count": "次数",
    "deadline": "期限",
    "rate": "比率",
    "duration": "天数",
}
PERIODS: dict[str, str] = {
    "year": "每年",
    "half-year": "每半年",
    "quarter": "每季度",
    "month": "每月",
}
#: How many periods of each kind fit in a year (a count per half-year is
#: reported as a yearly total against ``min * periods``).
PERIODS_PER_YEAR: dict[str, int] = {"year": 1, "half-year": 2, "quarter": 4, "month": 12}

# Carry-over (上年度问题整改) states.
RECTIFY_STATES: dict[str, str] = {"": "未填写", "done": "已整改", "in_progress": "整改中"}

# Report-level parts, in the order they appear in a report.
REPORT_PARTS: dict[str, str] = {
    "opening": "开篇",
    "study": "学法用法",
    "decisions": "重大事项依法决策",
    "rectification": "上年度问题整改情况",
    "next_steps": "下一步工作打算",
}


def new_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Requirement:
    """A measurable requirement stated in a duty's text.

    - ``count``: at least ``min`` times per ``per`` (year/half-year/quarter/month)
    - ``deadline``: by ``deadline`` ("MM-DD") each year
    - ``rate``: at least ``min`` percent, or — with ``max`` — at most ``max`` percent
      (败诉率控制在5%以内 → max 5)
    - ``duration``: at least ``min`` days
    ``text`` is the source phrase as it stands in the duty (e.g. 每年至少举办2次法治专题讲座);
    ``label`` names the value the official enters (e.g. 法治专题讲座举办次数).
    """

    kind: str
    text: str
    min: float | None = None
    per: str | None = None
    deadline: str | None = None
    label: str = ""
    id: str = "r1"
    max: float | None = None

    def count_unit(self) -> str:
        """The counting word the source uses (次, 期, 场, 轮), 次 when it names none."""
        m = _COUNT_UNIT_RE.search(self.text)
        return m.group(1) if m else "次"

    def describe(self) -> str:
        """Short Chinese statement of what is required, e.g. ``≥ 2 次/年``.

        The value an official enters for a count is the year's total, so a count per half-year,
        quarter or month is stated as a yearly minimum with the period's own minimum after it:
        ``≥ 2 次/年（每半年 ≥ 1 次）``."""
        if self.kind == "count":
            unit = self.count_unit()
            per = self.per or "year"
            if per == "year":
                return f"≥ {_num(self.min)} {unit}/年"
            return f"≥ {_num(self.yearly_minimum())} {unit}/年（{PERIODS.get(per, per)} ≥ {_num(self.min)} {unit}）"
        if self.kind == "deadline":
            if self.deadline:
                m, d = self.deadline.split("-")
                return f"{int(m)}月{int(d)}日前"
            return "按期"
        if self.kind == "rate":
            if self.max is not None and self.min is None:
                return f"≤ {_num(self.max)}%"
            return f"≥ {_num(self.min)}%"
        if self.kind == "duration":
            return f"≥ {_num(self.min)} 日"
        return self.text

    def yearly_minimum(self) -> float | None:
        """The minimum a year's value must reach (counts per period scaled to a year)."""
        if self.min is None:
            return None
        if self.kind == "count":
            return self.min * PERIODS_PER_YEAR.get(self.per or "year", 1)
        return self.min

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "min": self.min,
            "per": self.per,
            "deadline": self.deadline,
            "label": self.label,
            "max": self.max,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Requirement:
        return cls(
            kind=d["kind"],
            text=d.get("text", ""),
            min=d.get("min"),
            per=d.get("per"),
            deadline=d.get("deadline"),
            label=d.get("label", ""),
            id=d.get("id", "r1"),
            max=d.get("max"),
        )


_COUNT_UNIT_RE = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(次|期|场|轮)")


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass
class Node:
    """A node of a duty list: a ``group`` (heading) or a ``duty`` (leaf to report on).

    ``label`` is the numbering as printed (``一、``, ``（一）``, ``1.``, ``第五条``); ``title`` is a
    group's heading text (or a 条's heading); ``text`` is a duty's full text. ``reportable`` is
    False for context sections (基本原则, 附则 …) and everything inside them.
    ``source_lines`` are 1-based (first, last) line numbers in the imported source.
    """

    id: str
    kind: str  # "group" | "duty"
    label: str = ""
    title: str = ""
    text: str = ""
    role: str = "common"
    reportable: bool = True
    responsible_units: list[str] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    source_lines: tuple[int, int] | None = None

    @property
    def is_duty(self) -> bool:
        return self.kind == "duty"

    def heading(self) -> str:
        """Label + title as a reader sees it, e.g. ``一、组织领导``."""
        return f"{self.label}{self.title}".strip()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "title": self.title,
            "text": self.text,
            "role": self.role,
            "reportable": self.reportable,
            "responsible_units": list(self.responsible_units),
            "requirements": [r.to_dict() for r in self.requirements],
            "children": [c.to_dict() for c in self.children],
            "source_lines": list(self.source_lines) if self.source_lines else None,
        }
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Node:
        sl = d.get("source_lines")
        return cls(
            id=d["id"],
            kind=d["kind"],
            label=d.get("label", ""),
            title=d.get("title", ""),
            text=d.get("text", ""),
            role=d.get("role", "common"),
            reportable=d.get("reportable", True),
            responsible_units=list(d.get("responsible_units", [])),
            requirements=[Requirement.from_dict(r) for r in d.get("requirements", [])],
            children=[Node.from_dict(c) for c in d.get("children", [])],
            source_lines=(int(sl[0]), int(sl[1])) if sl else None,
        )


@dataclass
class DutyList:
    """A unit's 职责清单 as a tree. ``date`` is ISO ``YYYY-MM-DD`` or None."""

    id: str
    title: str
    issuer: str = ""
    date: str | None = None
    source: str = ""
    children: list[Node] = field(default_factory=list)

    # ---- traversal
    def walk(self) -> Iterator[tuple[list[Node], Node]]:
        """Every node in document order with its ancestors (outermost first)."""

        def rec(nodes: list[Node], path: list[Node]) -> Iterator[tuple[list[Node], Node]]:
            for n in nodes:
                yield path, n
                if n.children:
                    yield from rec(n.children, path + [n])

        yield from rec(self.children, [])

    def duties(self, role: str | None = None) -> list[Node]:
        """Reportable duties in document order; with ``role``, those a reporter of that role walks."""
        return [n for _, n in self.duty_paths(role)]

    def duty_paths(self, role: str | None = None) -> list[tuple[list[Node], Node]]:
        """(ancestor groups, duty) for the reportable duties the list gives to ``role``.

        A duty is given to a role when its role is that role or ``common``. When the list has no duty
        for the role (e.g. a 班子其他成员 on a list written for 党委/政府), every reportable duty.
        This is the list's side only: what a report walks — by category, unit, side and the official's
        own choice — is :meth:`Report.duty_paths` (:mod:`shuifa.scope`).
        """
        all_duties = [(p, n) for p, n in self.walk() if n.is_duty and n.reportable]
        if role is None:
            return all_duties
        own = [(p, n) for p, n in all_duties if n.role == role]
        if not own:
            return all_duties
        return [(p, n) for p, n in all_duties if n.role in (role, "common")]

    def role_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for n in self.duties():
            counts[n.role] = counts.get(n.role, 0) + 1
        return counts

    def roles(self) -> list[str]:
        """Reporter roles this list speaks to explicitly (for choosing a role)."""
        return [r for r in ROLES if r in self.role_counts() and r != "common"]

    def find(self, node_id: str) -> Node | None:
        for _, n in self.walk():
            if n.id == node_id:
                return n
        return None

    def path_of(self, node_id: str) -> list[Node]:
        for p, n in self.walk():
            if n.id == node_id:
                return p
        return []

    def context_headings(self) -> list[str]:
        """Headings of the top-level-most non-reportable groups (基本原则, 附则 …)."""
        out: list[str] = []
        for path, n in self.walk():
            if not n.reportable and all(a.reportable for a in path):
                out.append(n.heading() or n.text[:20])
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "issuer": self.issuer,
            "date": self.date,
            "source": self.source,
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DutyList:
        return cls(
            id=d["id"],
            title=d.get("title", ""),
            issuer=d.get("issuer", ""),
            date=d.get("date"),
            source=d.get("source", ""),
            children=[Node.from_dict(c) for c in d.get("children", [])],
        )


# --------------------------------------------------------------------------- report


@dataclass
class RequirementValue:
    """The official's value for one requirement: a number (count/rate/duration) or a date
    (deadline, ``YYYY-MM-DD``)."""

    value: float | None = None
    date: str | None = None
    note: str = ""

    def is_empty(self) -> bool:
        return self.value is None and not self.date

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "date": self.date, "note": self.note}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RequirementValue:
        return cls(value=d.get("value"), date=d.get("date"), note=d.get("note", ""))


def requirement_met(req: Requirement, val: RequirementValue | None, year: int | None = None) -> bool | None:
    """True/False when a value was entered, None when it is still empty.

    A deadline (``MM-DD``) is met by a date on or before it; with the report's ``year`` the date
    must also fall in that year's cycle: after the previous year's deadline and on or before this
    year's (每年3月1日前 for 2025 → 2024-03-02 … 2025-03-01)."""
    if val is None or val.is_empty():
        return None
    if req.kind == "deadline":
        if not val.date:
            return None
        if not req.deadline:
            return True
        try:
            d = date.fromisoformat(val.date)
        except ValueError:
            return False
        m, day = (int(x) for x in req.deadline.split("-"))
        if year is None:
            return (d.month, d.day) <= (m, day)
        try:
            due, previous = date(year, m, day), date(year - 1, m, day)
        except ValueError:  # 02-29 in a common year
            due, previous = date(year, m, 28), date(year - 1, m, 28)
        return previous < d <= due
    if val.value is None:
        return None
    value = float(val.value)
    if req.max is not None and value > req.max:
        return False
    minimum = req.yearly_minimum()
    return True if minimum is None else value >= minimum


@dataclass
class Entry:
    """What the official wrote for one duty. Text fields hold paragraphs separated by ``\\n``."""

    duty_id: str
    status: str = STATUS_EMPTY
    performance: str = ""  # 履职情况
    problems: str = ""  # 存在问题
    improvements: str = ""  # 改进措施
    evidence: str = ""  # 佐证材料/备注
    values: dict[str, RequirementValue] = field(default_factory=dict)
    updated: str = ""

    def is_empty(self) -> bool:
        return (
            not self.status
            and not self.performance.strip()
            and not self.problems.strip()
            and not self.improvements.strip()
            and not self.evidence.strip()
            and all(v.is_empty() for v in self.values.values())
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "duty_id": self.duty_id,
            "status": self.status,
            "performance": self.performance,
            "problems": self.problems,
            "improvements": self.improvements,
            "evidence": self.evidence,
            "values": {k: v.to_dict() for k, v in self.values.items()},
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        return cls(
            duty_id=d["duty_id"],
            status=d.get("status", ""),
            performance=d.get("performance", ""),
            problems=d.get("problems", ""),
            improvements=d.get("improvements", ""),
            evidence=d.get("evidence", ""),
            values={k: RequirementValue.from_dict(v) for k, v in d.get("values", {}).items()},
            updated=d.get("updated", ""),
        )


@dataclass
class Official:
    name: str = ""  # 姓名
    title: str = ""  # 职务
    unit: str = ""  # 单位
    role: str = "party"  # reporter category, one of REPORTER_ROLES

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "unit": self.unit, "role": self.role}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Official:
        return cls(
            name=d.get("name", ""), title=d.get("title", ""), unit=d.get("unit", ""), role=d.get("role", "party")
        )


@dataclass
class CarryOverItem:
    """A problem from last year's report to account for (上年度问题整改情况)."""

    id: str
    problem: str
    improvement: str = ""
    duty_id: str | None = None
    state: str = ""  # one of RECTIFY_STATES
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "duty_id": self.duty_id,
            "problem": self.problem,
            "improvement": self.improvement,
            "state": self.state,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CarryOverItem:
        return cls(
            id=d["id"],
            problem=d.get("problem", ""),
            improvement=d.get("improvement", ""),
            duty_id=d.get("duty_id"),
            state=d.get("state", ""),
            note=d.get("note", ""),
        )


@dataclass
class PreviousEntry:
    """Last year's text for a duty, shown beside the editor as a reference only."""

    performance: str = ""
    problems: str = ""
    improvements: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"performance": self.performance, "problems": self.problems, "improvements": self.improvements}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PreviousEntry:
        return cls(d.get("performance", ""), d.get("problems", ""), d.get("improvements", ""))


@dataclass
class Scope:
    """The official's own choice of the duties they report on (see :mod:`shuifa.scope` for the rule).

    ``added``: duty ids taken into the walk beyond the rule's (a member's 分管 duties, a task of
    another unit); ``removed``: duty ids taken out of it; ``side``: a township head's side,
    ``party`` (党委书记) or ``government`` (镇长/乡长/街道办主任), ``""`` to read it from the 职务."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    side: str = ""

    def is_empty(self) -> bool:
        return not self.added and not self.removed and not self.side

    def to_dict(self) -> dict[str, Any]:
        return {"added": list(self.added), "removed": list(self.removed), "side": self.side}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Scope:
        d = d or {}
        return cls(added=list(d.get("added", [])), removed=list(d.get("removed", [])), side=d.get("side", ""))


#: Grades on the 评议表, best first.
GRADES: tuple[str, ...] = ("好", "较好", "一般", "差")


@dataclass
class Report:
    """One official's 述法 report for one year, drafted against a snapshot of a duty list."""

    id: str
    official: Official
    year: int
    duty_list: DutyList
    entries: dict[str, Entry] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=lambda: {k: "" for k in REPORT_PARTS})
    carry_over: list[CarryOverItem] = field(default_factory=list)
    previous: dict[str, PreviousEntry] = field(default_factory=dict)
    previous_year: int | None = None
    evaluation: dict[str, int] = field(default_factory=dict)  # grade -> votes
    created: str = ""
    updated: str = ""
    plan: CompositionPlan = field(default_factory=CompositionPlan)  # the official's 成稿 choices
    scope: Scope = field(default_factory=Scope)  # the duties the official added / removed (述职范围)

    # ---- construction
    @classmethod
    def new(cls, official: Official, year: int, duty_list: DutyList) -> Report:
        """A blank report with a snapshot (deep copy) of ``duty_list``."""
        snapshot = DutyList.from_dict(duty_list.to_dict())
        ts = now_iso()
        return cls(id=new_id(), official=official, year=year, duty_list=snapshot, created=ts, updated=ts)

    # ---- duties walked
    def duty_paths(self) -> list[tuple[list[Node], Node]]:
        """(groups, duty) of the duties this official reports on: the rule of :mod:`shuifa.scope` for
        their category (and unit, side), their own additions and removals, and what they wrote on."""
        from .scope import walked_paths

        return walked_paths(self.duty_list, self.official, self.scope, self.entries)

    def offered_paths(self) -> list[tuple[list[Node], Node]]:
        """The reportable duties not walked, which the official may add."""
        from .scope import offered_paths

        return offered_paths(self.duty_list, self.official, self.scope, self.entries)

    def duties(self) -> list[Node]:
        return [n for _, n in self.duty_paths()]

    def entry(self, duty_id: str) -> Entry:
        """The entry for a duty, created empty (and kept) when there is none yet."""
        e = self.entries.get(duty_id)
        if e is None:
            e = Entry(duty_id=duty_id)
            self.entries[duty_id] = e
        return e

    # ---- state
    def duty_state(self, duty: Node) -> str:
        """``empty`` / ``in_progress`` / ``done`` / ``na`` / ``unmet``."""
        e = self.entries.get(duty.id)
        if e is None or e.is_empty():
            return "empty"
        if e.status == "na":
            return "na"
        written = e.status in ("done", "partial", "undone") and bool(e.performance.strip())
        if not written:
            return "in_progress"  # a number alone (or a status alone) is not a finished duty
        if e.status in ("partial", "undone") and not e.problems.strip():
            return "in_progress"  # 部分落实/未落实 is not finished until its problem is written
        if any(requirement_met(r, e.values.get(r.id), self.year) is False for r in duty.requirements):
            return "unmet"
        return "done"

    def progress(self) -> tuple[int, int]:
        """(finished, total) over the duties walked: written (status + 履职情况), 不涉及, or written
        with a requirement unmet (finished, but flagged)."""
        duties = self.duties()
        finished = sum(1 for d in duties if self.duty_state(d) in ("done", "na", "unmet"))
        return finished, len(duties)

    def unmet_requirements(self) -> list[tuple[Node, Requirement, RequirementValue]]:
        out = []
        for d in self.duties():
            e = self.entries.get(d.id)
            if e is None or e.status == "na":
                continue
            for r in d.requirements:
                v = e.values.get(r.id)
                if requirement_met(r, v, self.year) is False:
                    assert v is not None
                    out.append((d, r, v))
        return out

    def _entries_in_order(self) -> list[Entry]:
        """Entries in the list's document order (so files and comparisons are deterministic)."""
        order = {n.id: i for i, (_, n) in enumerate(self.duty_list.walk())}
        return sorted(self.entries.values(), key=lambda e: (order.get(e.duty_id, len(order)), e.duty_id))

    def to_dict(self) -> dict[str, Any]:
        d = self.header_dict()
        d["duty_list"] = self.duty_list.to_dict()
        d["entries"] = [e.to_dict() for e in self._entries_in_order()]
        return d

    def header_dict(self) -> dict[str, Any]:
        """Everything but the list snapshot and the entries (what the store saves as the header)."""
        return {
            "id": self.id,
            "official": self.official.to_dict(),
            "year": self.year,
            "parts": {k: self.parts.get(k, "") for k in REPORT_PARTS},
            "carry_over": [c.to_dict() for c in self.carry_over],
            "previous": {k: v.to_dict() for k, v in self.previous.items()},
            "previous_year": self.previous_year,
            "evaluation": dict(self.evaluation),
            "plan": self.plan.to_dict(),
            "scope": self.scope.to_dict(),
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        parts = {k: "" for k in REPORT_PARTS}
        parts.update(d.get("parts", {}))
        return cls(
            id=d["id"],
            official=Official.from_dict(d.get("official", {})),
            year=int(d["year"]),
            duty_list=DutyList.from_dict(d["duty_list"]),
            entries={e["duty_id"]: Entry.from_dict(e) for e in d.get("entries", [])},
            parts=parts,
            carry_over=[CarryOverItem.from_dict(c) for c in d.get("carry_over", [])],
            previous={k: PreviousEntry.from_dict(v) for k, v in d.get("previous", {}).items()},
            previous_year=d.get("previous_year"),
            evaluation={k: int(v) for k, v in d.get("evaluation", {}).items()},
            plan=CompositionPlan.from_dict(d.get("plan")),
            scope=Scope.from_dict(d.get("scope")),
            created=d.get("created", ""),
            updated=d.get("updated", ""),
        )


def default_year(today: date | None = None) -> int:
    """The year a new report is for: last year before March, else this year."""
    today = today or date.today()
    return today.year - 1 if today.month < 3 else today.year


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a note: one per non-blank line, trimmed."""
    return [p.strip() for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if p.strip()]
