"""Fitting the proposal to one kind of document: structure, voice and length budget.

- 书面述法报告: 一、履职情况 in topics (（一）…) of numbered points, 二、上年度问题整改情况, 三、存在的问题和不足
  as headed problems with their causes, 四、下一步工作打算 as one enumeration answering them; the
  requirement values go to the annex table, not into the prose.
- 述职报告述法部分: the same in one section of ≤ 1,500 字: a paragraph per topic, three problems, three measures.
- 现场述法发言稿: an address to the meeting, spoken transitions instead of headings, ≤ 8 minutes.
- 述法提纲: cue words and key figures per topic, one page.
Points are chosen by how much they tell (figures, named documents, the official's own acts) until the
budget is full; the official's pinned points always stay, dropped ones never show, and whatever is
left out is said in ``omitted``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..errors import TemplateError
from ..model import Report, split_paragraphs
from .budgets import KINDS, Budget, budget
from .material import AnnexRow, Material, Point, Problem, propose
from .sentences import figures, first_clause, score, sentences, shorten, skeleton
from .wording import cn_count, cn_number, count_chars, format_date, heading_number, ordinal

SECTION_TITLES: dict[str, str] = {
    "performance": "履职情况",
    "rectification": "上年度问题整改情况",
    "problems": "存在的问题和不足",
    "next_steps": "下一步工作打算",
}
SPEECH_SALUTATION = "各位领导、同志们："
SPEECH_CLOSING = "以上述法，请予评议。"
ANNEX_TITLE = "职责清单落实情况对照表"

#: Headed problems in a written report (DOMAIN: 3–5; the issue: 2–6).
MAX_PROBLEMS = 5
#: Problem statements of one group printed in a written report.
MAX_PROBLEM_TEXTS = 2
#: Measures in 下一步 (one per problem, plus the official's own items on other topics).
MAX_MEASURES = 6
#: Points of one topic (published reports hold 3–6; more reads as the list walked again).
MAX_TOPIC_POINTS = 6
#: Sentences of one point in a written report.
MAX_POINT_SENTENCES = 4
#: Topics, problems and measures in the 述职 section.
SECTION_TOPICS, SECTION_ITEMS = 5, 3
#: Problems and measures spoken in a speech.
SPEECH_ITEMS = 3
#: Cue lines per topic on the outline.
OUTLINE_POINTS = 3

_REPORT_AS_FOLLOWS = re.compile(r"[^。；！!]*?(?:报告|汇报)如下[：:。]?\s*$")
_PARTY_UNIT = re.compile(r"^中共(.+?)(工作)?委员会$")
_GOVERNMENT_UNIT = re.compile(r"^(.+?)人民政府$")
_ZONE_UNIT = re.compile(r"^(.+?)管理委员会$")
#: Places whose party committee is “X委” in a byline (省委, 市委, 县委, 区委 …); others are “X党委”.
_COMMITTEE_PLACES = ("省", "市", "县", "区", "州", "盟", "旗")
_SPOKEN_ORDER = ("第一", "第二", "第三", "第四", "第五", "第六", "第七")


@dataclass
class Block:
    """One printed paragraph: ``level`` 0 is body text, 1–4 a heading; ``key`` names the point or
    problem it shows (for the 成稿 page)."""

    level: int
    text: str
    kind: str
    key: str = ""


@dataclass
class Section:
    key: str
    title: str
    number: str
    level: int
    blocks: list[Block]

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"


@dataclass
class Composition:
    """One document of one kind, composed and fitted to its budget."""

    kind: str
    title: str
    byline: str
    heading: str
    salutation: str
    opening: list[str]
    sections: list[Section]
    closing: list[str]
    signature: dict[str, str]
    annex: list[AnnexRow]
    budget: Budget
    rate: int
    material: Material
    included: set[str] = field(default_factory=set)  # point keys printed
    omitted: list[str] = field(default_factory=list)  # what the budget left out, in Chinese

    @cached_property
    def chars(self) -> int:
        """字数 of the main text (computed once: a composition is not changed after it is made)."""
        return count_chars(self.heading, self.salutation, *self.opening, *self.closing) + sum(
            count_chars(s.heading, *(b.text for b in s.blocks)) for s in self.sections
        )

    @property
    def minutes(self) -> float:
        return round(self.chars / self.rate, 1)

    @property
    def verdict(self) -> str:
        """'' within budget, else the Chinese sentence the app and the CLI show."""
        return self.budget.verdict(self.chars)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def lines(self) -> list[str]:
        """The document as plain text, one paragraph a line (the preview)."""
        out = list(title_lines(self.title))
        if self.byline:
            out.append(self.byline)
        if out:
            out.append("")
        if self.heading:
            out.append(self.heading)
        if self.salutation:
            out.append(self.salutation)
        out += self.opening
        for s in self.sections:
            if s.title:
                out.append(s.heading)
            out += [b.text for b in s.blocks]
        out += self.closing
        if self.annex and self.signature:  # 附件说明 under the text (GB/T 9704 7.3.4)
            out += ["", f"附件：{ANNEX_TITLE}"]
        if self.signature:
            out += ["", self.signature["name"], self.signature["date"]]
        if self.annex:
            out += ["", "附件", ANNEX_TITLE]
            out += [f"{r.duty}｜{r.requirement}｜{r.value}｜{r.met}" for r in self.annex]
        return out


def _made(report: Report, material: Material, kind: str, included: set[str], **parts: Any) -> Composition:
    """A Composition of ``kind`` with its budget, rate and the note of what was left out; ``parts``
    are the document's own fields (title, opening, sections …), empty when not given."""
    fields: dict[str, Any] = {
        "title": "", "byline": "", "heading": "", "salutation": "", "opening": [], "sections": [],
        "closing": [], "signature": {}, "annex": [],
    }  # fmt: skip
    fields.update(parts)
    c = Composition(
        kind=kind,
        budget=budget(kind, report.plan.speaking_rate),
        rate=report.plan.speaking_rate,
        material=material,
        included=included,
        **fields,
    )
    c.omitted = _omitted_note(material, included, kind, report)
    return c


# --------------------------------------------------------------------------- title, byline, date

#: 2号 (22 pt) characters on a 156-mm line.
TITLE_CHARS_PER_LINE = 20
_TITLE_BREAKS = ("法治建设", "第一责任人", "职责", "年度", "关于", "述法")


def title_lines(title: str) -> list[str]:
    """A title as its printed lines: longer than a line, it breaks in two at a word, as evenly as
    possible (GB/T 9704 7.3.1: 回行时词意完整、排列对称)."""
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
                s = abs(first - second)
                if best is None or s < best[0]:
                    best = (s, cut)
            start = title.find(word, start + 1)
    if best is None:
        return [title]
    return [title[: best[1]], title[best[1] :]]


def is_first_responsible(role: str) -> bool:
    """A 班子其他成员 is not the 第一责任人; every principal head is."""
    return role != "member"


def default_title(report: Report, kind: str) -> str:
    y = report.year
    if kind == "shufa-report":
        if is_first_responsible(report.official.role):
            return f"关于{y}年度履行推进法治建设第一责任人职责情况的报告"
        return f"{y}年度述法报告"
    if kind == "speech":
        return f"{y}年度述法发言"
    if kind == "speech-outline":
        return f"{y}年度述法提纲"
    return ""


def section_heading(report: Report) -> str:
    if is_first_responsible(report.official.role):
        return "履行推进法治建设第一责任人职责情况"
    return "履行法治建设职责情况"


def short_unit(unit: str) -> str:
    """The unit as bylines write it: 中共浙江省委员会 → 浙江省委, 中共××镇委员会 → ××镇党委,
    中共××开发区工作委员会 → ××开发区党工委, ××县人民政府 → ××县, ××管理委员会 → ××管委会."""
    unit = unit.strip()
    m = _PARTY_UNIT.match(unit)
    if m:
        place = m.group(1)
        if m.group(2):
            return f"{place}党工委"
        return f"{place}委" if place.endswith(_COMMITTEE_PLACES) else f"{place}党委"
    m = _GOVERNMENT_UNIT.match(unit)
    if m:
        return m.group(1)
    m = _ZONE_UNIT.match(unit)
    return f"{m.group(1)}管委会" if m else unit


def default_byline(report: Report) -> str:
    """“单位职务　姓名” in the short form used in practice: 浙江省委副书记, 牛心坨镇党委书记, 浙江省省长;
    the part of the title the unit already says is not said twice (浙江省委 + 党委副书记)."""
    o = report.official
    unit, title, name = short_unit(o.unit), o.title.strip(), o.name.strip()
    if unit and title.startswith(unit):
        position = title
    elif unit.endswith("委") and title.startswith(("党委", "党工委", "党组")):
        position = unit + re.sub(r"^(党委|党工委|党组)", "", title)
    else:
        position = unit + title
        for k in range(len(title), 1, -1):  # 牛心坨镇党委 + 镇党委书记 → 牛心坨镇党委书记
            if unit.endswith(title[:k]):
                position = unit + title[k:]
                break
    return "　".join(p for p in (position, name) if p)


def report_date(report: Report, today: date | None = None) -> date:
    """The 落款 date: the report's own when set, else ``today``."""
    if report.plan.date:
        try:
            return date.fromisoformat(report.plan.date)
        except ValueError:
            pass
    return today or date.today()


# --------------------------------------------------------------------------- opening


def _opening(report: Report, kind: str, has_body: bool) -> list[str]:
    year = report.year
    paras = split_paragraphs(report.parts.get("opening", ""))
    unit = short_unit(report.official.unit) or "本单位"
    duty = "推进法治建设第一责任人职责" if is_first_responsible(report.official.role) else "法治建设“一岗双责”"
    if not paras:
        paras = [f"{year}年，本人深入学习贯彻习近平法治思想，认真履行{duty}，推动{unit}法治建设各项工作取得新成效。"]
    if kind == "speech":
        ending = f"下面，我就{year}年度述法工作情况作简要汇报。"
    elif kind == "shuzhi-section":
        ending = "具体情况如下："
    else:
        ending = f"现将本人{year}年度述法工作情况报告如下："
    last = _REPORT_AS_FOLLOWS.sub("", paras[-1]).rstrip()
    paras = paras[:-1] + ([last] if last else [])
    if kind in ("speech", "shuzhi-section"):
        paras = paras[:1]  # one opening paragraph where time and space are short
    if not has_body:
        return paras or [f"{year}年，本人认真履行{duty}。"]
    if paras:
        paras[-1] += ending
    else:
        paras = [ending]
    return paras


# --------------------------------------------------------------------------- choosing sentences


def _dedupe(material: Material) -> None:
    """No sentence printed twice, nor twice with other numbers: the first one stays."""
    seen: set[str] = set()

    def keep(items: list[str]) -> list[str]:
        out = []
        for s in items:
            k = skeleton(s)
            if len(k) < 8 or k not in seen:
                seen.add(k)
                out.append(s)
        return out

    for t in material.topics:
        for p in t.points:
            p.sentences = keep(p.sentences)
    for pr in material.problems:
        pr.texts = keep(pr.texts)
        pr.measures = keep(pr.measures)


def without_lead(lead: str, said: list[str]) -> str:
    """The chosen sentences, the first one's opening clause dropped when it only repeats the lead
    (“带头讲法治课。坚持带头讲法治课，全年…” → “带头讲法治课。全年…”)."""
    body = "".join(said)
    lead = lead.rstrip("。；，")
    m = re.match(r"([^，。；]+)，", body)
    if not (lead and m) or re.search(r"\d", m.group(1)):  # a clause with a figure is a fact, never dropped
        return body
    clause = m.group(1)
    repeats = lead in clause or clause in lead
    if repeats and count_chars(clause) - count_chars(lead) <= 4 and count_chars(body) - count_chars(clause) >= 8:
        return body[m.end() :]
    return body


def _point_text(p: Point, chosen: list[str], numbered: int | None) -> str:
    lead = p.lead.rstrip("。；，")
    body = without_lead(lead, chosen)
    prefix = ordinal(numbered) if numbered else ""
    return f"{prefix}{lead}。{body}" if lead else f"{prefix}{body}"


def _spoken_points(pts: list[Point], chosen: dict[str, list[str]]) -> str:
    """Points said in one breath: the official's chosen sentences; the leads are for readers of the
    written report, a speaker goes straight to the facts."""
    return "".join("".join(chosen[p.key]) for p in pts if chosen.get(p.key))


def _fit_points(
    topics: list[tuple[str, list[Point]]], avail: int, pinned: set[str], max_sentences: int
) -> dict[str, list[str]]:
    """Sentences chosen per point key so that leads + sentences fit ``avail`` 字: every kept point
    gets its lead and best sentence; then the best remaining sentences by score; points of least
    weight go first when even that does not fit (a topic keeps at least one)."""
    chosen: dict[str, list[int]] = {}
    cost = 0
    points = [p for _, ps in topics for p in ps]
    for p in points:
        if not p.sentences:
            chosen[p.key] = []
            cost += count_chars(p.lead)
            continue
        best = max(range(len(p.sentences)), key=lambda i: (score(p.sentences[i]), -i))
        chosen[p.key] = [best]
        cost += count_chars(p.lead, p.sentences[best])
    if cost > avail:
        per_topic = {tid: len(ps) for tid, ps in topics}
        topic_of = {p.key: tid for tid, ps in topics for p in ps}
        for p in sorted(points, key=lambda p: p.score):
            if cost <= avail:
                break
            if p.key in pinned or per_topic[topic_of[p.key]] <= 1:
                continue
            cost -= count_chars(p.lead, *(p.sentences[i] for i in chosen[p.key]))
            del chosen[p.key]
            per_topic[topic_of[p.key]] -= 1
    extra = [
        (p.key in pinned, score(s), -i, p.key, i)
        for p in points
        if p.key in chosen
        for i, s in enumerate(p.sentences)
        if i not in chosen[p.key]
    ]
    extra.sort(reverse=True)
    by_key = {p.key: p for p in points}
    for is_pinned, _, _, key, i in extra:
        c = count_chars(by_key[key].sentences[i])
        if len(chosen[key]) >= max_sentences and not is_pinned:
            continue
        if cost + c <= avail:
            chosen[key].append(i)
            cost += c
    return {k: [by_key[k].sentences[i] for i in sorted(v)] for k, v in chosen.items()}


def _topic_candidates(material: Material, report: Report, kind: str) -> list[tuple[str, list[Point], list[Point]]]:
    """Per topic: the points that may go into ``kind`` (not dropped, with something to say, at most
    MAX_TOPIC_POINTS — the most telling, pinned ones always) and those the cap left out."""
    choices = report.plan.kinds.get(kind)
    dropped = set(choices.dropped) if choices else set()
    pinned = set(choices.pinned) if choices else set()
    out = []
    for t in material.topics:
        pts = [p for p in t.points if p.key not in dropped and (p.sentences or p.key in pinned)]
        capped: list[Point] = []
        if len(pts) > MAX_TOPIC_POINTS:
            keep = {p.key for p in sorted(pts, key=lambda p: (p.key not in pinned, -p.score))[:MAX_TOPIC_POINTS]}
            capped = [p for p in pts if p.key not in keep]
            pts = [p for p in pts if p.key in keep]
        out.append((t.id, pts, capped))
    return out


def _kind_points(material: Material, report: Report, kind: str) -> list[tuple[str, list[Point]]]:
    return [(tid, pts) for tid, pts, _ in _topic_candidates(material, report, kind)]


def _names(points: list[Point]) -> str:
    return "、".join(p.lead for p in points[:3]) + ("等" if len(points) > 3 else "")


def _omitted_note(material: Material, included: set[str], kind: str, report: Report) -> list[str]:
    """What was left out of ``kind`` and why (what the official dropped is not repeated to them)."""
    capped: list[Point] = []
    budget_left: list[Point] = []
    for _, pts, cut in _topic_candidates(material, report, kind):
        budget_left += [p for p in pts if p.key not in included]
        if kind == "shufa-report":
            capped += cut
        else:  # the shorter kinds choose among all points by the budget alone
            budget_left += cut
    notes = []
    if budget_left:
        notes.append(
            f"{KINDS[kind]}篇幅所限，{len(budget_left)}个要点未写入（{_names(budget_left)}），"
            "可在成稿页固定要紧的要点，或删去、合并其他要点。"
        )
    if capped:
        notes.append(
            f"每个方面最多写{MAX_TOPIC_POINTS}个要点，{len(capped)}个要点未写入（{_names(capped)}），"
            "可合并到同一方面的其他要点，或移到别的方面。"
        )
    return notes


# --------------------------------------------------------------------------- problems and measures


def _problem_items(material: Material, limit: int) -> list[Problem]:
    """The headed problems to print: the weightiest groups, in topic order; a lone group with several
    statements is split so that a report has at least two."""
    groups = [p for p in material.problems if p.texts]
    chosen = sorted(groups, key=lambda g: -g.weight)[:limit]
    order = {t.id: i for i, t in enumerate(material.topics)}
    chosen.sort(key=lambda g: order.get(g.key, len(order)))
    if len(chosen) == 1 and len(chosen[0].texts) >= 2:
        chosen = _split(chosen[0], limit)
    return chosen


#: Causes for the second and later statements of one split group (one cause printed once each).
SPLIT_CAUSES = (
    "根子上还是本人抓落实的韧劲不足，跟踪问效不够。",
    "这与本人对薄弱环节研究不深、推动不力有直接关系。",
    "主要是本人思想上重视不够，督促检查还不够经常。",
)


def _split(g: Problem, limit: int) -> list[Problem]:
    """A lone group with several statements as several headed problems, each with a cause of its own;
    its measures stay with the first, so no measure lead is said twice."""
    first = Problem(
        g.key, g.head, g.texts[:1], g.cause, g.measure_lead, g.measures, g.sources, g.weight, g.proposed_cause,
        g.own_measures,
    )  # fmt: skip
    out = [first]
    for n, t in enumerate(g.texts[1:limit], start=1):
        plain = re.sub('[“”‘’"《》]', "", t)
        head = first_clause(plain, 18) or shorten(plain, 18)
        cause = SPLIT_CAUSES[(n - 1) % len(SPLIT_CAUSES)]
        out.append(Problem(f"{g.key}#{n}", head, [t], "", "", [], [], 0.0, cause))
    return out


def _measure_problems(material: Material, problems: list[Problem], limit: int) -> list[Problem]:
    """Measures: one per printed problem, then the official's own 下一步 items on topics whose problem
    is not printed, then their items on topics without problems."""
    out = [p for p in problems if p.measures or p.own_measures or p.measure_lead]
    shown = {p.key for p in out}
    out += [p for p in material.problems if p.own_measures and p.key not in shown and not p.key.startswith("next:")]
    out += [p for p in material.problems if p.key.startswith("next:")]
    return out[:limit]


def _best(items: list[str], n: int) -> list[str]:
    """The ``n`` most telling of ``items``, in their order."""
    keep = sorted(range(len(items)), key=lambda i: (-score(items[i]), i))[:n]
    return [items[i] for i in sorted(keep)]


def _problem_body(p: Problem, texts: int) -> str:
    printed = p.texts[:texts]
    return "".join(_as_sentence(t) for t in printed) + p.cause_for(printed)


def _measure_body(p: Problem, n: int) -> str:
    """The most concrete of the per-duty measures answering the problem, then the official's own 下一步
    items on its topic, whole (``n`` sentences in all where the official wrote fewer)."""
    own = "".join(_as_sentence(m) for m in p.own_measures)
    parts = [s for m in p.measures for s in sentences(m)]
    parts = [s for s in parts if not (p.measure_lead and s.startswith(p.measure_lead))]
    return "".join(_best(parts, max(1, n - len(p.own_measures)))) + own


def _measure_text(p: Problem, n: int, number: int | None) -> str:
    lead = p.measure_lead.rstrip("。")
    prefix = ordinal(number) if number else ""
    body = _measure_body(p, n)
    return f"{prefix}{lead}。{body}" if lead else f"{prefix}{body}"


def _first_sentence(text: str) -> str:
    said = sentences(text)
    return said[0] if said else ""


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？")) else text.rstrip("；;，,") + "。"


# --------------------------------------------------------------------------- rectification


def _rect_paragraphs(material: Material, compact: bool) -> list[str]:
    items = material.rect_items
    if compact:
        if not items:
            return []
        done = sum(1 for i in items if i.state == "已整改到位")
        rest = len(items) - done
        text = f"对上年度述法查摆的{cn_count(len(items))}个问题，逐项明确措施、压实责任，"
        text += f"已整改到位{cn_count(done)}个" if done else ""
        text += ("，" if done else "") + f"正在整改{cn_count(rest)}个、持续推进" if rest else ""
        return [text.rstrip("，") + "。"]
    out = list(material.rect_intro)
    many = len(items) > 1
    for n, item in enumerate(items, start=1):
        head = f"关于“{item.name}”的问题"
        head += f"，{item.state}。" if item.state else "。"
        out.append((ordinal(n) if many else "") + head + item.text)
    return out


# --------------------------------------------------------------------------- kinds


def _written(report: Report, material: Material, kind: str, today: date | None) -> Composition:
    b = budget(kind, report.plan.speaking_rate)
    pinned = set(report.plan.choices(kind).pinned) if kind in report.plan.kinds else set()
    problems, measures, rect, opening = _frame(report, material, kind, (MAX_PROBLEMS, MAX_MEASURES), compact=False)

    prob_blocks: list[Block] = []
    for n, p in enumerate(problems, start=1):
        prob_blocks.append(Block(2, heading_number(2, n) + p.head.rstrip("。"), "problem", p.key))
        prob_blocks.append(Block(0, _problem_body(p, MAX_PROBLEM_TEXTS), "problem", p.key))
    meas_blocks = [Block(0, "".join(material.next_intro), "intro")] if material.next_intro else []
    many = len(measures) > 1
    for n, p in enumerate(measures, start=1):
        meas_blocks.append(Block(0, _measure_text(p, 2, n if many else None), "measure", p.key))

    fixed = count_chars(*opening, *rect, *(x.text for x in prob_blocks + meas_blocks))
    fixed += sum(count_chars(t) for t in SECTION_TITLES.values())
    topics = _kind_points(material, report, kind)
    intros = {t.id: t.intro for t in material.topics}
    fixed += sum(count_chars(t.heading, *t.intro) for t in material.topics)
    chosen = _fit_points(topics, b.fill - fixed, pinned, MAX_POINT_SENTENCES)

    perf: list[Block] = []
    n_topic = 0
    headings = {t.id: t.heading for t in material.topics}
    for tid, pts in topics:
        kept = [pt for pt in pts if pt.key in chosen]
        if not kept and not intros[tid]:
            continue
        n_topic += 1
        perf.append(Block(2, heading_number(2, n_topic) + headings[tid], "topic", tid))
        perf += [Block(0, t, "intro", tid) for t in intros[tid]]
        many = len(kept) > 1
        for n, pt in enumerate(kept, start=1):
            perf.append(Block(0, _point_text(pt, chosen[pt.key], n if many else None), "point", pt.key))

    sections = _parts(1, perf, rect, prob_blocks, meas_blocks)
    c = _made(
        report,
        material,
        kind,
        set(chosen),
        title=report.plan.title.strip() or default_title(report, kind),
        byline=report.plan.byline.strip() or default_byline(report),
        opening=opening,
        sections=sections,
        signature={"name": report.official.name.strip(), "date": format_date(report_date(report, today))},
        annex=material.annex if report.plan.annex else [],
    )
    if len([p for p in material.problems if p.texts]) > len(problems):
        c.omitted.append(f"问题较多，只写入了{len(problems)}个方面，其余可在成稿页合并。")
    return c


def _parts(
    level: int, perf: list[Block], rect: list[str], problems: list[Block], measures: list[Block]
) -> list[Section]:
    """The four parts of a report at heading ``level``, numbered as they appear (an empty one is left out)."""
    sections: list[Section] = []
    for key, blocks in (
        ("performance", perf),
        ("rectification", [Block(0, t, "rect") for t in rect]),
        ("problems", problems),
        ("next_steps", measures),
    ):
        if blocks:
            sections.append(Section(key, SECTION_TITLES[key], heading_number(level, len(sections) + 1), level, blocks))
    return sections


def _frame(
    report: Report, material: Material, kind: str, limits: tuple[int, int], *, compact: bool
) -> tuple[list[Problem], list[Problem], list[str], list[str]]:
    """What every kind is built around: the problems and measures it prints (at most ``limits``), the
    rectification paragraphs and the opening (which announces a body only when there is one)."""
    problems = _problem_items(material, limits[0])
    measures = _measure_problems(material, problems, limits[1])
    rect = _rect_paragraphs(material, compact=compact)
    has_body = any(t.points for t in material.topics) or bool(problems or measures or rect)
    return problems, measures, rect, _opening(report, kind, has_body)


def _topic_paragraphs(
    report: Report, material: Material, kind: str, avail: int, limit: int
) -> tuple[list[tuple[str, str, list[Point]]], dict[str, list[str]]]:
    """The weightiest ``limit`` topics, each with its points fitted to ``avail`` 字 (one sentence a point
    at first, more when there is room)."""
    pinned = set(report.plan.choices(kind).pinned) if kind in report.plan.kinds else set()
    topics = [(tid, pts) for tid, pts in _kind_points(material, report, kind) if pts]
    weight = {tid: sum(sorted((p.score for p in pts), reverse=True)[:3]) for tid, pts in topics}
    keep = sorted(topics, key=lambda t: -weight[t[0]])[:limit]
    order = [tid for tid, _ in topics]
    keep.sort(key=lambda t: order.index(t[0]))
    heads = {t.id: t.heading for t in material.topics}
    chosen = _fit_points(keep, avail, pinned, 2)
    return [(tid, heads[tid], [p for p in pts if p.key in chosen]) for tid, pts in keep], chosen


def _topic_lead(heading: str) -> str:
    return first_clause(heading, 16) or shorten(heading, 16)


def _section(report: Report, material: Material, today: date | None) -> Composition:
    kind = "shuzhi-section"
    b = budget(kind, report.plan.speaking_rate)
    problems, measures, rect, opening = _frame(report, material, kind, (SECTION_ITEMS, SECTION_ITEMS), compact=True)
    many = len(problems) > 1
    prob = [
        Block(0, f"{ordinal(n) if many else ''}{p.head.rstrip('。')}。{_problem_body(p, 1)}", "problem", p.key)
        for n, p in enumerate(problems, start=1)
    ]
    many = len(measures) > 1
    meas = [
        Block(0, _measure_text(p, 1, n if many else None), "measure", p.key) for n, p in enumerate(measures, start=1)
    ]
    heading = section_heading(report)
    fixed = count_chars(heading, *opening, *rect, *(x.text for x in prob + meas), *SECTION_TITLES.values())
    topics, chosen = _topic_paragraphs(report, material, kind, b.fill - fixed - 12 * SECTION_TOPICS, SECTION_TOPICS)
    perf: list[Block] = []
    many = len(topics) > 1
    for n, (_, head, pts) in enumerate(topics, start=1):
        body = _spoken_points(pts, chosen)
        perf.append(Block(0, f"{ordinal(n) if many else ''}{_topic_lead(head)}。{body}", "topic", topics[n - 1][0]))
    sections = _parts(2, perf, rect, prob, meas)
    return _made(report, material, kind, set(chosen), heading=heading, opening=opening, sections=sections)


def _speech(report: Report, material: Material, today: date | None) -> Composition:
    kind = "speech"
    b = budget(kind, report.plan.speaking_rate)
    problems, measures, rect, opening = _frame(report, material, kind, (SPEECH_ITEMS, SPEECH_ITEMS), compact=True)
    body: list[Block] = []
    prob_text = ""
    if problems:
        heads = "；".join(f"{ordinal(n)}{p.head.rstrip('。')}" for n, p in enumerate(problems, start=1))
        prob_text = f"在看到成绩的同时，我也清醒地认识到，工作中还存在一些差距和不足：{heads}。"
        if any(p.cause_for(p.texts[:1]) for p in problems):
            prob_text += "这些问题，既有客观因素，更有本人思想认识和督促落实上的原因。"
    meas_text = ""
    if measures:
        items = []
        for n, p in enumerate(measures, start=1):
            first = _first_sentence(_measure_body(p, 1)).rstrip("。")
            lead = p.measure_lead.rstrip("。")
            items.append(ordinal(n) + "，".join(x for x in (lead, first) if x))
        meas_text = "下一步，我将坚持问题导向，重点抓好以下几项工作：" + "；".join(items) + "。"
    fixed = count_chars(SPEECH_SALUTATION, *opening, *rect, prob_text, meas_text, SPEECH_CLOSING)
    topics, chosen = _topic_paragraphs(report, material, kind, b.fill - fixed - 16 * len(material.topics), 7)
    for n, (tid, head, pts) in enumerate(topics):
        said = _spoken_points(pts, chosen)
        order = _SPOKEN_ORDER[n] if n < len(_SPOKEN_ORDER) else f"第{cn_number(n + 1)}"
        body.append(Block(0, f"{order}，{_topic_lead(head)}。{said}", "topic", tid))
    if rect:
        body.append(Block(0, rect[0], "rect"))
    if prob_text:
        body.append(Block(0, prob_text, "problem"))
    if meas_text:
        body.append(Block(0, meas_text, "measure"))
    return _made(
        report,
        material,
        kind,
        set(chosen),
        title=default_title(report, kind),
        byline=report.plan.byline.strip() or default_byline(report),
        salutation=SPEECH_SALUTATION,
        opening=opening,
        sections=[Section("performance", "", "", 1, body)],
        closing=[SPEECH_CLOSING],
    )


def _outline(report: Report, material: Material, today: date | None) -> Composition:
    kind = "speech-outline"
    b = budget(kind, report.plan.speaking_rate)
    dropped = set(report.plan.choices(kind).dropped) if kind in report.plan.kinds else set()
    sections: list[Section] = []
    included: set[str] = set()
    used = 0
    for t in material.topics:
        pts = [p for p in t.points if p.key not in dropped]
        cues = []
        for p in sorted(pts, key=lambda p: -p.score):
            figs = [f for s in sorted(p.sentences, key=score, reverse=True) for f in figures(s, 2)][:2]
            if not figs:
                continue
            lead = p.lead.rstrip("。")
            cues.append((p, "，".join(figs) if lead in figs[0] else f"{lead}：{'，'.join(figs)}"))
            if len(cues) >= OUTLINE_POINTS:
                break
        if not cues:
            cues = [(p, p.lead) for p in pts[:1]]
        order = {p.key: i for i, p in enumerate(pts)}
        cues.sort(key=lambda c: order[c[0].key])
        cost = count_chars(t.topic.short, *(c for _, c in cues))
        if used + cost > b.fill * 0.75:
            continue
        used += cost
        included |= {p.key for p, _ in cues}
        sections.append(
            Section(
                f"topic:{t.id}",
                t.topic.short,
                heading_number(1, len(sections) + 1),
                1,
                [Block(0, f"{n}.{c}", "point", p.key) for n, (p, c) in enumerate(cues, start=1)],
            )
        )
    problems = _problem_items(material, SPEECH_ITEMS)
    measures = _measure_problems(material, problems, SPEECH_ITEMS)
    for part, title, block_kind, lines in (
        ("problems", "问题", "problem", [(p.key, p.head) for p in problems]),
        ("next_steps", "打算", "measure", [(p.key, p.measure_lead) for p in measures]),
    ):
        if lines:
            said = [Block(0, f"{n}.{text.rstrip('。')}", block_kind, k) for n, (k, text) in enumerate(lines, start=1)]
            sections.append(Section(part, title, heading_number(1, len(sections) + 1), 1, said))
    opening = [f"开场：{SPEECH_SALUTATION.rstrip('：')}，{report.year}年度述法工作情况汇报如下。"] if sections else []
    return _made(
        report,
        material,
        kind,
        included,
        title=default_title(report, kind),
        byline=report.plan.byline.strip() or default_byline(report),
        opening=opening,
        sections=sections,
        closing=[f"结束：{SPEECH_CLOSING}"] if sections else [],
    )


def compose(report: Report, kind: str, *, today: date | None = None, material: Material | None = None) -> Composition:
    """The report composed as a document of ``kind`` (one of :data:`KINDS`)."""
    if kind not in KINDS:
        raise TemplateError(f"没有“{kind}”这种报告类型。", hint="可用的类型：" + "、".join(KINDS))
    if material is None:
        material = propose(report)
        _dedupe(material)
    if kind == "shufa-report":
        return _written(report, material, kind, today)
    if kind == "shuzhi-section":
        return _section(report, material, today)
    if kind == "speech":
        return _speech(report, material, today)
    return _outline(report, material, today)


def prepare(report: Report) -> Material:
    """The proposal, once, for composing several kinds in a row (``compose(…, material=…)``)."""
    material = propose(report)
    _dedupe(material)
    return material


__all__ = ["Block", "Composition", "Section", "compose", "default_byline", "default_title", "prepare", "title_lines"]
