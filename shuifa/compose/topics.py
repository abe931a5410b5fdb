"""Topics of 一、履职情况 and the rules that map a duty to one (data: ``resources/topics.json``).

A duty goes to the topic whose keywords weigh most in its text and its group headings: a keyword
weighs its length, a *strong* keyword three times that; ties go to the earlier topic. A duty that
matches no keyword goes to the role's fallback topic and is marked ``fallback`` so the official sees
it. A topic outside the reporter role's set is folded into the role's target for it (a 班子其他成员
has no topic of their own for 人大、政协).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ..model import Node
from ..paths import RESOURCES

TOPICS_FILE = RESOURCES / "topics.json"
#: A strong keyword weighs this many times its length.
STRONG_WEIGHT = 3


class MappedBy(Enum):
    """How a point came to its topic."""

    RULE = "rule"  # the keyword rules
    OVERRIDE = "override"  # a reviewed exception for a built-in list (topics.json "overrides")
    FALLBACK = "fallback"  # no keyword matched: the role's fallback topic
    OFFICIAL = "official"  # the official moved it


@dataclass(frozen=True)
class Topic:
    id: str
    heading: str
    short: str
    spoken: str
    strong: tuple[str, ...]
    keywords: tuple[str, ...]
    leads: tuple[tuple[str, str], ...]
    generic_leads: tuple[str, ...]
    problem_head: str
    cause: str
    measure_lead: str
    role_headings: tuple[tuple[str, str], ...] = ()

    def heading_for(self, role: str) -> str:
        return dict(self.role_headings).get(role, self.heading)


@dataclass(frozen=True)
class RoleTopics:
    topics: tuple[str, ...]
    fallback: str
    fold: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TopicData:
    topics: dict[str, Topic]
    roles: dict[str, RoleTopics]
    overrides: dict[str, dict[str, str]]  # list id → duty id → topic id

    def role(self, role: str) -> RoleTopics:
        return self.roles.get(role) or self.roles["party"]


@lru_cache(maxsize=1)
def topic_data() -> TopicData:
    raw = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    topics: dict[str, Topic] = {}
    for t in raw["topics"]:
        role_headings = tuple((k[len("heading_") :], v) for k, v in t.items() if k.startswith("heading_"))
        topics[t["id"]] = Topic(
            id=t["id"],
            heading=t["heading"],
            short=t["short"],
            spoken=t["spoken"],
            strong=tuple(t.get("strong", [])),
            keywords=tuple(t.get("keywords", [])),
            leads=tuple((k, v) for k, v in t.get("leads", [])),
            generic_leads=tuple(t.get("generic_leads", [])),
            problem_head=t["problem_head"],
            cause=t["cause"],
            measure_lead=t["measure_lead"],
            role_headings=role_headings,
        )
    roles = {
        r: RoleTopics(topics=tuple(v["topics"]), fallback=v["fallback"], fold=tuple(v.get("fold", {}).items()))
        for r, v in raw["roles"].items()
    }
    return TopicData(topics=topics, roles=roles, overrides=raw.get("overrides", {}))


def score_topics(text: str) -> dict[str, int]:
    """Each topic's weight in ``text`` (topics with no keyword in it are left out)."""
    scores: dict[str, int] = {}
    for t in topic_data().topics.values():
        s = sum(STRONG_WEIGHT * len(k) for k in t.strong if k in text)
        s += sum(len(k) for k in t.keywords if k in text)
        if s:
            scores[t.id] = s
    return scores


def best_topic(text: str) -> str | None:
    """The topic weighing most in ``text`` (ties: the earlier topic), None when none matches."""
    scores = score_topics(text)
    if not scores:
        return None
    order = list(topic_data().topics)
    return max(scores, key=lambda tid: (scores[tid], -order.index(tid)))


def fold(topic_id: str, role: str) -> str:
    """The topic a reporter of ``role`` shows ``topic_id`` under."""
    r = topic_data().role(role)
    if topic_id in r.topics:
        return topic_id
    return dict(r.fold).get(topic_id, r.fallback)


def duty_topic(list_id: str, duty: Node, path: list[Node], role: str) -> tuple[str, MappedBy]:
    """The topic of a duty for a reporter of ``role``, and how it was found.

    The duty's own text decides; its group headings only break a tie or fill in when the text has no
    keyword (a list's 八大行动 heading says more than “完善工作机制”)."""
    context = "".join(a.title or a.text for a in path)
    return _duty_topic(list_id, duty.id, f"{duty.title}{duty.text}", context, role)


@lru_cache(maxsize=4096)
def _duty_topic(list_id: str, duty_id: str, text: str, context_text: str, role: str) -> tuple[str, MappedBy]:
    """:func:`duty_topic` on plain strings, cached: the same duty is asked on every re-composition."""
    data = topic_data()
    override = data.overrides.get(list_id, {}).get(duty_id)
    if override:
        return fold(override, role), MappedBy.OVERRIDE
    own = score_topics(text)
    context = score_topics(context_text)
    order = list(data.topics)
    combined = {t: 2 * own.get(t, 0) + context.get(t, 0) for t in set(own) | set(context)}
    if not combined:
        return data.role(role).fallback, MappedBy.FALLBACK
    best = max(combined, key=lambda tid: (combined[tid], -order.index(tid)))
    return fold(best, role), MappedBy.RULE
