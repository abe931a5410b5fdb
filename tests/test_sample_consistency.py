"""A sample a reviewer would accept, for every built-in list and role: one fact sheet (a measure has one
figure wherever it is said), no sentence twice, facts that fit the level and the role, the official's own
voice, 3–5 problems with measures that answer them, last year's problems accounted for — and every sample
passes the 体检 (``shuifa check --strict``).

The figure helpers here are used by ``tests/test_sample.py`` too."""

from __future__ import annotations

import re
import time
from functools import lru_cache

import pytest

from shuifa.compose.material import SUBJECTIVE
from shuifa.lists import builtin_ids, load_builtin
from shuifa.model import REPORTER_ROLES, Report, split_paragraphs
from shuifa.sample import make_sample, phrase_bank, report_topic

# --------------------------------------------------------------------------- figures a report states

_CLAUSES = re.compile(r"[，。；：,;:！？、\n]")
_SENTENCES = re.compile(r"[。；！？\n]")
_TIME = re.compile(r"^(?:全年|本年度|今年|年内|\d{4}年(?:度)?)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: Clauses that state a plan, a comparison or a part, not the year's figure.
_NOT_A_FIGURE = re.compile(r"不少于|至少|以上|每季度|每半年|每月|每年|其中|同比|由|提高到|累计|比上年|较上年|人均")
#: Measures a reader compares across a report even when the words around them differ (the issue's
#: 会前学法11次 / 学习法律法规30部 vs 15部, 交流发言3次 vs 4次, 合法性审查55件 vs 40件): (name, unit).
NOUNS: tuple[tuple[str, str], ...] = (
    ("会前学法", "次"),
    ("专题学法", "次"),
    ("交流发言", "次"),
    ("法律法规", "部"),
    ("学习体会", "篇"),
    ("学法", "学时"),
    ("法治专题讲座", "期"),
    ("法治课", "次"),
    ("旁听", "次"),
    ("合法性审查", "件"),
    ("法律顾问", "名"),
    ("出庭应诉", "次"),
    ("检察建议", "件"),
    ("司法建议", "件"),
    ("批示", "件次"),
    ("法治建设督察", "次"),
    ("巡察", "轮"),
    ("法治建设工作汇报", "次"),
    ("重大事项", "项"),
    ("法律意见书", "份"),
    ("法治工作人员", "名"),
)
_NOUN_RES = tuple(
    (noun, unit, re.compile(re.escape(noun) + r"[\u4e00-\u9fff、]{0,8}?(\d+(?:\.\d+)?)" + re.escape(unit)))
    for noun, unit in NOUNS
)


def report_texts(report: Report) -> list[tuple[str, str]]:
    """(place, text) of everything the sample wrote."""
    out = [(f"part:{k}", v) for k, v in report.parts.items() if v]
    for d in report.duties():
        e = report.entries[d.id]
        out += [(d.id, t) for t in (e.performance, e.problems, e.improvements, e.evidence) if t]
    out += [("carry", c.note) for c in report.carry_over]
    return out


def stated_figures(report: Report) -> list[tuple[str, str, str]]:
    """(what, value, place) for every figure the report states about a measure: a clause naming a measure
    (its numbers blanked is *what*), and a known measure with its unit however it is worded."""
    measures = phrase_bank().measures
    out = []
    for place, text in report_texts(report):
        for clause in _CLAUSES.split(text):
            c = _TIME.sub("", clause.strip())
            if not c or _NOT_A_FIGURE.search(c) or not _NUMBER.search(c):
                continue
            if any(m in c for m in measures):
                out.append((_NUMBER.sub("#", c), " ".join(_NUMBER.findall(c)), place))
        for sentence in re.split(r"[。；\n]", text):
            for part in re.split(r"[，：]", sentence):
                if _NOT_A_FIGURE.search(part):
                    continue
                for noun, unit, rx in _NOUN_RES:
                    for m in rx.finditer(part):
                        out.append((f"{noun}…{unit}", m.group(1), place))
    return out


def disagreements(report: Report) -> list[str]:
    """Measures stated with two values in one report."""
    first: dict[str, tuple[str, str]] = {}
    out = []
    for what, value, place in stated_figures(report):
        seen = first.setdefault(what, (value, place))
        if seen[0] != value:
            out.append(f"{what}: {seen[0]} ({seen[1]}) / {value} ({place})")
    return out


def repeated_skeletons(report: Report) -> list[str]:
    """Sentences (20 字 or more) said twice, or twice with other numbers."""
    seen: dict[str, str] = {}
    out = []
    for _, text in report_texts(report):
        for s in _SENTENCES.split(text):
            s = re.sub(r"^[一二三四五六七八九十]+是", "", s.strip())
            if len(re.findall(r"[\u4e00-\u9fff0-9]", s)) < 20:
                continue
            k = _NUMBER.sub("#", s)
            if k in seen:
                out.append(f"{seen[k][:30]} / {s[:30]}")
            seen[k] = s
    return out


# --------------------------------------------------------------------------- the samples

LISTS = builtin_ids()
SEEDS = (0, 1, 2)


@lru_cache(maxsize=256)
def sample(list_id: str, role: str, seed: int = 0, last_year: bool = False) -> Report:
    return make_sample(load_builtin(list_id), role=role, year=2026, seed=seed, with_last_year=last_year)


@pytest.mark.parametrize("list_id", LISTS)
@pytest.mark.parametrize("role", REPORTER_ROLES)
def test_one_fact_sheet_and_no_sentence_twice(list_id: str, role: str) -> None:
    for seed in SEEDS:
        report = sample(list_id, role, seed, True)
        assert disagreements(report) == [], (seed, disagreements(report))
        assert repeated_skeletons(report) == [], (seed, repeated_skeletons(report))


@pytest.mark.parametrize("list_id", LISTS)
@pytest.mark.parametrize("role", REPORTER_ROLES)
def test_every_sample_passes_the_checkup(list_id: str, role: str) -> None:
    checkup = pytest.importorskip("shuifa.checkup")
    for seed in SEEDS:
        for last_year in (False, True):
            findings = checkup.check(sample(list_id, role, seed, last_year))
            assert findings == [], [(f.code.value, f.message) for f in findings]


def _all_text(report: Report) -> str:
    return "\n".join(t for _, t in report_texts(report))


@pytest.mark.parametrize("list_id", LISTS)
def test_facts_fit_the_level(list_id: str) -> None:
    for seed in SEEDS:
        for role in REPORTER_ROLES:
            report = sample(list_id, role, seed)
            text = re.sub(r"“[^”]*”", "", _all_text(report))  # the list's own words, quoted, aside
            town = report.official.unit.endswith(
                ("镇委员会", "乡委员会", "镇人民政府", "乡人民政府", "街道工作委员会", "街道办事处")
            ) or (list_id == "niuxintuo-town-2023")
            if town:
                assert "政协" not in text, (role, seed)
                assert not re.search(r"法院、检察院党组|检察院党组工作汇报", text), (role, seed)
                assert "常委会会议" not in text, (role, seed)
            if list_id == "anshan-gaoxin-2023" and role != "township":
                assert "人大常委会" not in text and "政协" not in text, (role, seed)


def _strong_figure(report: Report, what: str) -> int | None:
    for t in (t for _, t in report_texts(report)):
        m = re.search(what, t)
        if m:
            return int(m.group(1))
    return None


def test_a_province_counts_in_other_orders_of_magnitude_than_a_town() -> None:
    import random

    from shuifa.sample import Facts, Filler

    town = Filler(random.Random(1), {}, Facts(), *_scale("niuxintuo-town-2023", "party"))
    province = Filler(random.Random(1), {}, Facts(), *_scale("zhejiang-province-2018", "party"))
    assert town.fill("{=60-160s}") is not None
    small = [int(town.fill("受众{=5000-15000s}人次").removeprefix("受众").removesuffix("人次")) for _ in range(20)]
    large = [int(province.fill("受众{=5000-15000s}人次").removeprefix("受众").removesuffix("人次")) for _ in range(20)]
    assert max(small) < 20000 <= min(large) / 10
    # and in the reports themselves: 普法 受众, 矛盾纠纷, 执法案件 where both state them
    for pattern in (r"受众(\d+)人次", r"排查矛盾纠纷(\d+)件", r"行政执法案件(\d+)件", r"参学(\d+)人次"):
        a = _strong_figure(sample("niuxintuo-town-2023", "government"), pattern)
        b = _strong_figure(sample("zhejiang-province-2018", "government"), pattern)
        if a is not None and b is not None:
            assert b >= 10 * a, pattern


def _scale(list_id: str, role: str) -> tuple[float, float]:
    import random

    from shuifa.sample import make_setting

    s = make_setting(load_builtin(list_id), role, random.Random(0), None, 2026)
    return s.strong, s.weak


@pytest.mark.parametrize("list_id", LISTS)
def test_a_member_neither_chairs_nor_is_the_first_responsible(list_id: str) -> None:
    for seed in SEEDS:
        report = sample(list_id, "member", seed, True)
        text = _all_text(report)
        assert "第一责任人" not in text.replace(report.duty_list.title, "")
        assert not re.search(r"主持(召开)?[^，。；]{0,8}(常委会|党委会议|党工委会议|常务会议|办公会议)", text), seed
        assert "“一岗双责”" in text or "分管" in text
        assert report.official.title.startswith("副")
        topics = {report_topic(f"{d.title}{d.text}", "member") for d in report.duties()}
        # 学法, 依法决策 and their 分管 field
        assert {"study", "decision"} <= topics | {"study", "decision"} and len(report.scope.added) >= 4


@pytest.mark.parametrize("list_id", LISTS)
@pytest.mark.parametrize("role", REPORTER_ROLES)
def test_the_officials_own_voice(list_id: str, role: str) -> None:
    report = sample(list_id, role)
    text = _all_text(report)
    assert text.count("本人") >= 8
    docs = set(re.findall(r"《[^》]+》", text))
    place = report.official.unit if role == "department" else None
    named = [d for d in docs if re.search(r"\d{4}年|规划|办法|清单|方案|实施细则", d)]
    assert len(named) >= 2, docs
    if place:
        assert any(place in d for d in docs)
    study = split_paragraphs(report.parts["study"])
    assert any("本人" in p for p in study)


@lru_cache(maxsize=1)
def _issue_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """(problem, measure, subject) of every problem the banks hold, their slots as wildcards."""
    b = phrase_bank()

    def rx(text: str) -> re.Pattern[str]:
        parts = re.split(r"\{[^{}]*\}", text)
        return re.compile(".+?".join(re.escape(p) for p in parts) + "$")

    issues = [i for t in b.topics + (b.generic,) for i in t.issues]
    issues += [i for v in b.member_issues.values() for i in v] + list(b.unmet)
    return [(rx(i.problem + i.cause), rx(i.improvement), i.key.split(".")[0]) for i in issues]


@pytest.mark.parametrize("list_id", LISTS)
@pytest.mark.parametrize("role", REPORTER_ROLES)
def test_problems_have_own_causes_and_measures_that_answer_them(list_id: str, role: str) -> None:
    """3–5 problems, each with a cause of the official's own and the measure written for that very problem,
    on a subject that goes under the duty's topic in the composed report (no 学法 measure under a
    组织领导 problem)."""
    from shuifa.compose import prepare
    from shuifa.compose.topics import duty_topic
    from shuifa.sample.write import subjects_by_topic

    subjects = subjects_by_topic(role)
    for seed in SEEDS:
        report = sample(list_id, role, seed)
        with_problem = [(p, d) for p, d in report.duty_paths() if report.entries[d.id].problems.strip()]
        assert 3 <= len(with_problem) <= 5, seed
        for path, duty in with_problem:
            e = report.entries[duty.id]
            topic = duty_topic(list_id, duty, path, role)[0]
            for problem, measure in zip(split_paragraphs(e.problems), split_paragraphs(e.improvements), strict=True):
                assert SUBJECTIVE.search(problem), problem
                pair = [s for p, m, s in _issue_patterns() if p.match(problem) and m.match(measure)]
                assert pair, (problem, measure)
                assert any(s in ("generic", "unmet", "member") or s in subjects.get(topic, ()) for s in pair), (
                    topic,
                    problem,
                )
        # the composed report prints 3–5 headed problems (2 when a list gives too few topics), each answered
        printed = [p for p in prepare(report).problems if p.texts]
        assert 2 <= len(printed) <= 5, seed
        assert all(p.measures for p in printed)


@pytest.mark.parametrize("list_id", LISTS)
@pytest.mark.parametrize("role", REPORTER_ROLES)
def test_last_years_problems_are_accounted_for(list_id: str, role: str) -> None:
    plain = sample(list_id, role)
    report = sample(list_id, role, 0, True)
    assert plain.carry_over == [] and plain.parts["rectification"] == ""
    assert 2 <= len(report.carry_over) <= 4
    assert report.previous_year == 2025
    this_year = "".join(e.problems for e in report.entries.values())
    for item in report.carry_over:
        assert item.state in ("done", "in_progress") and item.note.strip() and item.problem.strip()
        assert item.improvement.strip()
        assert item.problem[:12] not in this_year  # not the same problem again
    assert "2025年度" in report.parts["rectification"]

    # the rest of the report is the same sample
    def entries(r: Report) -> list[dict]:
        return [{k: v for k, v in e.to_dict().items() if k != "updated"} for e in r.entries.values()]

    assert entries(plain) == entries(report)
    assert {k: v for k, v in plain.parts.items() if k != "rectification"} == {
        k: v for k, v in report.parts.items() if k != "rectification"
    }


UNITS = {
    ("niuxintuo-town-2023", "party"): ("中共牛心坨镇委员会", "书记"),
    ("niuxintuo-town-2023", "government"): ("牛心坨镇人民政府", "镇长"),
    ("zhejiang-province-2018", "party"): ("中共浙江省委员会", "书记"),
    ("zhejiang-province-2018", "government"): ("浙江省人民政府", "省长"),
    ("shizuishan-eight-actions-2023", "government"): ("石嘴山市人民政府", "市长"),
    ("anshan-gaoxin-2023", "party"): ("中共鞍山高新技术产业开发区工作委员会", "书记"),
    ("anshan-gaoxin-2023", "government"): ("鞍山高新技术产业开发区管理委员会", "主任"),
}


@pytest.mark.parametrize("key", list(UNITS))
def test_unit_and_title_as_they_are_called(key: tuple[str, str]) -> None:
    o = sample(*key).official
    assert (o.unit, o.title) == UNITS[key]


def test_members_and_departments_are_named_right() -> None:
    for seed in range(8):
        o = sample("zhejiang-province-2018", "member", seed).official
        assert (o.unit, o.title) in (("中共浙江省委员会", "副书记"), ("浙江省人民政府", "副省长"))
        d = sample("shizuishan-eight-actions-2023", "department", seed).official
        # a 市 of 石嘴山市 and of 市场 both kept: 石嘴山市市场监督管理局, never 石嘴山市场监督管理局
        assert d.unit.startswith("石嘴山市") and not d.unit.startswith("石嘴山市场"), d.unit
        assert d.unit.endswith(("局", "委员会")) and d.title.startswith("党组书记、")


def test_a_department_named_by_the_list_keeps_its_full_name() -> None:
    from shuifa.model import DutyList, Node

    for units in (["市场监督管理局"], ["市市场监督管理局"], ["市市场监督管理局", "市场监督管理局"]):
        duties = [Node(id=f"d{i}", kind="duty", text="加强执法监督。", responsible_units=units) for i in range(3)]
        dl = DutyList(
            id="u", title="石嘴山市推进法治政府建设实施方案", issuer="石嘴山市人民政府办公室", children=duties
        )
        o = make_sample(dl, role="department", year=2026).official
        assert o.unit == "石嘴山市市场监督管理局" and o.title == "党组书记、局长"


def test_a_township_head_says_their_side() -> None:
    sides = set()
    for seed in range(8):
        report = sample("niuxintuo-town-2023", "township", seed)
        side = report.scope.side
        sides.add(side)
        want = ("中共牛心坨镇委员会", "书记") if side == "party" else ("牛心坨镇人民政府", "镇长")
        assert (report.official.unit, report.official.title) == want
        roles = {d.role for d in report.duties()}
        assert roles <= {"party" if side == "party" else "government", "common"}
    assert sides == {"party", "government"}


def test_a_big_list_is_written_well_under_a_second() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from common import big_list

    dl = big_list(300)
    make_sample(dl, role="party", year=2025, seed=1)  # phrase banks and caches loaded
    best = min(_timed(lambda: make_sample(dl, role="party", year=2025, seed=1)) for _ in range(3))
    assert best < 1.0, best


def _timed(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def test_same_inputs_same_sample_with_last_year() -> None:
    a = make_sample(load_builtin("niuxintuo-town-2023"), role="party", year=2026, with_last_year=True)
    b = make_sample(load_builtin("niuxintuo-town-2023"), role="party", year=2026, with_last_year=True)
    da, db = a.to_dict(), b.to_dict()
    for d in (da, db):
        d.pop("created"), d.pop("updated")
        for e in d["entries"]:
            e.pop("updated")
    assert da == db


_STATEMENT = re.compile(r"[，。；：,;:！？\n]")


def repeated_clauses(report: Report) -> list[str]:
    """Clauses (6 字 or more) a report says twice: the same fact (聘请法律顾问2名, 本人坚持末位表态,
    主持…专题学法8次) under two duties, or in 学法用法/重大事项依法决策 and again under a duty. The list's own
    words, quoted, aside (a problem and its measure both quote an unmet requirement)."""
    seen: dict[str, str] = {}
    out = []
    for place, text in report_texts(report):
        text = re.sub(r"“[^“”]{9,}”", "“”", text)
        for clause in _STATEMENT.split(text):
            c = _TIME.sub("", re.sub(r"^[一二三四五六七八九十]+是", "", clause.strip()))
            if len(re.findall(r"[\u4e00-\u9fff]", c)) < 6:
                continue
            key = _NUMBER.sub("#", c)
            if key in seen:
                out.append(f"{c} ({seen[key]} / {place})")
            seen.setdefault(key, place)
    return out


@pytest.mark.parametrize("list_id", LISTS)
@pytest.mark.parametrize("role", REPORTER_ROLES)
def test_no_clause_states_a_fact_twice(list_id: str, role: str) -> None:
    for seed in SEEDS:
        for last_year in (False, True):
            report = sample(list_id, role, seed, last_year)
            assert repeated_clauses(report) == [], (seed, last_year, repeated_clauses(report))


def test_an_unmet_requirement_is_never_claimed_met() -> None:
    """石嘴山 department: 投诉举报办结率达到90%以上 left unmet (83.8) binds 按期办结率: no 99% elsewhere."""
    for seed in SEEDS:
        report = sample("shizuishan-eight-actions-2023", "department", seed)
        for d in report.duties():
            for req in d.requirements:
                if req.id in report.entries[d.id].values and report.entries[d.id].status == "partial":
                    if "办结率" in req.text and req.text in report.entries[d.id].problems:
                        assert not re.search(r"按期办结率\d", _all_text(report)), seed


def test_a_town_misses_no_requirement_it_cannot_have() -> None:
    """A 镇 quotes no unmet 听取本级人大、政府、政协、法院、检察院党组工作汇报 and appoints no 政法 leaders."""
    for list_id in LISTS:
        for seed in SEEDS:
            report = sample(list_id, "township", seed)
            problems = "".join(report.entries[d.id].problems for d in report.duties())
            assert not re.search(r"政协|法院|检察院|政法机关", problems), (list_id, seed)
            assert "政法单位领导干部" not in _all_text(report), (list_id, seed)


@pytest.mark.parametrize("list_id", LISTS)
def test_a_member_writes_of_their_own_field(list_id: str) -> None:
    """A member who does not 分管 执法 (组织、宣传和统战) writes no 执法案卷 or 首违不罚, and no town member
    does 地方立法调研."""
    for seed in range(6):
        report = sample(list_id, "member", seed)
        text = _all_text(report)
        areas = [a for group in phrase_bank().report["fenguan"].values() for a in group if a["text"] in text]
        assert areas, seed
        if not any("执法" in a["keywords"] for a in areas):
            assert not re.search(r"执法案卷|首违不罚|执法记录仪", text), (seed, [a["text"] for a in areas])
        if list_id == "niuxintuo-town-2023":
            assert "立法" not in text.replace(report.duty_list.title, ""), seed
