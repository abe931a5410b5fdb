"""The proposal: the official's entries sorted into topics, points, problems, measures and
rectification items, with the official's plan (moves, orders, leads, heads …) applied.

Kind-independent: :mod:`shuifa.compose.documents` then fits it to each kind's budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Node, Report, Requirement, RequirementValue, requirement_met, split_paragraphs
from .sentences import (
    FIGURE,
    MAX_LEAD_CHARS,
    first_clause,
    own_lead,
    score,
    sentences,
    shorten,
    strip_frame,
    strip_ordinal,
    tidy_phrase,
    tidy_sentence,
)
from .topics import MappedBy, Topic, best_topic, duty_topic, fold, topic_data
from .wording import requirement_text, shortfall, shortfall_measure, value_text

#: Parts of the report written once (not per duty) that fold into a topic.
PART_TOPICS: dict[str, str] = {"study": "study", "decisions": "decision"}
#: Subjective causes: a problem group naming none of these gets the topic's proposed cause.
SUBJECTIVE = re.compile(r"本人|思想认识|主观|认识不足|认识不够|重视不够|重视程度|督促不够|督促调度|抓得不够|我")
#: A carried problem's short name is at most this long.
MAX_RECT_NAME = 30
RECT_STATES: dict[str, str] = {"done": "已整改到位", "in_progress": "正在整改"}


def duty_key(duty_id: str) -> str:
    return f"duty:{duty_id}"


def part_key(part: str, n: int) -> str:
    return f"part:{part}:{n}"


@dataclass
class Point:
    """One “一是…” item of a topic: a lead and the official's sentences (from one or more sources)."""

    key: str
    topic: str
    mapped: MappedBy
    lead: str
    proposed_lead: str
    sentences: list[str]
    sources: list[str]  # duty ids and part keys
    label: str  # what it is, for the 成稿 page: “1. 党工委会议每年至少听取…”
    order: int  # position in the list (parts first)
    proposed_topic: str = ""  # where the rules put it (before the official moved it)

    @property
    def score(self) -> float:
        return max((score(s) for s in self.sentences), default=0.0)


@dataclass
class TopicGroup:
    topic: Topic
    heading: str
    intro: list[str]
    points: list[Point]

    @property
    def id(self) -> str:
        return self.topic.id


@dataclass
class Problem:
    """One headed problem (problem key = topic id) and the measure answering it."""

    key: str
    head: str
    texts: list[str]  # what went wrong, the official's words (one item per paragraph)
    cause: str  # why, as the official wrote it on the 成稿 page ('' = none written there)
    measure_lead: str
    measures: list[str]
    sources: list[str]
    weight: float
    proposed_cause: str = ""  # the topic's subjective cause, printed when the text names none
    own_measures: list[str] = field(default_factory=list)  # the official's own 下一步 items on this topic

    def cause_for(self, printed: list[str]) -> str:
        """The cause to print after ``printed``: the official's, else the proposal when the printed
        statements give no cause of the official's own."""
        if self.cause:
            return self.cause
        return "" if any(SUBJECTIVE.search(t) for t in printed) else self.proposed_cause


@dataclass
class RectItem:
    key: str
    name: str
    state: str
    text: str


@dataclass
class AnnexRow:
    duty: str
    requirement: str
    required: str
    value: str
    met: str
    continued: bool = False  # the same duty as the row above (its cell is merged with that one)


@dataclass
class Material:
    topics: list[TopicGroup]
    problems: list[Problem]
    next_intro: list[str]
    rect_intro: list[str]
    rect_items: list[RectItem]
    annex: list[AnnexRow]
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- points


#: A duty named in a table or on the 成稿 page shows at most this much of its text (cut at a clause).
DUTY_NAME_CHARS = 40


def _duty_label(duty: Node) -> str:
    return _duty_name(duty.label, (duty.title or duty.text).strip())


@lru_cache(maxsize=4096)
def _duty_name(label: str, text: str) -> str:
    """The duty's number and its text: the first sentence when it fits DUTY_NAME_CHARS, else as many
    whole clauses as fit (at least the first) — never cut inside a clause or an enumeration."""
    first = re.split(r"(?<=。)", text, maxsplit=1)[0].rstrip("。")
    if len(first) > DUTY_NAME_CHARS:
        clauses = re.split(r"(?<=[，；：,;:])", first)
        kept = clauses[0]
        for c in clauses[1:]:
            if len(kept) + len(c) > DUTY_NAME_CHARS:
                break
            kept += c
        first = kept.rstrip("，；：,;:")
    return f"{label}{first}".strip()


@lru_cache(maxsize=8192)
def _matched_leads(topic_ids: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The lead rules of the topics whose keyword is in ``text``, earliest keyword first (cached: the
    same texts are asked on every re-composition)."""
    topics = topic_data().topics
    found = [(text.find(kw), -len(kw), lead) for tid in topic_ids for kw, lead in topics[tid].leads if kw in text]
    return tuple(lead for _, _, lead in sorted(found))


def _lead_candidates(topic: Topic, duty: Node | None, text: str) -> Iterator[str]:
    """Leads for a point, best first (see :func:`_propose_lead`), made only as far as they are asked."""
    others = tuple(t for t in topic_data().topics if t != topic.id)
    opening = sentences(text)[0] if text else ""
    yield from _matched_leads((topic.id,), opening)
    yield from _matched_leads(others, opening)
    source = f"{duty.title}{duty.text}" if duty is not None else ""
    if duty is not None:
        head = re.split(r"[。；]", (duty.title or duty.text).strip(), maxsplit=1)[0]
        if 2 <= len(head) <= MAX_LEAD_CHARS and "，" not in head:
            yield head
    yield from topic.generic_leads  # never wrong, if general
    yield from _matched_leads((topic.id,), text)
    yield from _matched_leads((topic.id,), source)
    yield from (c for c in re.split(r"[，。；、：]", source) if 4 <= len(c) <= MAX_LEAD_CHARS)
    yield from (c for c in re.split(r"[，。；、：]", text) if 4 <= len(c) <= MAX_LEAD_CHARS and not FIGURE.search(c))


def _propose_lead(topic: Topic, duty: Node | None, text: str, used: set[str]) -> str:
    """A lead ≤ 12 字 for a point, unused elsewhere in the report. The official's first sentence decides
    first (a rule of the topic, then of any topic, matched there, earliest first), so the lead says what
    the printed sentences say; then the list's own short first sentence, the topic's generic leads (general
    but never wrong), rules matched further in the facts or in the duty, a short clause."""
    first = None
    for c in _lead_candidates(topic, duty, text):
        if c not in used:
            return c
        first = first or c
    return first or topic.short


LEAD_IN_END = ("：", ":")


def join_lead_ins(paragraphs: list[str]) -> list[str]:
    """A paragraph leading in to a list (“全年重点抓了以下工作：”) and the numbered items after it become
    one paragraph (“…以下工作：健全制度，加强督查。”), so that no sentence is left ending in a colon."""
    out: list[str] = []
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        i += 1
        if p.endswith(LEAD_IN_END):
            items = []
            while i < len(paragraphs) and strip_ordinal(paragraphs[i]) != paragraphs[i]:
                items.append(strip_ordinal(paragraphs[i]).rstrip("。；;，,"))
                i += 1
            if items:
                p = p + "，".join(items) + "。"
            else:
                p = p.rstrip("：:") + "。"
        out.append(p)
    return out


def _point_sentences(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        out.extend(sentences(strip_frame(strip_ordinal(p))))
    return out


def _points(report: Report) -> tuple[list[Point], dict[str, list[str]]]:
    """Every point of the report (before the plan's merges and orders) and the parts' intros."""
    plan = report.plan
    role = report.official.role
    list_id = report.duty_list.id
    points: list[Point] = []
    intros: dict[str, list[str]] = {}
    order = 0
    for part, topic_id in PART_TOPICS.items():
        paras = join_lead_ins(split_paragraphs(report.parts.get(part, "")))
        numbered = [p for p in paras if strip_ordinal(p) != p]
        for n, para in enumerate(paras):
            if numbered and strip_ordinal(para) == para and n == 0:
                intros.setdefault(fold(topic_id, role), []).append(para)
                continue
            lead, rest = own_lead(strip_ordinal(para))
            points.append(
                Point(
                    key=part_key(part, n),
                    topic=fold(topic_id, role),
                    mapped=MappedBy.RULE,
                    lead=lead,
                    proposed_lead=lead,
                    sentences=sentences(rest) if rest else [],
                    sources=[part_key(part, n)],
                    label=f"{'学法用法' if part == 'study' else '重大事项依法决策'}（第{n + 1}段）",
                    order=order,
                )
            )
            order += 1
    for path, duty in report.duty_paths():
        e = report.entries.get(duty.id)
        if e is None or e.status == "na":
            continue
        paras = join_lead_ins(split_paragraphs(e.performance))
        if not paras:
            continue
        topic_id, how = duty_topic(list_id, duty, path, role)
        lead, rest = own_lead(strip_ordinal(paras[0]))
        paras = ([rest] if rest else []) + paras[1:]
        points.append(
            Point(
                key=duty_key(duty.id),
                topic=topic_id,
                mapped=how,
                lead=lead,
                proposed_lead=lead,
                sentences=_point_sentences(paras),
                sources=[duty.id],
                label=_duty_label(duty),
                order=order,
            )
        )
        order += 1
    data = topic_data()
    valid = set(data.role(role).topics)
    for p in points:
        p.proposed_topic = p.topic
        moved = plan.topic_of.get(p.key)
        if moved in valid and moved != p.topic:
            p.topic, p.mapped = moved, MappedBy.OFFICIAL
    # leads: the official's edit, the paragraph's own, else proposed (unique across the report)
    used: set[str] = set()
    duties = {n.id: n for n in report.duties()}
    for p in points:
        if p.lead:
            used.add(p.lead)
    for p in points:
        if not p.lead:
            node = duties.get(p.sources[0])
            # proposed for the topic the rules gave it: moving a point does not change its lead
            p.proposed_lead = _propose_lead(data.topics[p.proposed_topic], node, "".join(p.sentences), used)
            p.lead = p.proposed_lead
            used.add(p.lead)
        edited = tidy_phrase(plan.leads.get(p.key, ""))
        if edited:
            p.lead = edited
    return points, intros


def _merge(points: list[Point], merged: dict[str, str]) -> list[Point]:
    by_key = {p.key: p for p in points}
    out = []
    for p in points:
        target = merged.get(p.key)
        seen = {p.key}
        while target in merged and target not in seen:  # a chain of merges ends at its last point
            seen.add(target)
            target = merged[target]
        if target and target in by_key and target != p.key:
            t = by_key[target]
            t.sentences = t.sentences + p.sentences
            t.sources = t.sources + p.sources
            continue
        out.append(p)
    return out


_TOWNSHIP = re.compile(r"(镇|乡|街道)(党委|委员会|人民政府|政府|办事处)?$")


def heading_role(report: Report) -> str:
    """The role whose topic headings fit: a 党委/政府 head of a 镇、乡、街道 speaks as a township head (a 镇
    has no 政协 to support)."""
    role = report.official.role
    if role in ("party", "government") and _TOWNSHIP.search(report.official.unit.strip()):
        return "township"
    return role


def _topic_groups(report: Report, points: list[Point], intros: dict[str, list[str]]) -> list[TopicGroup]:
    plan = report.plan
    role = report.official.role
    data = topic_data()
    role_topics = list(data.role(role).topics)
    order = [t for t in plan.topic_order if t in role_topics] + [t for t in role_topics if t not in plan.topic_order]
    groups: list[TopicGroup] = []
    for tid in order:
        mine = [p for p in points if p.topic == tid]
        if not mine and not intros.get(tid):
            continue
        wanted = plan.point_order.get(tid, [])
        rank = {k: i for i, k in enumerate(wanted)}
        mine.sort(key=lambda p: (rank.get(p.key, len(rank)), p.order))
        topic = data.topics[tid]
        heading = tidy_phrase(plan.headings.get(tid, "")) or topic.heading_for(heading_role(report))
        groups.append(TopicGroup(topic=topic, heading=heading, intro=intros.get(tid, []), points=mine))
    return groups


# --------------------------------------------------------------------------- problems and measures


def _problems(report: Report, topic_of_duty: dict[str, str]) -> list[Problem]:
    plan = report.plan
    data = topic_data()
    role = report.official.role
    groups: dict[str, Problem] = {}
    unmet: dict[str, list[tuple[Requirement, RequirementValue]]] = {}
    for duty, req, val in report.unmet_requirements():
        unmet.setdefault(duty.id, []).append((req, val))

    def group(tid: str) -> Problem:
        g = groups.get(tid)
        if g is None:
            topic = data.topics[tid]
            g = groups[tid] = Problem(
                key=tid,
                head=tidy_phrase(plan.problem_heads.get(tid, "")) or topic.problem_head,
                texts=[],
                cause="",
                measure_lead=tidy_phrase(plan.measure_leads.get(tid, "")) or topic.measure_lead,
                measures=[],
                sources=[],
                weight=0.0,
            )
        return g

    for path, duty in report.duty_paths():
        e = report.entries.get(duty.id)
        if e is None or e.status == "na":
            continue
        tid = topic_of_duty.get(duty.id) or duty_topic(report.duty_list.id, duty, path, role)[0]
        probs = [strip_ordinal(p) for p in split_paragraphs(e.problems)]
        imps = [strip_ordinal(p) for p in split_paragraphs(e.improvements)]
        for req, val in unmet.get(duty.id, []):
            if not any((req.text and req.text in p) or (req.label and req.label in p) for p in probs):
                probs.append(shortfall(req, val) + "。")
                imps.append(shortfall_measure(req, report.year + 1))
        if not probs and not imps:
            continue
        g = group(tid)
        g.texts += probs
        g.measures += imps
        g.sources.append(duty.id)
        g.weight += len(probs) + (2 if e.status in ("partial", "undone") else 0) + 2 * len(unmet.get(duty.id, []))
    for g in groups.values():
        g.cause = tidy_sentence(plan.problem_causes.get(g.key, ""))
        g.proposed_cause = data.topics[g.key].cause
    return [g for g in groups.values() if g.texts or g.measures]


def _next_steps(report: Report, problems: list[Problem]) -> list[str]:
    """The official's own 下一步 text: its lead-in stays the section's intro; each numbered item joins
    the measure of the problem on the same topic (or stands as a measure of its own)."""
    paras = split_paragraphs(report.parts.get("next_steps", ""))
    intro: list[str] = []
    by_topic = {p.key: p for p in problems}
    role = report.official.role
    for n, para in enumerate(paras):
        body = strip_ordinal(para)
        if body == para and n == 0:
            intro.append(para)
            continue
        lead, rest = own_lead(body)
        tid = fold(best_topic(body) or topic_data().role(role).fallback, role)
        target = by_topic.get(tid)
        if target is not None:
            target.own_measures.append(rest or body)
        else:
            key = f"next:{n}"
            proposed = lead or shorten(first_clause(body, MAX_LEAD_CHARS) or body, MAX_LEAD_CHARS)
            p = Problem(
                key=key,
                head="",
                texts=[],
                cause="",
                measure_lead=tidy_phrase(report.plan.measure_leads.get(key, "")) or proposed,
                measures=[],
                sources=[],
                weight=0.0,
                own_measures=[rest] if rest else [],
            )
            problems.append(p)
            by_topic[p.key] = p
    return intro


# --------------------------------------------------------------------------- rectification and annex


def inner_quotes(text: str) -> str:
    """Quotes inside a quoted name: straight pairs become “”, then every double quote a single one
    (GB/T 15834: quotes within quotes are single); an unpaired straight quote is dropped."""
    parts = text.split('"')
    if len(parts) % 2 == 1:
        text = "".join(p if i % 2 == 0 else f"“{p}”" for i, p in enumerate(parts))
    else:
        text = "".join(parts)
    return text.replace("“", "‘").replace("”", "’")


def rect_name(problem: str) -> str:
    """A carried problem's proposed short name (≤ 30 字): its first clause, inner quotes made single."""
    text = strip_ordinal("".join(split_paragraphs(problem)))
    text = inner_quotes(text)
    first = re.split(r"[。；;！？]", text, maxsplit=1)[0].rstrip("，、,")
    if len(first) <= MAX_RECT_NAME:
        return first
    name = shorten(first, MAX_RECT_NAME)
    if len(name) < MAX_RECT_NAME or first[len(name)] in "，、；,;":
        return name  # cut at a clause or an enumeration
    # no boundary within reach: end the name after the last whole word of a problem's vocabulary
    ends = [m.end() for m in _NAME_WORD_END.finditer(first[: MAX_RECT_NAME + 1]) if m.end() <= MAX_RECT_NAME]
    return first[: ends[-1]] if ends and ends[-1] >= MAX_RECT_NAME // 2 else name


#: Words a problem's short name may end on when its first clause is longer than a name.
_NAME_WORD_END = re.compile(
    r"职责|工作|问题|制度|机制|情况|建设|能力|意识|力度|作用|水平|责任|督促|检查|落实|审查|执法|学法|决策"
)


def _rectification(report: Report) -> tuple[list[str], list[RectItem]]:
    intro = split_paragraphs(report.parts.get("rectification", ""))
    items = []
    for item in report.carry_over:
        note = split_paragraphs(item.note)
        if not item.state and not note:
            continue
        edited = report.plan.rect_names.get(item.id, "").strip()
        name = inner_quotes(edited) if edited else rect_name(item.problem)
        items.append(RectItem(key=item.id, name=name, state=RECT_STATES.get(item.state, ""), text="".join(note)))
    return intro, items


def _annex(report: Report) -> list[AnnexRow]:
    rows = []
    for duty in report.duties():
        e = report.entries.get(duty.id)
        if not duty.requirements or (e is not None and e.status == "na"):
            continue
        for req in duty.requirements:
            val = e.values.get(req.id) if e is not None else None
            met = requirement_met(req, val, report.year)
            rows.append(
                AnnexRow(
                    duty=_duty_label(duty),
                    requirement=req.text or req.label,
                    required=requirement_text(req),
                    value=(value_text(req, val) if val is not None else "") or "未填写",
                    met={True: "达标", False: "未达标", None: "未填写"}[met],
                )
            )
    for above, row in zip(rows, rows[1:], strict=False):
        row.continued = row.duty == above.duty
    return rows


# --------------------------------------------------------------------------- the proposal


def propose(report: Report) -> Material:
    """The report's material sorted into a composition, with the official's plan applied."""
    points, intros = _points(report)
    points = _merge(points, report.plan.merged)
    topics = _topic_groups(report, points, intros)
    topic_of_duty = {src: p.topic for p in points for src in p.sources}
    problems = _problems(report, topic_of_duty)
    next_intro = _next_steps(report, problems)
    rect_intro, rect_items = _rectification(report)
    return Material(
        topics=topics,
        problems=problems,
        next_intro=next_intro,
        rect_intro=rect_intro,
        rect_items=rect_items,
        annex=_annex(report),
    )


__all__ = ["Material", "Point", "Problem", "RectItem", "TopicGroup", "propose", "rect_name"]
