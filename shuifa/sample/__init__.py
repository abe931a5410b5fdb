"""Sample reports: a fully filled 述法报告 a reviewer would accept, for any duty list and role.

``make_sample`` decides first what the year was (each duty's status, the requirement values, which
duties carry the report's 3–5 problems), then writes the parts and every duty walked from the phrase
banks (``resources/phrases/*.json``), in the official's own voice and with one fact sheet for the whole
report: a measure (会前学法次数, 合法性审查件数, 法律顾问人数 …) is drawn once and said the same wherever
it is said, and no template is filled twice. Words fit the level and the role (a 镇 has no 政协, a
province counts in other orders of magnitude, a 班子其他成员 neither chairs the 常委会 nor is the
第一责任人). The same inputs always give the same report: a ``random.Random`` seeded from the list id,
role, year and seed (the global ``random`` is never used).

- :mod:`.bank`: the phrase banks and their tags (where a template fits);
- :mod:`.facts`: the fact sheet and the template language;
- :mod:`.setting`: the area, the official, the words and the named documents;
- :mod:`.write`: the plan, the duties, the parts and last year's problems.
"""

from __future__ import annotations

import hashlib
import random
import uuid

from ..compose.topics import duty_topic
from ..errors import ShuifaError
from ..model import REPORTER_ROLES, ROLES, DutyList, Official, Report, default_year
from .bank import PHRASES, Bank, Template, phrase_bank
from .facts import Facts, Filler
from .setting import LEVEL_SCALE, Setting, area_of, level_of, make_setting, short_place
from .write import Writer, duty_topics, fact_of, plan, problem_topics, report_topic, score_topics


def _seed(duty_list: DutyList, role: str, year: int, seed: int) -> int:
    key = f"{duty_list.id}|{role}|{year}|{seed}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


def resolve_role(duty_list: DutyList, role: str | None) -> str:
    """The reporter role a sample is written for (checks a given one)."""
    if role is None:
        roles = duty_list.roles()
        if roles:
            return roles[0]
        # A list for everyone: a government's own plan (法治政府建设…, issued by a 人民政府) is
        # reported on by the government's head, anything else by the party secretary.
        government = "法治政府" in duty_list.title or "人民政府" in duty_list.issuer
        return "government" if government and "党政" not in duty_list.title else "party"
    if role not in REPORTER_ROLES:
        known = "、".join(f"{r}（{ROLES[r]}）" for r in REPORTER_ROLES)
        raise ShuifaError(f"未知的述法人类别“{role}”。", hint=f"可选：{known}")
    return role


def _choose_scope(report: Report, setting: Setting, rng: random.Random) -> None:
    """What the official reports on beyond the rule's walk: a township head says their side; a
    班子其他成员 adds six duties of their 分管 area (what their 分管 words cover first)."""
    if report.official.role == "township":
        report.scope.side = "government" if setting.side == "gov" else "party"
    if report.official.role != "member":
        return
    try:
        from ..scope import suggest_area
    except ImportError:  # pragma: no cover - an older model without scopes
        return
    suggested = suggest_area(report.duty_list, report.official, report.scope, limit=16)
    if not suggested:
        return
    by_id = {n.id: n for _, n in report.duty_list.walk()}

    def weight(duty_id: str) -> int:
        n = by_id[duty_id]
        text = f"{n.title}{n.text}"
        return sum(len(k) for k in setting.field_keywords if k in text)

    ranked = sorted(suggested, key=lambda d: (-weight(d), suggested.index(d)))
    # three of each field topic (依法履职 and 分管领域法治建设) where the list has them, best first
    paths = {n.id: p for p, n in report.duty_list.walk()}
    chosen: list[str] = []
    field_of = {d: duty_topic(report.duty_list.id, by_id[d], paths[d], "member")[0] for d in ranked}

    # an 依法履职 duty (执法, 复议 …) only where their 分管 words cover it: a 副书记 who 分管 组织、宣传和统战
    # does not answer for 执法案卷
    def fits(d: str) -> bool:
        return field_of[d] != "administration" or weight(d) > 0

    for field in ("administration", "leadership") * 3:
        d = next((d for d in ranked if d not in chosen and field_of[d] == field and fits(d)), None)
        if d is not None:
            chosen.append(d)
    for d in [d for d in ranked if fits(d)] + ranked:
        if len(chosen) >= 6:
            break
        if d not in chosen:
            chosen.append(d)
    keep = set(chosen)
    report.scope.added = [d for d in suggested if d in keep]


def make_sample(
    duty_list: DutyList,
    role: str | None = None,
    year: int | None = None,
    seed: int = 0,
    official: Official | None = None,
    with_last_year: bool = False,
) -> Report:
    """A fully filled sample report for ``duty_list`` (deterministic for the same inputs).

    With ``with_last_year`` the report also accounts for last year's problems (上年度问题整改情况):
    carried-over items with their state and what was done; the rest of the report is the same.
    """
    role = resolve_role(duty_list, role if role is not None else (official.role if official else None))
    year = year if year is not None else default_year()
    rng = random.Random(_seed(duty_list, role, year, seed))
    given = Official.from_dict(official.to_dict()) if official is not None else None
    setting = make_setting(duty_list, role, rng, given, year)
    setting.official.role = role
    report = Report.new(setting.official, year, duty_list)
    report.id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
    _choose_scope(report, setting, rng)

    facts = Facts()
    jobs = plan(report, setting, rng, facts)
    writer = Writer(report, setting, rng, facts)
    # the official's own parts first: what they say of themselves sets the facts the duties repeat
    items = 4 if setting.speaker == "member" else rng.randint(3, 4)  # a member's report is mostly these
    report.parts["study"] = writer.numbered("study", items)
    report.parts["decisions"] = writer.numbered("decisions", items)
    for job in jobs:
        writer.duty(job, report.entry(job.duty.id))
    report.parts["opening"] = writer.opening()
    report.parts["next_steps"] = writer.next_steps(problem_topics(report, jobs))
    report.parts["rectification"] = ""
    if with_last_year:
        said = "".join(e.problems for e in report.entries.values())
        report.carry_over = writer.carry_over(rng, said)
        report.previous_year = year - 1
        if report.carry_over:
            report.parts["rectification"] = writer.rectification_intro(report.carry_over)
    for entry in report.entries.values():
        entry.updated = report.created
    return report


__all__ = [
    "LEVEL_SCALE",
    "PHRASES",
    "Bank",
    "Facts",
    "Filler",
    "Setting",
    "Template",
    "area_of",
    "duty_topics",
    "fact_of",
    "level_of",
    "make_sample",
    "make_setting",
    "phrase_bank",
    "report_topic",
    "resolve_role",
    "score_topics",
    "short_place",
]
