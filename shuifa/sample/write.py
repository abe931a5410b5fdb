"""Writing one sample report: what is decided before any text (statuses, requirement values, which
duties carry the report's 3–5 problems), then the parts, the duties and the carry-over, every number
from the report's one fact sheet."""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..compose.topics import best_topic, duty_topic, fold, topic_data
from ..compose.wording import unit_word
from ..model import CarryOverItem, Entry, Node, Report, Requirement, RequirementValue
from .bank import CarryOver, Issue, Template, Topic, phrase_bank
from .facts import Facts, Filler, fact_names, fmt
from .setting import Setting

_ORDINALS = "一二三四五六七八九十"

# --------------------------------------------------------------------------- topics of a duty


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


@lru_cache(maxsize=8192)
def _duty_topics(text: str, heading: str) -> tuple[str, ...]:
    topics = phrase_bank().topics
    scores: dict[str, float] = {}
    for t, sc in score_topics(text, topics):
        scores[t.id] = sc
    if heading:
        for t, sc in score_topics(heading, topics):
            scores[t.id] = scores.get(t.id, 0.0) + 0.3 * sc
    if not scores:
        return ()
    order = sorted(topics, key=lambda t: -scores.get(t.id, 0.0))
    best = scores[order[0].id]
    return tuple(t.id for t in order if scores.get(t.id, 0.0) >= 0.6 * best)[:3]


def duty_topics(duty: Node, path: list[Node]) -> list[Topic]:
    """The subjects of a duty: read from its own text, its group's heading counting for less."""
    bank = phrase_bank()
    heading = path[-1].title if path and path[-1].title else ""
    return [bank.topic(tid) for tid in _duty_topics(f"{duty.text}{duty.title}", heading)]


@lru_cache(maxsize=16384)
def report_topic(text: str, role: str) -> str | None:
    """The topic of the composed report a text falls under (学法用法, 组织领导 …), None when none."""
    plain = re.sub(r"\{[^{}]*\}", "", text)
    tid = best_topic(plain)
    return fold(tid, role) if tid else None


@lru_cache(maxsize=64)
def subjects_by_topic(role: str) -> dict[str, tuple[str, ...]]:
    """Report topic → the subjects whose 履职 paragraphs mostly fall under it."""
    out: dict[str, list[str]] = {}
    for t in phrase_bank().topics:
        votes: dict[str, int] = {}
        for tpl in t.performance:
            rt = report_topic(tpl.text, role)
            if rt:
                votes[rt] = votes.get(rt, 0) + 1
        if votes:
            out.setdefault(max(votes, key=lambda k: (votes[k], k)), []).append(t.id)
    return {k: tuple(v) for k, v in out.items()}


def fact_of(req: Requirement) -> str | None:
    """The report-level fact a requirement's value binds (by the longest keyword in its text)."""
    best: tuple[int, str] | None = None
    text = f"{req.text}{req.label}"
    for name, keywords in phrase_bank().report["facts"].items():
        for kw in keywords:
            if kw in text and (best is None or len(kw) > best[0]):
                best = (len(kw), name)
    return best[1] if best else None


# --------------------------------------------------------------------------- requirement values


def requirement_value(req: Requirement, year: int, met: bool, rng: random.Random) -> RequirementValue:
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
    floor = minimum if minimum is not None else 1.0
    if met:
        extra = rng.choice([0, 0, 1, 1, 2, 3]) if floor < 12 else rng.randint(0, 4)
        return RequirementValue(value=float(int(floor) + extra))
    return RequirementValue(value=float(max(0, int(floor) - rng.randint(1, 2 if floor >= 3 else 1))))


def requirement_words(req: Requirement, val: RequirementValue, year: int) -> dict[str, str]:
    """Words for the requirement sentences: the requirement, the value, what was needed."""
    fallback = {"count": "实际完成次数", "rate": "实际比率", "duration": "实际天数"}.get(req.kind, "完成时间")
    label = re.sub(r"（[日天]）$", "", req.label.strip()) or fallback
    unit = unit_word(req)
    w = {"req_text": req.text.strip() or req.describe(), "label": label, "u": unit}
    minimum = req.yearly_minimum()
    if val.value is not None:
        w["got"] = f"{fmt(val.value)}{unit}"
    if minimum is not None:
        w["need"] = f"{fmt(minimum)}{unit}"
    if req.deadline:
        m, d2 = (int(x) for x in req.deadline.split("-"))
        w["deadline_cn"] = f"{m}月{d2}日"
        w["need"] = f"{m}月{d2}日前完成"
    else:
        w["deadline_cn"] = "规定时限"
    if val.date:
        d = date.fromisoformat(val.date)
        w["got"] = f"{d.month}月{d.day}日完成"
    w.setdefault("need", "规定标准")
    w.setdefault("got", "未达到要求")
    return w


# --------------------------------------------------------------------------- the plan


@dataclass
class Job:
    """One duty to write: its subjects, the report topic it goes under, and what was decided for it."""

    duty: Node
    path: list[Node]
    topics: list[Topic]
    rtopic: str
    status: str = "done"
    values: dict[str, RequirementValue] = field(default_factory=dict)
    unmet: set[str] = field(default_factory=set)
    problem: bool = False


def plan(report: Report, setting: Setting, rng: random.Random, facts: Facts) -> list[Job]:
    """Statuses, requirement values and the duties that carry a problem, before any text is written.

    A long list gets one or two requirements left unmet on purpose and maybe one duty 不涉及 (only one
    whose main subject can plausibly not arise at the reporter's level, and that no other duty
    touches). The report has 3–5 problems, on as many report topics as it can: the unmet duties', then
    one duty of each further topic; the 部分落实 duties are among them, so every one has its problem.
    Requirement values bind the report's facts so that the text agrees with them.
    """
    role = report.official.role
    list_id = report.duty_list.id
    jobs = [
        Job(duty=d, path=p, topics=duty_topics(d, p), rtopic=duty_topic(list_id, d, p, role)[0])
        for p, d in report.duty_paths()
    ]
    all_reqs = [(j, r) for j in jobs for r in j.duty.requirements]
    # a requirement is left unmet only by a principal head (a member does not answer for the 中心组's
    # or the 常委会's count), and rather one that is missed by a margin than one not done at all (0次)
    if setting.head and len(jobs) >= 15 and len(all_reqs) >= 2:
        fitting = [(j, r) for j, r in all_reqs if _fits_level(r, setting.level)]
        all_reqs = fitting or all_reqs
        partly = [(j, r) for j, r in all_reqs if not _all_or_nothing(r)]
        candidates = partly or all_reqs
        for j, r in rng.sample(candidates, rng.choice([1, 2]) if len(candidates) >= 4 else 1):
            j.unmet.add(r.id)
    na_level = "department" if setting.speaker == "dept" else setting.level
    if len(jobs) >= 20:
        pool = []
        for k, j in enumerate(jobs):
            if j.duty.requirements or j.unmet or not j.topics or na_level not in j.topics[0].na_levels:
                continue
            main = j.topics[0].id
            if not any(main in (t.id for t in other.topics) for n, other in enumerate(jobs) if n != k):
                pool.append(j)
        if pool:
            rng.choice(pool).status = "na"
    _choose_problems(jobs, rng)
    carriers = [j for j in jobs if j.problem and not j.unmet]
    n_partial = max(1, len(jobs) // 12) if len(jobs) >= 6 else 0
    n_partial = max(0, min(n_partial - sum(1 for j in jobs if j.unmet), len(carriers)))
    for j in rng.sample(carriers, n_partial):
        j.status = "partial"
    for j in jobs:
        if j.status == "na":
            continue
        if j.unmet:
            j.status = "partial"
        for r in j.duty.requirements:
            met = r.id not in j.unmet
            val = requirement_value(r, report.year, met, rng)
            j.values[r.id] = val
            name = fact_of(r)
            if name and name not in facts.values and val.value is not None:
                facts.values[name] = val.value
                if not met:
                    facts.blocked.add(name)
    return jobs


#: Bodies a 镇 or a 开发区 does not have: a requirement naming them is not one it misses (its problem would
#: quote 听取本级人大、政府、政协、法院、检察院党组工作汇报 for a 镇党委).
_NOT_LOCAL = re.compile(r"政协|法院|检察院|人大常委会|政法机关|政法单位|立法")


def _fits_level(req: Requirement, level: str) -> bool:
    """False for a requirement that names bodies the reporter's level does not have."""
    return level not in ("township", "zone") or not _NOT_LOCAL.search(f"{req.text}{req.label}")


def _all_or_nothing(req: Requirement) -> bool:
    """A count of one a year: unmet, it is 0 (“0次”), which a sample had better not show."""
    minimum = req.yearly_minimum()
    return req.kind == "count" and (minimum is None or minimum < 2)


def _choose_problems(jobs: list[Job], rng: random.Random) -> None:
    live = [j for j in jobs if j.status != "na"]
    if not live:
        return
    target = min(len(live), rng.choice([3, 4, 4, 5]))
    chosen = [j for j in live if j.unmet]
    for j in chosen:
        j.problem = True
    covered = {j.rtopic for j in chosen}
    by_topic: dict[str, list[Job]] = {}
    for j in live:
        if not j.problem:
            by_topic.setdefault(j.rtopic, []).append(j)
    order = sorted(by_topic)
    rng.shuffle(order)
    for tid in order:
        if len(chosen) >= target:
            break
        if tid in covered:
            continue
        j = rng.choice(by_topic[tid])
        j.problem = True
        chosen.append(j)
        covered.add(tid)
    rest = [j for j in live if not j.problem]
    rng.shuffle(rest)
    for j in rest[: max(0, target - len(chosen))]:
        j.problem = True


# --------------------------------------------------------------------------- the writer


def off_field(setting: Setting) -> tuple[str, ...]:
    """Words a member whose 分管 area does not cover them never writes (``fenguan_words`` in report.json:
    执法案卷, 首违不罚 … for a member who does not 分管 执法)."""
    if setting.speaker != "member":
        return ()
    groups: dict[str, list[str]] = phrase_bank().report.get("fenguan_words", {})
    own = "".join(setting.field_keywords)
    return tuple(w for k, words in groups.items() if k not in own for w in words)


class Writer:
    """Writes one report: keeps what was used so nothing is said twice."""

    def __init__(self, report: Report, setting: Setting, rng: random.Random, facts: Facts) -> None:
        self.report = report
        self.setting = setting
        self.rng = rng
        self.facts = facts
        self.role = report.official.role
        self.bank = phrase_bank()
        self.filler = Filler(rng, setting.words, facts, setting.strong, setting.weak, self.bank.measures)
        self.used: set[str] = set()
        self.long = len(report.duties()) > 30
        self.off_field = off_field(setting)

    # ---- choosing templates

    def _fits(self, t: Template | Issue | CarryOver) -> bool:
        if not t.fits(self.setting.level, self.setting.speaker):
            return False
        if self.off_field:  # a member speaks of their 分管 area only: no 执法案卷 for 组织、宣传和统战
            text = t.text if isinstance(t, (Template, Issue)) else t.problem + t.improvement
            return not any(w in text for w in self.off_field)
        return True

    def _tier(self, text: str, rtopic: str | None) -> int:
        """0: says what its report topic is about and states no fact said before; higher is worse."""
        tier = 0
        if rtopic is not None:
            rt = report_topic(text, self.role)
            if rt is not None and rt != rtopic:
                tier += 1
        if fact_names(text) & self.facts.stated:
            tier += 2  # the same measure said again reads as padding: worse than a neighbouring subject
        return tier

    def _issue_tier(self, issue: Issue, rtopic: str) -> int:
        """0: a problem of a subject that goes under ``rtopic`` (学法 problems for a 学法 duty); 1: another."""
        subject = issue.key.split(".")[0]
        if subject in ("generic", "unmet", "member"):
            return 0
        return 0 if subject in subjects_by_topic(self.role).get(rtopic, ()) else 1

    def _write(
        self,
        pools: list[tuple[Template, ...]],
        rtopic: str | None,
        reuse: bool = False,
        groups: list[int] | None = None,
    ) -> str | None:
        """The first template that fits, written out. Candidates are ranked by their pool's group (a
        duty's own subjects before its topic's other subjects, before anything else), then by tier
        (:meth:`_tier`), then by the pool's place; ties are drawn."""
        groups = groups or [0] * len(pools)
        ranked: list[tuple[int, int, int, float, Template]] = []
        seen: set[str] = set()
        for rank, (group, pool) in enumerate(zip(groups, pools, strict=True)):
            for t in pool:
                if t.key in seen or t.key in self.used or not self._fits(t) or not self.facts.allows(t.text):
                    continue
                seen.add(t.key)
                ranked.append((group, self._tier(t.text, rtopic), rank, self.rng.random(), t))
        ranked.sort(key=lambda x: x[:4])
        for *_, t in ranked:
            text = self.filler.fill(t.text)
            if text is not None:
                self.used.add(t.key)
                return text
        if reuse:  # every template used (a list of hundreds of duties): the same words, the same numbers
            for pool in pools:
                for t in pool:
                    if self._fits(t) and self.facts.allows(t.text):
                        text = self.filler.fill(t.text, repeat=True)
                        if text is not None:
                            return text
        return None

    def _issue(
        self,
        pools: list[tuple[Issue, ...]],
        rtopic: str,
        extra: dict[str, str] | None = None,
        reuse: bool = False,
    ) -> tuple[str, str] | None:
        """A problem (with its cause) and the measure written for it: a subject of ``rtopic`` first."""
        ranked: list[tuple[int, int, float, Issue]] = []
        for rank, pool in enumerate(pools):
            for t in pool:
                if (t.key in self.used and not reuse) or not self._fits(t) or not self.facts.allows(t.text):
                    continue
                ranked.append((self._issue_tier(t, rtopic), rank, self.rng.random(), t))
        ranked.sort(key=lambda x: x[:3])
        words = self.filler.words
        for _, _, _, t in ranked:
            if extra:
                self.filler.words = {**words, **extra}
            try:
                problem = self.filler.fill(t.problem + t.cause, repeat=reuse)
                improvement = self.filler.fill(t.improvement, repeat=reuse) if problem is not None else None
            finally:
                self.filler.words = words
            if problem is not None and improvement is not None:
                self.used.add(t.key)
                return problem, improvement
        return None

    # ---- duties

    def duty(self, job: Job, entry: Entry) -> None:
        entry.status = job.status
        if job.status == "na":
            topic = job.topics[0] if job.topics and job.topics[0].na else None
            text = self.filler.fill(topic.na) if topic else None
            entry.performance = text or self._write([self.bank.na], None, reuse=True) or ""
            return
        pools, groups = self._performance_pools(job)
        if self.long:  # a long list says less per duty: the composition keeps six points a topic anyway
            n_par = self.rng.choice([1, 1, 2])
        elif self.setting.speaker == "member":  # a few duties, said in full
            n_par = self.rng.choice([2, 2, 3])
        else:
            n_par = self.rng.choice([1, 2, 2, 2, 3]) if len(job.topics) > 1 else self.rng.choice([1, 2, 2])
        paragraphs: list[str] = []
        if self.setting.speaker == "member":
            own = self._write([self.bank.member.get(job.rtopic, ())], job.rtopic)
            if own:
                paragraphs.append(own)
        n_own = len(job.topics)
        while len(paragraphs) < n_par:
            k = len(paragraphs)
            # the k-th paragraph from the k-th subject where there is one
            order = list(range(n_own))
            if n_own:
                start = min(k, n_own - 1)
                order = order[start:] + order[:start]
            p = [pools[i] for i in order] + pools[n_own:]
            g = [groups[i] for i in order] + groups[n_own:]
            text = self._write(p, job.rtopic, reuse=not paragraphs, groups=g)
            if text is None:
                break
            paragraphs.append(text)
        entry.performance = "\n".join(paragraphs)
        entry.values = dict(job.values)
        problems: list[str] = []
        improvements: list[str] = []
        if job.problem:
            for req in job.duty.requirements:
                if req.id in job.unmet:
                    pair = self._issue(
                        [self.bank.unmet], job.rtopic, requirement_words(req, job.values[req.id], self.report.year)
                    )
                    if pair:
                        problems.append(pair[0])
                        improvements.append(pair[1])
            if not problems:
                pair = self._issue(self._issue_pools(job), job.rtopic)
                if pair is None and job.status == "partial":  # every problem said (hundreds of duties)
                    pair = self._issue(self._issue_pools(job), job.rtopic, reuse=True)
                if pair:
                    problems.append(pair[0])
                    improvements.append(pair[1])
        entry.problems = "\n".join(problems)
        entry.improvements = "\n".join(improvements)
        if self.rng.random() < 0.35:
            ev = self._write([t.evidence for t in job.topics] or [self.bank.generic.evidence], None)
            if ev:
                entry.evidence = ev

    def _performance_pools(self, job: Job) -> tuple[list[tuple[Template, ...]], list[int]]:
        """The duty's own subjects (group 0), the member's own words and the other subjects of its report
        topic (1), the generic paragraphs (2), then any subject (3)."""
        own = [t.performance for t in job.topics]
        seen = {t.id for t in job.topics}
        near_ids = [tid for tid in subjects_by_topic(self.role).get(job.rtopic, ()) if tid not in seen]
        member = [self.bank.member.get(job.rtopic, ())] if self.setting.speaker == "member" else []
        siblings = [self.bank.topic(tid).performance for tid in near_ids]
        rest = [t.performance for t in self.bank.topics if t.id not in seen and t.id not in near_ids]
        pools = own + member + siblings + [self.bank.generic.performance] + rest
        groups = [0] * len(own) + [1] * (len(member) + len(siblings)) + [2] + [3] * len(rest)
        return pools, groups

    def _issue_pools(self, job: Job) -> list[tuple[Issue, ...]]:
        member = [self.bank.member_issues.get(job.rtopic, ())] if self.setting.speaker == "member" else []
        own = [t.issues for t in job.topics]
        seen = {t.id for t in job.topics}
        siblings = [
            self.bank.topic(tid).issues for tid in subjects_by_topic(self.role).get(job.rtopic, ()) if tid not in seen
        ]
        return member + own + siblings + [self.bank.generic.issues]

    # ---- report parts

    def numbered(self, part: str, n: int) -> str:
        """An intro paragraph, then 一是…二是… items, one paragraph each."""
        pool = self.bank.parts[part]
        lines = []
        intro = self._write([pool["intro"]], None) if pool.get("intro") else None
        if intro:
            lines.append(intro)
        items: list[str] = []
        candidates = [t for t in pool["items"] if self._fits(t)]
        self.rng.shuffle(candidates)
        for t in candidates:
            if len(items) >= n:
                break
            if t.key in self.used or not self.facts.allows(t.text):
                continue
            text = self.filler.fill(t.text)
            if text is not None:
                self.used.add(t.key)
                items.append(text)
        lines += [f"{_ORDINALS[i]}是{text}" for i, text in enumerate(items)]
        return "\n".join(lines)

    def opening(self) -> str:
        return self._write([self.bank.parts["opening"]["items"]], None) or ""

    def next_steps(self, problem_topics: list[str]) -> str:
        """The 下一步 lead-in and one item for each topic of the report's problems."""
        pool = self.bank.parts["next_steps"]
        lines = []
        intro = self._write([pool["intro"]], None)
        if intro:
            lines.append(intro)
        items = []
        for tid in problem_topics:
            text = self._write([self.bank.next_steps.get(tid, ())], tid)
            if text:
                items.append(text)
        lines += [f"{_ORDINALS[i]}是{text}" for i, text in enumerate(items)]
        return "\n".join(lines)

    # ---- last year's problems

    def carry_over(self, rng: random.Random, avoid: str) -> list[CarryOverItem]:
        """Three or four problems of last year's report with what was done about them: most 已整改,
        one sometimes 整改中 with what is done and what is left."""
        pool = [c for c in self.bank.carry_over if self._fits(c)]
        rng.shuffle(pool)
        n = min(len(pool), rng.choice([3, 3, 4]))
        open_one = rng.random() < 0.6
        items: list[CarryOverItem] = []
        for c in pool:
            if len(items) >= n:
                break
            if c.problem[:12] in avoid:
                continue
            state = "in_progress" if open_one and len(items) == n - 1 and c.in_progress else "done"
            notes = c.in_progress if state == "in_progress" else c.done
            note = self._write([notes], None)
            if note is None:
                continue
            items.append(
                CarryOverItem(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                    problem=self.filler.plain(c.problem),
                    improvement=self.filler.plain(c.improvement),
                    state=state,
                    note=note,
                )
            )
        return items

    def rectification_intro(self, items: list[CarryOverItem]) -> str:
        """The lead-in of 上年度问题整改情况: how many problems, how many done."""
        done = sum(1 for i in items if i.state == "done")
        pool = self.bank.parts["rectification"]["intro_done" if done == len(items) else "intro_open"]
        extra = {"carry_n": _cn(len(items)), "carry_done": _cn(done), "carry_open": _cn(len(items) - done)}
        words = self.filler.words
        self.filler.words = {**words, **extra}
        try:
            return self._write([pool], None) or ""
        finally:
            self.filler.words = words


def _cn(n: int) -> str:
    return "两" if n == 2 else (_ORDINALS[n - 1] if 1 <= n <= 10 else str(n))


def numbered_topics(role: str) -> list[str]:
    """The report's topics in the order the composition prints them."""
    return list(topic_data().role(role).topics)


def problem_topics(report: Report, jobs: list[Job]) -> list[str]:
    order = numbered_topics(report.official.role)
    found = {j.rtopic for j in jobs if j.problem and report.entries[j.duty.id].problems}
    return [t for t in order if t in found] + sorted(found - set(order))


__all__ = ["Job", "Writer", "duty_topics", "fact_of", "plan", "problem_topics", "report_topic", "score_topics"]
