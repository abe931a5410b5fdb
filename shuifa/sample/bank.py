"""The phrase banks (``resources/phrases/*.json``), loaded once.

A template is a string, optionally led by a tag that says where it fits: ``[county+ party] 主持召开…``.
Tag words are levels of the speaker's area (``township zone county city province`` and the groups
``local`` = township, zone; ``county+`` = county, city, province; ``city+`` = city, province) and who
speaks (``party gov dept member``; ``head`` = party, gov, dept); a word led by ``-`` excludes
(``-member``, ``-zone``). Without levels a template fits every level, without speakers every speaker.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..paths import RESOURCES

PHRASES = RESOURCES / "phrases"

LEVELS: tuple[str, ...] = ("township", "zone", "county", "city", "province")
SPEAKERS: tuple[str, ...] = ("party", "gov", "dept", "member")
_LEVEL_GROUPS: dict[str, tuple[str, ...]] = {
    "local": ("township", "zone"),
    "county+": ("county", "city", "province"),
    "city+": ("city", "province"),
    **{lv: (lv,) for lv in LEVELS},
}
_SPEAKER_GROUPS: dict[str, tuple[str, ...]] = {"head": ("party", "gov", "dept"), **{s: (s,) for s in SPEAKERS}}
_TAG = re.compile(r"^\[([^\]]*)\]\s*")


@dataclass(frozen=True)
class Template:
    """One template and where it fits (``None``: everywhere)."""

    key: str  # unique in the bank: what a report has used
    text: str
    levels: frozenset[str] | None = None
    speakers: frozenset[str] | None = None

    def fits(self, level: str, speaker: str) -> bool:
        return (self.levels is None or level in self.levels) and (self.speakers is None or speaker in self.speakers)


def _parse_tag(tag: str, where: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    levels: set[str] = set()
    speakers: set[str] = set()
    no_levels: set[str] = set()
    no_speakers: set[str] = set()
    for word in tag.split():
        neg = word.startswith("-")
        w = word.lstrip("-")
        if w in _LEVEL_GROUPS:
            (no_levels if neg else levels).update(_LEVEL_GROUPS[w])
        elif w in _SPEAKER_GROUPS:
            (no_speakers if neg else speakers).update(_SPEAKER_GROUPS[w])
        else:
            raise ValueError(f"{where}: unknown tag word {word!r}")
    lv = (levels or set(LEVELS)) - no_levels if (levels or no_levels) else None
    sp = (speakers or set(SPEAKERS)) - no_speakers if (speakers or no_speakers) else None
    return (frozenset(lv) if lv is not None else None, frozenset(sp) if sp is not None else None)


def template(raw: str, key: str) -> Template:
    m = _TAG.match(raw)
    if not m:
        return Template(key=key, text=raw)
    levels, speakers = _parse_tag(m.group(1), key)
    return Template(key=key, text=raw[m.end() :], levels=levels, speakers=speakers)


def templates(raws: list[str], prefix: str) -> tuple[Template, ...]:
    return tuple(template(r, f"{prefix}.{i}") for i, r in enumerate(raws))


@dataclass(frozen=True)
class Issue:
    """A problem of a duty with its cause (the official's own) and the measure that answers it."""

    key: str
    problem: str
    cause: str
    improvement: str
    levels: frozenset[str] | None = None
    speakers: frozenset[str] | None = None

    @property
    def text(self) -> str:
        return self.problem + self.cause + self.improvement

    def fits(self, level: str, speaker: str) -> bool:
        return (self.levels is None or level in self.levels) and (self.speakers is None or speaker in self.speakers)


def _issue(d: dict[str, Any], key: str) -> Issue:
    t = template(d["problem"], key)
    return Issue(
        key=key,
        problem=t.text,
        cause=d.get("cause", ""),
        improvement=d["improvement"],
        levels=t.levels,
        speakers=t.speakers,
    )


@dataclass(frozen=True)
class Topic:
    """A subject a duty can be about (学法, 合法性审查, 矛盾纠纷 …) and what a report says on it."""

    id: str
    keywords: tuple[str, ...]
    performance: tuple[Template, ...]
    issues: tuple[Issue, ...]
    evidence: tuple[Template, ...]
    na: str = ""  # 不涉及 text, for a duty on this topic that did not arise this year
    na_levels: tuple[str, ...] = ()  # the levels where that is plausible


def _topic(d: dict[str, Any]) -> Topic:
    tid = d["id"]
    return Topic(
        id=tid,
        keywords=tuple(d.get("keywords", [])),
        performance=templates(d["performance"], f"{tid}.p"),
        issues=tuple(_issue(x, f"{tid}.i{i}") for i, x in enumerate(d.get("issues", []))),
        evidence=templates(d.get("evidence", []), f"{tid}.e"),
        na=d.get("na", ""),
        na_levels=tuple(d.get("na_levels", [])),
    )


@dataclass(frozen=True)
class CarryOver:
    """A problem of last year's report, what was to be done, and what was done about it."""

    key: str
    problem: str
    improvement: str
    done: tuple[Template, ...]
    in_progress: tuple[Template, ...]
    levels: frozenset[str] | None = None
    speakers: frozenset[str] | None = None

    def fits(self, level: str, speaker: str) -> bool:
        return (self.levels is None or level in self.levels) and (self.speakers is None or speaker in self.speakers)


def _carry(d: dict[str, Any], key: str) -> CarryOver:
    t = template(d["problem"], key)
    return CarryOver(
        key=key,
        problem=t.text,
        improvement=d["improvement"],
        done=templates(d.get("done", []), f"{key}.done"),
        in_progress=templates(d.get("in_progress", []), f"{key}.ip"),
        levels=t.levels,
        speakers=t.speakers,
    )


@dataclass(frozen=True)
class Bank:
    topics: tuple[Topic, ...]
    generic: Topic
    member: dict[str, tuple[Template, ...]]  # report topic → a member's own paragraphs
    member_issues: dict[str, tuple[Issue, ...]]
    parts: dict[str, dict[str, tuple[Template, ...]]]  # part → intro/items/…
    next_steps: dict[str, tuple[Template, ...]]  # report topic → 下一步 items
    unmet: tuple[Issue, ...]
    na: tuple[Template, ...]
    carry_over: tuple[CarryOver, ...]
    report: dict[str, Any]  # names, departments, words, docs, facts …
    measures: tuple[str, ...]  # words naming a measure: a clause with one says its figure once

    def topic(self, tid: str) -> Topic:
        for t in self.topics:
            if t.id == tid:
                return t
        return self.generic


def _load(name: str) -> Any:
    return json.loads((PHRASES / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def phrase_bank() -> Bank:
    """The phrase banks, loaded once."""
    topics: list[Topic] = []
    for path in sorted(PHRASES.glob("topics*.json")):
        topics.extend(_topic(t) for t in json.loads(path.read_text(encoding="utf-8")))
    report = _load("report.json")
    voice = _load("voice.json")
    parts = {part: {k: templates(v, f"{part}.{k}") for k, v in body.items()} for part, body in voice["parts"].items()}
    return Bank(
        topics=tuple(topics),
        generic=_topic(report["generic"]),
        member={k: _members(templates(v, f"member.{k}")) for k, v in voice["member"].items()},
        member_issues={
            k: _members(tuple(_issue(x, f"member.{k}.i{i}") for i, x in enumerate(v)))
            for k, v in voice["member_issues"].items()
        },
        parts=parts,
        next_steps={k: templates(v, f"next.{k}") for k, v in voice["next_steps"].items()},
        unmet=tuple(_issue(x, f"unmet.{i}") for i, x in enumerate(report["unmet"])),
        na=templates(report["na"], "na"),
        carry_over=tuple(_carry(x, f"carry.{i}") for i, x in enumerate(voice["carry_over"])),
        report=report,
        measures=_measures(report),
    )


_MEMBER = frozenset({"member"})


def _members(items: tuple[Any, ...]) -> tuple[Any, ...]:
    """A 班子其他成员's own words fit a member only."""
    return tuple(replace(x, speakers=_MEMBER) for x in items)


def _measures(report: dict[str, Any]) -> tuple[str, ...]:
    """Our measure words and the 体检's (``resources/checkup.json``), so that a clause the 体检 compares is
    one the sample says once."""
    words = set(report.get("measures", []))
    checkup = RESOURCES / "checkup.json"
    if checkup.exists():
        try:
            words.update(json.loads(checkup.read_text(encoding="utf-8")).get("measures", []))
        except (ValueError, OSError):  # pragma: no cover - their file, being edited
            pass
    return tuple(sorted(words, key=lambda w: (-len(w), w)))
