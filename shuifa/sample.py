"""Sample reports: a fully filled, realistic 述法报告 for any duty list and role.

``make_sample`` walks every duty the reporter walks and writes an entry from the duty's own text:
keyword topics (学法、依法决策、行政执法、复议应诉、矛盾纠纷、普法 …) pick paragraphs from the phrase
banks in ``resources/phrases/*.json``, and a small template language fills in numbers drawn from a
``random.Random`` seeded from the list id, role, year and seed, so the same inputs always give the
same report. Each requirement of a duty gets a value, mostly meeting it; in a long list one or two
are left unmet on purpose (and the text says so) so the product's checks have something to show.

Template syntax used in the phrase banks (inside one paragraph):

- ``{name}``: a context word (``{scope}`` 全镇, ``{meeting}`` 镇党委会议 …) or a number defined earlier;
- ``{name=LO-HI}``: a random number in [LO, HI] (a decimal when LO has a dot), remembered as ``name``;
  a trailing ``s`` (``{n=20-40s}``) scales it by the size of the reporter's area (镇 1 … 省 40);
  ``{name=@other*LO-HI}`` is ``other`` times a random factor in [LO, HI], rounded;
- ``{f_name=LO-HI}``: a *fact*, one number for the whole report (法治专题讲座期数, 出庭应诉率 …). A
  requirement whose text names the fact (``report.json`` → ``facts``) binds it to the official's value;
  when that value is left unmet the templates stating the fact are not used, so no paragraph contradicts it;
- ``{=LO-HI}``: an anonymous random number;
- ``{%a/b}``: ``a`` as a percentage of ``b`` (``100`` or one decimal);
- ``{~甲|乙|丙}``: one of the alternatives.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .compose.wording import unit_word
from .errors import ShuifaError
from .model import (
    REPORTER_ROLES,
    ROLES,
    DutyList,
    Entry,
    Node,
    Official,
    Report,
    Requirement,
    RequirementValue,
    default_year,
)
from .paths import RESOURCES

PHRASES = RESOURCES / "phrases"

# --------------------------------------------------------------------------- phrase banks


@dataclass(frozen=True)
class Topic:
    id: str
    keywords: tuple[str, ...]
    performance: tuple[str, ...]
    issues: tuple[tuple[str, str], ...]  # (problem, improvement)
    evidence: tuple[str, ...]
    na: str = ""  # 不涉及 text, for a duty on this topic that did not arise this year
    na_levels: tuple[str, ...] = ()  # the reporter levels where that is plausible


@dataclass(frozen=True)
class Bank:
    topics: tuple[Topic, ...]
    generic: Topic
    report: dict[str, Any]


def _load_json(name: str) -> Any:
    return json.loads((PHRASES / name).read_text(encoding="utf-8"))


def _topic(d: dict[str, Any]) -> Topic:
    return Topic(
        id=d["id"],
        keywords=tuple(d.get("keywords", [])),
        performance=tuple(d["performance"]),
        issues=tuple((p["problem"], p["improvement"]) for p in d.get("issues", [])),
        evidence=tuple(d.get("evidence", [])),
        na=d.get("na", ""),
        na_levels=tuple(d.get("na_levels", [])),
    )


@lru_cache(maxsize=1)
def phrase_bank() -> Bank:
    """The phrase banks, loaded once."""
    topics: list[Topic] = []
    for path in sorted(PHRASES.glob("topics*.json")):
        topics.extend(_topic(t) for t in json.loads(path.read_text(encoding="utf-8")))
    report = _load_json("report.json")
    generic = _topic(report["generic"])
    return Bank(topics=tuple(topics), generic=generic, report=report)


# --------------------------------------------------------------------------- area and official

# Levels of the reporter's area: how numbers scale and which words fit.
LEVEL_SCALE: dict[str, float] = {
    "township": 1,
    "zone": 2,
    "county": 3,
    "department": 2,
    "city": 8,
    "province": 40,
}

_PLACE_RE = re.compile(r"^(?:关于印发)?《?(.+?)(?:党政主要负责人|推进法治|法治政府|法治建设|履行|关于|实施)")


def area_of(duty_list: DutyList) -> str:
    """The place a list is for, from its title (or issuer): 鞍山高新区, 沈阳市辽中区牛心坨镇, 浙江省 …"""
    for text in (duty_list.title, duty_list.issuer):
        text = (text or "").strip()
        if not text:
            continue
        m = _PLACE_RE.match(text)
        if m and 2 <= len(m.group(1)) <= 16:
            return m.group(1).strip()
        stripped = re.sub(r"^中共", "", text)
        stripped = re.sub(r"(委员会|工作委员会|人民政府|办公室|办公厅).*$", "", stripped)
        if 2 <= len(stripped) <= 16:
            return stripped
    return ""


def level_of(area: str) -> str:
    if not area:
        return "county"
    if re.search(r"(高新|开发区|新区|园区)", area):
        return "zone"
    if area.endswith(("镇", "乡", "街道")):
        return "township"
    if area.endswith(("省", "自治区")):
        return "province"
    if area.endswith(("市", "州", "盟")):
        return "city"
    return "county"


def short_place(area: str) -> str:
    """The last administrative part: 沈阳市辽中区牛心坨镇 → 牛心坨镇."""
    m = re.search(r"(?:市|区|县)([^市区县]{1,8}(?:镇|乡|街道))$", area)
    if m:
        return m.group(1)
    return area or "本地区"


@dataclass
class Setting:
    """Who reports and the words that fit their area and role (the template context)."""

    official: Official
    level: str
    words: dict[str, str] = field(default_factory=dict)


def _suffix_word(area: str, level: str) -> str:
    """镇/乡/街道/区/县/市/省: the character used in 全镇, 依法治镇 …"""
    if level == "zone":
        return "区"
    if level == "province":
        return "省"
    if area.endswith("街道"):
        return "街道"
    return area[-1:] if area else "区"


def make_setting(duty_list: DutyList, role: str, rng: random.Random, official: Official | None) -> Setting:
    bank = phrase_bank().report
    area = area_of(duty_list)
    level = level_of(area)
    place = short_place(area)
    suffix = _suffix_word(area, level)
    names = bank["names"]
    name = rng.choice(names["surnames"]) + rng.choice(names["given"])
    party_unit, gov_unit = _bodies(duty_list, area, level)
    party_title, gov_title = _titles(area, level, suffix)
    unit, title = party_unit, party_title
    rep_level = level
    if role == "government":
        unit, title = gov_unit, gov_title
    elif role == "department":
        unit, title = _department(duty_list, area, level, rng)
        rep_level = "department"
    elif role == "member":
        if rng.random() < 0.7:
            unit, title = gov_unit, _deputy(gov_title)
        else:
            unit, title = party_unit, _deputy(party_title)
    elif role == "township":
        if level == "township":
            unit, title = party_unit, party_title
        else:
            town = rng.choice(names["towns_street"] if level == "zone" else names["towns"])
            prefix = "" if level == "province" else area
            unit = f"中共{prefix}{town}{'工作委员会' if town.endswith('街道') else '委员会'}"
            title = "街道党工委书记" if town.endswith("街道") else "镇党委书记"
            rep_level = "township"
            place, suffix = town, ("街道" if town.endswith("街道") else "镇")
    off = official or Official(name=name, title=_formal_title(unit, title), unit=unit, role=role)
    words = _words(role, rep_level, place, suffix, off)
    return Setting(official=off, level=rep_level, words=words)


def _bodies(duty_list: DutyList, area: str, level: str) -> tuple[str, str]:
    issuer = (duty_list.issuer or "").strip()
    if issuer.startswith("中共") and issuer.endswith("委员会") and " " not in issuer:
        party = issuer
    elif level == "zone" or area.endswith("街道"):
        party = f"中共{area}工作委员会"
    else:
        party = f"中共{area}委员会" if area else "中共本级委员会"
    if level == "zone":
        gov = f"{area}管理委员会"
    elif area.endswith("街道"):
        gov = f"{area}办事处"
    else:
        gov = f"{area}人民政府"
    return party, gov


def _titles(area: str, level: str, suffix: str) -> tuple[str, str]:
    if level == "zone":
        return "党工委书记", "管委会主任"
    if level == "province":
        return "省委书记", "省长"
    if level == "city":
        return "市委书记", "市长"
    if level == "township":
        if suffix == "街道":
            return "街道党工委书记", "街道办事处主任"
        return f"{suffix}党委书记", f"{suffix}长"
    return f"{suffix}委书记", f"{suffix}长"


def _formal_title(unit: str, title: str) -> str:
    """The title as it reads after the unit in a byline: 中共牛心坨镇委员会书记, not …委员会镇党委书记."""
    deputy = "副" in title
    if unit.endswith("委员会") and "书记" in title:
        return "副书记" if deputy else "书记"
    if unit.endswith("管理委员会") and title.endswith("主任"):
        return "副主任" if deputy else "主任"
    if unit.endswith("办事处") and title.startswith("街道办事处"):
        return title.removeprefix("街道办事处")
    return title


def _deputy(title: str) -> str:
    if "书记" in title:
        return title.replace("书记", "副书记")
    if title.endswith("主任"):
        return title[:-2] + "副主任"
    return "副" + title


def _department(duty_list: DutyList, area: str, level: str, rng: random.Random) -> tuple[str, str]:
    bank = phrase_bank().report["departments"]
    units: list[str] = []
    for duty in duty_list.duties():
        for u in duty.responsible_units:
            u = u.strip()
            if re.fullmatch(r"(市|县|区)?[\u4e00-\u9fff]{2,10}局", u) and "各" not in u:
                units.append(re.sub(r"^(市|县|区)", "", u))
    if units:
        dept = rng.choice(sorted(set(units)))
    else:
        dept = rng.choice(bank.get(level, bank["county"]))
    title = (
        "厅长"
        if dept.endswith("厅")
        else ("队长" if dept.endswith("队") else ("主任" if dept.endswith(("办公室", "中心")) else "局长"))
    )
    return f"{area}{dept}", title


def _words(role: str, level: str, place: str, suffix: str, off: Official) -> dict[str, str]:
    bank = phrase_bank().report["words"]
    w: dict[str, str] = {}
    base = bank["levels"].get(level, bank["levels"]["county"])
    for k, v in base.items():
        w[k] = v.replace("※", suffix)
    side = "gov" if role == "government" or (role == "member" and "副书记" not in off.title) else "party"
    if level == "department":
        side = "party"
    for k, v in bank["sides"][side].get(level, bank["sides"][side]["county"]).items():
        w[k] = v.replace("※", suffix)
    if suffix == "街道":
        for k, v in w.items():
            w[k] = v.replace("街道党委", "街道党工委").replace("街道政府", "街道办事处")
    w["party_body"] = bank["sides"]["party"].get(level, bank["sides"]["party"]["county"])["body"].replace("※", suffix)
    if suffix == "街道":
        w["party_body"] = w["party_body"].replace("街道党委", "街道党工委")
    if level == "department" and off.unit.endswith(("队", "办公室", "中心")):
        w["body"], w["meeting"] = "本单位", "单位班子会议"
    w["place"] = place
    w["unit"] = off.unit
    w["title"] = off.title
    w["self"] = "本人"
    if role == "member":
        w["duty_self"] = f"作为{w['body']}班子成员，在分管领域履行推进法治建设职责"
    elif level == "department":
        w["duty_self"] = "作为本单位主要负责人和推进法治建设第一责任人"
    else:
        w["duty_self"] = f"作为{w['body']}主要负责人和推进法治建设第一责任人"
    return w


# --------------------------------------------------------------------------- templates

_SLOT = re.compile(r"\{([^{}]*)\}")
_RANGE = re.compile(r"^(@(\w+)\*)?(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(s?)$")


class Facts:
    """Numbers that must agree across the whole report (``f_…`` slots).

    A requirement binds the fact its text names (法治专题讲座 → ``f_jiangzuo``) to the official's
    value; a fact no requirement binds is drawn the first time a template uses it and kept. A fact
    bound to an unmet value is ``blocked``: templates that would state it are not used.
    """

    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.blocked: set[str] = set()

    def allows(self, template: str) -> bool:
        return not any(f"{{{f}=" in template or f"{{{f}}}" in template for f in self.blocked)


class Filler:
    """Fills templates: keeps the numbers one template defines, reads context words and facts."""

    def __init__(self, rng: random.Random, words: dict[str, str], scale: float, facts: Facts) -> None:
        self.rng = rng
        self.words = words
        self.scale = scale
        self.facts = facts
        self.vars: dict[str, float] = {}
        self.used_facts: set[str] = set()

    def fill(self, template: str) -> str:
        self.vars = {}
        return _SLOT.sub(self._slot, template)

    def _slot(self, m: re.Match[str]) -> str:
        inner = m.group(1)
        if inner.startswith("~"):
            return self.rng.choice(inner[1:].split("|"))
        if inner.startswith("%"):
            a, b = inner[1:].split("/")
            return _pct(self.vars[a], self.vars[b])
        if "=" in inner:
            name, spec = inner.split("=", 1)
            if name.startswith("f_"):
                self.used_facts.add(name)
                if name not in self.facts.values:
                    self.facts.values[name] = self._number(spec)
                value = self.facts.values[name]
            else:
                value = self._number(spec)
            if name:
                self.vars[name] = value
            return _fmt(value)
        if inner in self.vars:
            return _fmt(self.vars[inner])
        if inner in self.words:
            return self.words[inner]
        raise KeyError(f"模板占位符“{inner}”没有取值")

    def _number(self, spec: str) -> float:
        m = _RANGE.match(spec)
        if not m:
            raise ValueError(f"模板数值“{spec}”无法识别")
        _, other, lo_s, hi_s, scaled = m.groups()
        lo, hi = float(lo_s), float(hi_s)
        if other:
            base = self.vars[other]
            return float(max(0, round(base * self.rng.uniform(lo, hi))))
        if "." in lo_s or "." in hi_s:
            return round(self.rng.uniform(lo, hi), 1)
        if scaled:
            lo, hi = lo * self.scale, hi * self.scale
        return float(self.rng.randint(int(lo), max(int(lo), int(hi))))


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def _pct(a: float, b: float) -> str:
    if b <= 0 or a >= b:
        return "100"
    return f"{a / b * 100:.1f}"


def _plain(template: str, words: dict[str, str]) -> str:
    """Fill a template that has only plain words (requirement sentences)."""
    return _SLOT.sub(lambda m: words[m.group(1)], template)


# --------------------------------------------------------------------------- duties


def score_topics(text: str, topics: tuple[Topic, ...]) -> list[tuple[Topic, float]]:
    """Topics whose keywords occur in ``text`` with their scores, best first.

    Each keyword found adds its length (longer keywords say more); a topic named early in the
    duty (its lead sentence) gets a bonus of up to 6.
    """
    scored: list[tuple[float, int, Topic]] = []
    for i, t in enumerate(topics):
        score = 0.0
        first = len(text)
        for kw in t.keywords:
            pos = text.find(kw)
            if pos >= 0:
                score += len(kw)
                first = min(first, pos)
        if score:
            scored.append((score + max(0.0, 6 - first / 10), i, t))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [(t, sc) for sc, _, t in scored]


def duty_topics(duty: Node, path: list[Node]) -> list[Topic]:
    """The topics of a duty: read from its own text, its group's heading counting for less."""
    topics = phrase_bank().topics
    scores: dict[str, float] = {}
    for t, sc in score_topics(f"{duty.text}{duty.title}", topics):
        scores[t.id] = sc
    if path and path[-1].title:
        for t, sc in score_topics(path[-1].title, topics):
            scores[t.id] = scores.get(t.id, 0.0) + 0.3 * sc
    if not scores:
        return []
    order = sorted(topics, key=lambda t: -scores.get(t.id, 0.0))
    best = scores[order[0].id]
    return [t for t in order if scores.get(t.id, 0.0) >= 0.6 * best][:3]


def fact_of(req: Requirement) -> str | None:
    """The report-level fact a requirement's value binds (by the longest keyword in its text)."""
    best: tuple[int, str] | None = None
    text = f"{req.text}{req.label}"
    for name, keywords in phrase_bank().report["facts"].items():
        for kw in keywords:
            if kw in text and (best is None or len(kw) > best[0]):
                best = (len(kw), name)
    return best[1] if best else None


@dataclass
class _Walk:
    """State shared while filling one report: what was used, so duties do not repeat each other."""

    facts: Facts = field(default_factory=Facts)
    used_perf: set[tuple[str, int]] = field(default_factory=set)
    used_issue: set[tuple[str, int]] = field(default_factory=set)
    used_evidence: set[tuple[str, int]] = field(default_factory=set)


def _pick(
    rng: random.Random,
    topic: Topic,
    items: tuple[Any, ...],
    used: set[tuple[str, int]],
    facts: Facts | None = None,
    avoid: set[tuple[str, int]] | None = None,
) -> int | None:
    """An item of ``topic`` not used yet in this report (or, with ``avoid``, not in this entry)."""
    taken = used if avoid is None else avoid
    free = [
        i
        for i in range(len(items))
        if (topic.id, i) not in taken and (facts is None or facts.allows(_text_of(items[i])))
    ]
    if not free:
        return None
    i = rng.choice(free)
    used.add((topic.id, i))
    if avoid is not None:
        avoid.add((topic.id, i))
    return i


def _text_of(item: Any) -> str:
    return item if isinstance(item, str) else "".join(item)


def _requirement_value(req: Requirement, year: int, met: bool, rng: random.Random) -> RequirementValue:
    if req.kind == "deadline":
        if req.deadline:
            m, d = (int(x) for x in req.deadline.split("-"))
            due = date(year, m, d)
        else:
            due = date(year, 12, 31)
        if met:
            start = date(year, 1, 10) if due > date(year, 1, 20) else date(year, 1, 1)
            span = max(0, (due - start).days - 1)
            day = start + timedelta(days=rng.randint(max(0, span // 2), span))
        else:
            day = due + timedelta(days=rng.randint(3, 20))
            if day.year != year:
                day = date(year, 12, 31)
        return RequirementValue(date=day.isoformat())
    minimum = req.yearly_minimum()
    if req.kind == "rate" and req.max is not None and req.min is None:  # 败诉率控制在5%以内
        if met:
            return RequirementValue(value=round(rng.uniform(0, req.max), 1))
        return RequirementValue(value=round(req.max + rng.uniform(1, 5), 1))
    if req.kind == "rate":
        floor = minimum if minimum is not None else 90.0
        if met:
            if floor >= 100 or rng.random() < 0.5:
                return RequirementValue(value=100.0)
            return RequirementValue(value=round(rng.uniform(floor, 100), 1))
        n = rng.randint(8, 25)
        k = n - rng.randint(1, 2)
        value = round(k / n * 100, 1)
        if value >= floor:
            value = round(max(0.0, floor - rng.uniform(2, 8)), 1)
        return RequirementValue(value=value)
    if req.kind == "duration":
        floor = minimum if minimum is not None else 30.0
        if met:
            return RequirementValue(value=float(int(floor) + rng.randint(0, 15)))
        return RequirementValue(value=float(max(1, int(floor) - rng.randint(3, 10))))
    # count
    floor = minimum if minimum is not None else 1.0
    if met:
        extra = rng.choice([0, 0, 1, 1, 2, 3]) if floor < 12 else rng.randint(0, 4)
        return RequirementValue(value=float(int(floor) + extra))
    return RequirementValue(value=float(max(0, int(floor) - rng.randint(1, 2 if floor >= 3 else 1))))


def _requirement_words(req: Requirement, val: RequirementValue, year: int) -> dict[str, str]:
    """Words for the requirement sentences: the requirement, the value, what was needed."""
    fallback = {"count": "实际完成次数", "rate": "实际比率", "duration": "实际天数"}.get(req.kind, "完成时间")
    label = re.sub(r"（[日天]）$", "", req.label.strip()) or fallback
    unit = unit_word(req)
    w = {"req_text": req.text.strip() or req.describe(), "label": label, "req": req.describe(), "u": unit}
    minimum = req.yearly_minimum()
    if val.value is not None:
        w["v"] = _fmt(val.value)
        w["got"] = f"{_fmt(val.value)}{unit}"
    if minimum is not None:
        w["min"] = _fmt(minimum)
        w["need"] = f"{_fmt(minimum)}{unit}"
        if val.value is not None:
            w["gap"] = _fmt(max(0.0, minimum - val.value))
    if req.deadline:
        m, d2 = (int(x) for x in req.deadline.split("-"))
        w["deadline_cn"] = f"{m}月{d2}日"
        w["need"] = f"{m}月{d2}日前完成"
    else:
        w["deadline_cn"] = "规定时限"
    if val.date:
        d = date.fromisoformat(val.date)
        w["date_cn"] = f"{d.month}月{d.day}日"
        w["got"] = f"{d.month}月{d.day}日完成"
    w.setdefault("need", "规定标准")
    w.setdefault("got", "未达到要求")
    w.setdefault("v", w["got"])
    w.setdefault("min", w["need"])
    w.setdefault("gap", "")
    w["year"] = str(year)
    w["next_year"] = str(year + 1)
    return w


@dataclass
class _Duty:
    """One duty to fill: where it stands, its status and its requirement values (set up front)."""

    duty: Node
    path: list[Node]
    status: str = "done"
    values: dict[str, RequirementValue] = field(default_factory=dict)
    unmet: set[str] = field(default_factory=set)  # requirement ids left unmet on purpose


def _fill_duty(job: _Duty, entry: Entry, setting: Setting, year: int, rng: random.Random, walk: _Walk) -> None:
    bank = phrase_bank()
    rep = bank.report
    duty = job.duty
    scale = LEVEL_SCALE.get(setting.level, 1)
    words = dict(setting.words)
    words["year"] = str(year)
    words["next_year"] = str(year + 1)
    topics = duty_topics(duty, job.path)
    filler = Filler(rng, words, scale, walk.facts)
    entry.status = job.status

    if job.status == "na":
        topic = topics[0] if topics and topics[0].na else None
        entry.performance = filler.fill(topic.na if topic else rng.choice(rep["na"]))
        return

    # performance: 1–3 paragraphs from the duty's topics (the best one may give two)
    order = topics if topics else [bank.generic]
    n_par = min(rng.choice([1, 2, 2, 2, 3, 3]), len(order) + 1)
    paragraphs: list[str] = []
    here: set[tuple[str, int]] = set()
    for k in range(n_par + 3):
        if len(paragraphs) >= n_par:
            break
        topic = order[k % len(order)]
        i = _pick(rng, topic, topic.performance, walk.used_perf, walk.facts)
        if i is None and not paragraphs:
            # every template of the topic is used: reuse one (new numbers) rather than go generic
            i = _pick(rng, topic, topic.performance, walk.used_perf, walk.facts, avoid=here)
        if i is None:
            topic = bank.generic
            i = _pick(rng, topic, topic.performance, walk.used_perf, walk.facts)
            if i is None:
                i = _pick(rng, topic, topic.performance, walk.used_perf, walk.facts, avoid=here)
        if i is None:
            continue
        here.add((topic.id, i))
        paragraphs.append(filler.fill(topic.performance[i]))

    # The values go to the report's annex table, not into the prose; an unmet one becomes a problem
    # below, worded as a shortfall.
    unmet_reqs = [(req, job.values[req.id]) for req in duty.requirements if req.id in job.unmet]
    entry.performance = "\n".join(paragraphs)
    entry.values = dict(job.values)

    # problems and improvements: the shortfall first, then a problem of the duty's topic
    problems: list[str] = []
    improvements: list[str] = []
    for req, val in unmet_reqs:
        w = _requirement_words(req, val, year)
        problems.append(_plain(rng.choice(rep["unmet"]["problem"]), w))
        improvements.append(_plain(rng.choice(rep["unmet"]["improvement"]), w))
    want_issue = job.status == "partial" or rng.random() < 0.85
    if want_issue and not (unmet_reqs and rng.random() < 0.5):
        for topic in order + [bank.generic]:
            i = _pick(rng, topic, topic.issues, walk.used_issue)
            if i is not None:
                prob, imp = topic.issues[i]
                problems.append(filler.fill(prob))
                improvements.append(filler.fill(imp))
                break
    entry.problems = "\n".join(problems)
    entry.improvements = "\n".join(improvements)

    # evidence notes, sometimes
    if rng.random() < 0.35:
        for topic in order + [bank.generic]:
            i = _pick(rng, topic, topic.evidence, walk.used_evidence)
            if i is not None:
                entry.evidence = filler.fill(topic.evidence[i])
                break


# --------------------------------------------------------------------------- parts


_ORDINALS = "一二三四五六七八九十"


def _fill_parts(report: Report, setting: Setting, rng: random.Random, facts: Facts) -> None:
    rep = phrase_bank().report
    words = dict(setting.words)
    words["year"] = str(report.year)
    words["next_year"] = str(report.year + 1)
    filler = Filler(rng, words, LEVEL_SCALE.get(setting.level, 1), facts)
    report.parts["opening"] = filler.fill(rng.choice(rep["opening"]))
    report.parts["study"] = _numbered(rng, filler, rep["study"], rng.randint(3, 4))
    report.parts["decisions"] = _numbered(rng, filler, rep["decisions"], rng.randint(3, 4))
    report.parts["next_steps"] = _numbered(rng, filler, rep["next_steps"], rng.randint(3, 5))
    report.parts["rectification"] = ""


def _numbered(rng: random.Random, filler: Filler, pool: dict[str, Any], n: int) -> str:
    """An intro paragraph and then 一是…二是… items, one paragraph each."""
    items = [t for t in pool["items"] if filler.facts.allows(t)]
    chosen = rng.sample(items, min(n, len(items)))
    lines = [filler.fill(rng.choice(pool["intro"]))] if pool.get("intro") else []
    for i, item in enumerate(chosen):
        lines.append(f"{_ORDINALS[i]}是{filler.fill(item)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- entry point


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


def _plan(paths: list[tuple[list[Node], Node]], year: int, rng: random.Random, facts: Facts, level: str) -> list[_Duty]:
    """Decide each duty's status and requirement values before any text is written.

    A long list gets one or two requirements left unmet on purpose and maybe one duty 不涉及
    (only one whose main topic can plausibly not arise in a year: 立法, 复议, 应诉 …); a few
    others are 部分落实. Requirement values bind the report's facts so the text agrees with them.
    """
    jobs = [_Duty(duty=d, path=p) for p, d in paths]
    all_reqs = [(j, r) for j in jobs for r in j.duty.requirements]
    if len(jobs) >= 15 and len(all_reqs) >= 2:
        for j, r in rng.sample(all_reqs, rng.choice([1, 2]) if len(all_reqs) >= 4 else 1):
            j.unmet.add(r.id)
    if len(jobs) >= 20:
        # a topic that no other duty touches, or the 不涉及 text would contradict that duty's text
        matched = [duty_topics(j.duty, j.path) for j in jobs]
        pool = []
        for k, j in enumerate(jobs):
            if j.duty.requirements or not matched[k] or level not in matched[k][0].na_levels:
                continue
            main = matched[k][0].id
            if not any(main in (t.id for t in m) for n, m in enumerate(matched) if n != k):
                pool.append(j)
        if pool:
            rng.choice(pool).status = "na"
    others = [j for j in jobs if not j.unmet and j.status != "na"]
    n_partial = max(1, len(jobs) // 12) if len(jobs) >= 6 else 0
    for j in rng.sample(others, min(n_partial, len(others))):
        j.status = "partial"
    for j in jobs:
        if j.unmet:
            j.status = "partial"
        for r in j.duty.requirements:
            met = r.id not in j.unmet
            val = _requirement_value(r, year, met, rng)
            j.values[r.id] = val
            name = fact_of(r)
            if name and name not in facts.values and val.value is not None:
                facts.values[name] = val.value
                if not met:
                    facts.blocked.add(name)
    return jobs


def make_sample(
    duty_list: DutyList,
    role: str | None = None,
    year: int | None = None,
    seed: int = 0,
    official: Official | None = None,
) -> Report:
    """A fully filled sample report for ``duty_list`` (deterministic for the same inputs)."""
    role = resolve_role(duty_list, role if role is not None else (official.role if official else None))
    year = year if year is not None else default_year()
    rng = random.Random(_seed(duty_list, role, year, seed))
    given = Official.from_dict(official.to_dict()) if official is not None else None
    setting = make_setting(duty_list, role, rng, given)
    setting.official.role = role
    report = Report.new(setting.official, year, duty_list)
    report.id = uuid.UUID(int=rng.getrandbits(128), version=4).hex

    walk = _Walk()
    for job in _plan(report.duty_paths(), year, rng, walk.facts, setting.level):
        _fill_duty(job, report.entry(job.duty.id), setting, year, rng, walk)
    _fill_parts(report, setting, rng, walk.facts)
    if role == "member":
        _as_member(report)
    for entry in report.entries.values():
        entry.updated = report.created
    return report


#: A 班子其他成员 is not the 第一责任人 and does not chair the 常委会: the phrase banks' words for a head,
#: said as a member says them.
MEMBER_WORDS = (
    ("推进法治建设第一责任人职责", "分管领域法治建设职责"),
    ("第一责任人职责", "“一岗双责”"),
    ("主持召开", "参加"),
)


def _as_member(report: Report) -> None:
    def said(text: str) -> str:
        for head, member in MEMBER_WORDS:
            text = text.replace(head, member)
        return text

    report.parts = {k: said(v) for k, v in report.parts.items()}
    for e in report.entries.values():
        e.performance, e.problems, e.improvements = said(e.performance), said(e.problems), said(e.improvements)
