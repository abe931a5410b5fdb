"""The 体检's checks, one function each, over a Report (no Qt, no I/O). See docs/checkup.md."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..completeness import duty_title
from ..compose import KINDS, Material, compose, prepare
from ..compose.material import SUBJECTIVE, rect_name
from ..model import REPORT_PARTS, Entry, Node, Report, requirement_met, split_paragraphs
from .findings import Code, Finding
from .numbers import figures
from .similar import alike, contained

#: 履职情况 whose bigrams are this much in the duty's own text restates the list.
LIST_COPY_SHARE = 0.75
#: …and is at least this long (a short phrase echoing the list is normal).
LIST_COPY_MIN_CHARS = 12
#: Text this alike last year's (bigram Jaccard) is last year's again.
LAST_YEAR_ALIKE = 0.85
LAST_YEAR_MIN_CHARS = 20
_DIGIT = re.compile(r"\d")


@dataclass
class Ctx:
    """What every rule reads, worked out once per check (the walk depends on the scope rule)."""

    report: Report
    material: Material
    duties: list[Node]
    written: list[tuple[str, str, Entry]]  # (duty id, its name, entry) for duties walked and not 不涉及

    @classmethod
    def of(cls, report: Report) -> Ctx:
        duties = report.duties()
        written = [
            (d.id, duty_title(d, 24), e)
            for d in duties
            if (e := report.entries.get(d.id)) is not None and e.status != "na"
        ]
        return cls(report, prepare(report), duties, written)


Rule = Callable[[Ctx], Iterator[Finding]]


def unfilled(ctx: Ctx) -> Iterator[Finding]:
    for duty in ctx.duties:
        state = ctx.report.duty_state(duty)
        e = ctx.report.entries.get(duty.id)
        if state == "in_progress" and e is not None and e.status in ("partial", "undone") and e.performance.strip():
            continue  # written; what it lacks is its problem (problem-missing)
        if state in ("empty", "in_progress"):
            what = (
                "尚未填写"
                if state == "empty"
                else ("未选落实情况" if e is not None and not e.status else "履职情况为空")
            )
            yield Finding(Code.UNFILLED, f"{duty_title(duty, 24)}：{what}（写完，或标为“不涉及”）", duty.id)


def official_missing(ctx: Ctx) -> Iterator[Finding]:
    o = ctx.report.official
    missing = [name for name, value in (("姓名", o.name), ("单位", o.unit), ("职务", o.title)) if not value.strip()]
    if not ctx.report.year:
        missing.append("年度")
    if missing:
        yield Finding(Code.OFFICIAL_MISSING, f"基本信息：{'、'.join(missing)}未填写", "part:official")


def no_problems(ctx: Ctx) -> Iterator[Finding]:
    if any(e.problems.strip() for _, _, e in ctx.written):
        return
    first = next((k for k, _, e in ctx.written if e.status in ("partial", "undone")), None)
    where = first or next((d.id for d in ctx.duties), "part:official")
    yield Finding(Code.NO_PROBLEMS, "全篇没有写一个存在问题：述法要查摆本人履职中的不足，至少写出两三个方面。", where)


def problem_missing(ctx: Ctx) -> Iterator[Finding]:
    for key, name, e in ctx.written:
        if e.status in ("partial", "undone") and not e.problems.strip():
            state = "部分落实" if e.status == "partial" else "未落实"
            yield Finding(Code.PROBLEM_MISSING, f"{name}：标为“{state}”，但没有写存在问题", key)


def measure_missing(ctx: Ctx) -> Iterator[Finding]:
    for key, name, e in ctx.written:
        if e.problems.strip() and not e.improvements.strip():
            yield Finding(Code.MEASURE_MISSING, f"{name}：写了问题，没有改进措施", key)


def no_cause(ctx: Ctx) -> Iterator[Finding]:
    problems = [(k, e.problems) for k, _, e in ctx.written if e.problems.strip()]
    if not problems or any(SUBJECTIVE.search(text) for _, text in problems):
        return
    if any(p.cause for p in ctx.material.problems):  # written on the 成稿 page
        return
    yield Finding(
        Code.NO_CAUSE,
        "存在问题只讲了客观情况，没有分析本人的主观原因（思想认识、重视程度、督促落实等）",
        problems[0][0],
    )


def _texts(ctx: Ctx) -> Iterator[tuple[str, str, str]]:
    """(place key, place name, text) of everything the official wrote, in report order."""
    report = ctx.report
    for part in ("opening", "study", "decisions"):
        if report.parts.get(part, "").strip():
            yield f"part:{part}", REPORT_PARTS[part], report.parts[part]
    for key, name, e in ctx.written:
        for text in (e.performance, e.problems, e.improvements):
            if text.strip():
                yield key, name, text
    for part in ("rectification", "next_steps"):
        if report.parts.get(part, "").strip():
            yield f"part:{part}", REPORT_PARTS[part], report.parts[part]


def number_conflict(ctx: Ctx) -> Iterator[Finding]:
    first: dict[str, tuple[str, str, str, str]] = {}  # key → (value, clause, place key, place name)
    said: set[str] = set()
    for key, name, text in _texts(ctx):
        for f in figures(text, ctx.report.year):
            seen = first.get(f.key)
            if seen is None:
                first[f.key] = (f.value, f.clause, key, name)
            elif seen[0] != f.value and f.key not in said:
                said.add(f.key)
                yield Finding(
                    Code.NUMBER_CONFLICT,
                    f"同一数字前后不一致：{seen[3]}写“{seen[1]}”，{name}写“{f.clause}”",
                    seen[2],
                    also=(key,),
                )


def list_copy(ctx: Ctx) -> Iterator[Finding]:
    duties = {d.id: d for d in ctx.duties}
    for key, name, e in ctx.written:
        duty = duties[key]
        for para in split_paragraphs(e.performance):
            long_enough = len(para) >= LIST_COPY_MIN_CHARS
            if long_enough and contained(para, f"{duty.title}{duty.text}") >= LIST_COPY_SHARE:
                yield Finding(Code.LIST_COPY, f"{name}：履职情况基本照抄清单原文，请写本人具体做了什么", key)
                break


def last_year_copy(ctx: Ctx) -> Iterator[Finding]:
    for key, name, e in ctx.written:
        before = ctx.report.previous.get(key)
        if before is None:
            continue
        for field, label in (("performance", "履职情况"), ("problems", "存在问题"), ("improvements", "改进措施")):
            now, then = getattr(e, field), getattr(before, field)
            if len(now) >= LAST_YEAR_MIN_CHARS and alike(now, then) >= LAST_YEAR_ALIKE:
                yield Finding(Code.LAST_YEAR_COPY, f"{name}：{label}与去年基本相同", key)


def no_figures(ctx: Ctx) -> Iterator[Finding]:
    for t in ctx.material.topics:
        said = [s for p in t.points for s in p.sentences] + t.intro
        if said and not any(_DIGIT.search(s) for s in said):
            where = t.points[0].sources[0] if t.points else "part:study"
            where = ":".join(where.split(":")[:2]) if where.startswith("part:") else where
            yield Finding(Code.NO_FIGURES, f"“{t.heading}”方面没有一个具体数字（次数、件数、比率）", where)


def carry_over_open(ctx: Ctx) -> Iterator[Finding]:
    for item in ctx.report.carry_over:
        missing = [w for w, ok in (("整改状态", item.state), ("整改情况说明", item.note.strip())) if not ok]
        if missing:
            name = rect_name(item.problem)
            yield Finding(Code.CARRY_OVER_OPEN, f"上年度问题“{name}”：未填写{'、'.join(missing)}", "part:rectification")


def requirement_unmet(ctx: Ctx) -> Iterator[Finding]:
    problems = "".join(e.problems for _, _, e in ctx.written)
    for duty, req, val in ctx.report.unmet_requirements():
        e = ctx.report.entries[duty.id]
        mentioned = any(w and (w in e.problems or w in problems) for w in (req.text, req.label))
        if not mentioned and requirement_met(req, val, ctx.report.year) is False:
            yield Finding(
                Code.REQUIREMENT_UNMET,
                f"{duty_title(duty, 24)}：“{req.text or req.label}”未达到，问题里没有提到",
                duty.id,
            )


def over_length(ctx: Ctx) -> Iterator[Finding]:
    for kind in KINDS:
        c = compose(ctx.report, kind, material=ctx.material)
        if c.chars > c.budget.high:
            yield Finding(Code.OVER_LENGTH, c.verdict, f"kind:{kind}")


RULES: tuple[Rule, ...] = (
    official_missing,
    unfilled,
    no_problems,
    problem_missing,
    number_conflict,
    carry_over_open,
    measure_missing,
    no_cause,
    requirement_unmet,
    list_copy,
    last_year_copy,
    no_figures,
    over_length,
)


def check(report: Report) -> list[Finding]:
    """Every finding, blocking ones first, each group in report order."""
    ctx = Ctx.of(report)
    found = [f for rule in RULES for f in rule(ctx)]
    return sorted(found, key=lambda f: not f.blocks)
