"""The composed documents as a reviewer reads them: every built-in list × role, all four kinds,
rendered to .docx and read back (the issue's criteria), plus the official's plan at work."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import docx
import pytest

from shuifa.compose import compose
from shuifa.compose.documents import default_byline, default_title, title_lines
from shuifa.lists import builtin_lists
from shuifa.model import CarryOverItem, Report, RequirementValue
from shuifa.render import render_docx
from shuifa.sample import make_sample

TODAY = date(2026, 12, 20)
KIND_NAMES = ("shufa-report", "shuzhi-section", "speech", "speech-outline")
H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^（[一二三四五六七八九十]+）")
COUNTED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
CHECKLIST = re.compile(r"[≥≤]|，要求[^，。]{0,12}\d+[次期场%]")
ZERO = re.compile(r"(?<![\d.])0次")
NORMATIVE = re.compile(r"应当履行|主要职责|以下(主要)?职责|职责如下")


def chars(t: str) -> int:
    return len(COUNTED.findall(t))


def cases() -> list[tuple[str, str]]:
    out = []
    for dl in builtin_lists():
        roles = dl.roles() or ["party"]
        for role in ("party", "government", "department", "member", "township"):
            if role in roles or role in ("department", "member", "township") or not dl.roles():
                out.append((dl.id, role))
    return out


@cache
def _sample(list_id: str, role: str) -> Report:
    dl = next(d for d in builtin_lists() if d.id == list_id)
    return make_sample(dl, role=role, year=2026)


def sample(list_id: str, role: str) -> Report:
    """A fresh copy of the sample (tests change their copy)."""
    return Report.from_dict(_sample(list_id, role).to_dict())


@cache
def read_back(list_id: str, role: str, kind: str, tmp: str) -> tuple[list[tuple[str, str]], list[list[str]]]:
    from pathlib import Path

    out = render_docx(sample(list_id, role), kind, Path(tmp) / f"{list_id}-{role}-{kind}.docx", today=TODAY)
    d = docx.Document(str(out))
    paras = [(p.style.name, p.text.strip()) for p in d.paragraphs if p.text.strip()]
    tables = [[c.text for c in row.cells] for t in d.tables for row in t.rows]
    return paras, tables


def body(paras: list[tuple[str, str]]) -> list[str]:
    """The main text: no title, byline, annex or 落款."""
    out = []
    for style, text in paras:
        if style in ("公文附件标识",):
            break
        if style in ("公文标题", "公文署名行", "公文落款", "公文成文日期"):
            continue
        out.append(text)
    return out


def section(lines: list[str], key: str, heading: re.Pattern[str]) -> list[str]:
    start = next((i for i, t in enumerate(lines) if heading.match(t) and key in t), None)
    if start is None:
        return []
    end = next(
        (i for i in range(start + 1, len(lines)) if heading.match(lines[i]) and chars(lines[i]) <= 14), len(lines)
    )
    return lines[start + 1 : end]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return str(tmp_path_factory.mktemp("docs"))


@pytest.mark.parametrize(("list_id", "role"), cases())
def test_written_report_reads_as_a_composed_report(list_id, role, tmp):
    paras, tables = read_back(list_id, role, "shufa-report", tmp)
    lines = body(paras)
    total = sum(chars(t) for t in lines)
    assert 2000 <= total <= 5000, total
    perf = section(lines, "履职", H1)
    topics = [t for t in perf if H2.match(t)]
    assert 3 <= len(topics) <= 7, topics
    assert not [t for t in lines if (H1.match(t) or H2.match(t)) and NORMATIVE.search(t)]
    probs = section(lines, "问题", H1)
    assert 2 <= len([t for t in probs if H2.match(t)]) <= 6
    steps = section(lines, "下一步", H1)
    styles = {
        (
            "（一）"
            if H2.match(t)
            else "1."
            if re.match(r"^\d+[.．]", t)
            else "一是"
            if re.match("^[一二三四五六七八九十]+是", t)
            else ""
        )
        for t in steps
    } - {""}
    assert styles == {"一是"}
    assert not [t for t in perf if CHECKLIST.search(t) or ZERO.search(t)]
    # every point numbered: a topic with several paragraphs numbers them all (an intro paragraph aside)
    title = "".join(t for s, t in paras if s == "公文标题")
    assert "2026年" in title
    assert ("第一责任人" in title) == (role != "member")
    # values sit in the annex table, with its header row
    if tables:
        assert tables[0] == ["职责", "清单要求", "完成情况", "是否达标"]
        assert all(row[3] in ("达标", "未达标", "未填写") for row in tables[1:])


@pytest.mark.parametrize(("list_id", "role"), cases())
def test_shorter_kinds_fit_their_budgets(list_id, role, tmp):
    section_lines = body(read_back(list_id, role, "shuzhi-section", tmp)[0])
    assert sum(chars(t) for t in section_lines) <= 1500
    speech = body(read_back(list_id, role, "speech", tmp)[0])
    assert sum(chars(t) for t in speech) <= 1600
    assert not [t for t in speech if (H1.match(t) or H2.match(t)) and chars(t) <= 24], "a bare heading read aloud"
    assert not [t for t in speech if "用时" in t or "按每分钟" in t]
    assert speech[0] == "各位领导、同志们：" and speech[-1] == "以上述法，请予评议。"
    outline = body(read_back(list_id, role, "speech-outline", tmp)[0])
    assert sum(chars(t) for t in outline) <= 1000 and re.search(r"\d", "".join(outline))


@pytest.mark.parametrize(("list_id", "role"), cases())
def test_no_sentence_twice_nor_twice_with_other_numbers(list_id, role, tmp):
    for kind in KIND_NAMES:
        seen: dict[str, str] = {}
        for t in body(read_back(list_id, role, kind, tmp)[0]):
            for s in re.split(r"[。；！？]", t):
                s = re.sub(r"^[一二三四五六七八九十]+是", "", s.strip())
                if chars(s) < 20:
                    continue
                k = re.sub(r"\d+(\.\d+)?", "#", s)
                assert k not in seen, (kind, seen.get(k), s)
                seen[k] = s


def test_lead_edit_drop_move_merge_and_heading_reach_the_document():
    report = sample("niuxintuo-town-2023", "party")
    c = compose(report, "shufa-report", today=TODAY)
    perf = c.section("performance")
    assert perf is not None
    points = [b for b in perf.blocks if b.kind == "point"]
    first, second = points[0], points[1]
    report.plan.leads[first.key] = "亲自抓学法"
    report.plan.headings["study"] = "带头学法用法，做尊法守法的表率"
    text = "\n".join(compose(report, "shufa-report", today=TODAY).lines())
    assert "是亲自抓学法。" in text and "（一）带头学法用法，做尊法守法的表率" in text
    # drop from the speech only
    report.plan.choices("speech").dropped.append(first.key)
    speech = compose(report, "speech", today=TODAY)
    assert first.key not in speech.included and first.key in compose(report, "shufa-report", today=TODAY).included
    # move a point to the 依法决策 topic: its text follows the heading of that topic
    report.plan.topic_of[second.key] = "decision"
    lines = compose(report, "shufa-report", today=TODAY).lines()
    where = next(
        i
        for i, t in enumerate(lines)
        if t.startswith(("一是", "二是", "三是", "四是", "五是", "六是")) and second.text[3:20] in t
    )
    heading = next(t for t in reversed(lines[:where]) if H2.match(t))
    assert "依法" in heading and "决策" in heading
    # merge: the merged point's sentences print inside the target
    third = points[2]
    report.plan.merged[third.key] = first.key
    c = compose(report, "shufa-report", today=TODAY)
    assert third.key not in c.included


def test_unmet_requirement_becomes_a_problem_worded_as_a_shortfall():
    report = sample("anshan-gaoxin-2023", "party")
    duty = next(d for d in report.duties() if d.requirements and d.requirements[0].kind == "count")
    e = report.entry(duty.id)
    e.status, e.performance, e.problems, e.improvements = "partial", "坚持听取汇报，研究解决问题5个。", "", ""
    e.values[duty.requirements[0].id] = RequirementValue(value=0)
    c = compose(report, "shufa-report", today=TODAY)
    text = "\n".join(c.lines()[: c.lines().index("附件")] if "附件" in c.lines() else c.lines())
    assert "全年未能落实" in text
    assert not ZERO.search(text) and not CHECKLIST.search(text)
    row = next(r for r in c.annex if r.requirement == duty.requirements[0].text)
    assert (row.value, row.met) == ("0次", "未达标")


def test_annex_can_be_switched_off_and_unit_words_follow_the_list():
    report = sample("niuxintuo-town-2023", "party")
    c = compose(report, "shufa-report", today=TODAY)
    assert c.annex and any(r.value.endswith("期") for r in c.annex if "期" in r.requirement)
    report.plan.annex = False
    assert compose(report, "shufa-report", today=TODAY).annex == []


def test_title_byline_and_date_are_per_report_with_defaults():
    report = sample("niuxintuo-town-2023", "party")
    assert default_byline(report).startswith("牛心坨镇党委")
    c = compose(report, "shufa-report", today=TODAY)
    assert c.signature["date"] == "2026年12月20日"
    report.plan.date = "2027-01-05"
    report.plan.title = "牛心坨镇党委书记2026年度述法报告"
    report.plan.byline = "牛心坨镇党委书记　某某"
    c = compose(report, "shufa-report", today=TODAY)
    assert c.signature["date"] == "2027年1月5日" and c.title == report.plan.title and c.byline.endswith("某某")
    member = sample("niuxintuo-town-2023", "member")
    assert default_title(member, "shufa-report") == "2026年度述法报告"
    assert title_lines("关于2026年度履行推进法治建设第一责任人职责情况的报告") == [
        "关于2026年度履行推进法治建设",
        "第一责任人职责情况的报告",
    ]


def test_carried_problem_keeps_its_quote_in_one_paragraph():
    report = sample("niuxintuo-town-2023", "party")
    report.carry_over = [
        CarryOverItem(
            id="c1",
            problem='"会前学法"制度落实不够经常，\n部分会议未安排学法。',
            state="done",
            note="已建立台账。\n全年会前学法11次。",
        ),
        CarryOverItem(id="c2", problem="备案审查不够及时。", state="in_progress", note="正在推进。"),
    ]
    c = compose(report, "shufa-report", today=TODAY)
    rect = c.section("rectification")
    assert rect is not None
    texts = [b.text for b in rect.blocks]
    assert texts[0].startswith("一是关于“‘会前学法’制度落实不够经常") and "已整改到位" in texts[0]
    assert "全年会前学法11次" in texts[0]
    for t in texts:
        assert t.count("“") == t.count("”") and t.count("‘") == t.count("’") and '"' not in t
    report.plan.rect_names["c1"] = "会前学法不经常"
    assert (
        compose(report, "shufa-report", today=TODAY)
        .section("rectification")
        .blocks[0]
        .text.startswith(  # type: ignore[union-attr]
            "一是关于“会前学法不经常”的问题"
        )
    )


def test_over_budget_is_said_not_cut_silently():
    report = sample("shizuishan-eight-actions-2023", "party")
    c = compose(report, "speech", today=TODAY)
    assert c.omitted and "要点未写入" in c.omitted[0]
    for e in report.entries.values():
        e.performance = (
            e.performance + "\n" + "本人亲自部署推动此项工作，召开专题会议3次、印发文件2份、督导检查5次。" * 3
        )
    for key in [p.key for t in c.material.topics for p in t.points]:
        report.plan.choices("speech").pinned.append(key)
    over = compose(report, "speech", today=TODAY)
    assert over.chars > over.budget.high and "超出上限" in over.verdict


def test_a_problem_without_a_cause_of_ones_own_gets_the_proposed_cause():
    report = sample("anshan-gaoxin-2023", "party")
    for duty in report.duties():
        e = report.entries[duty.id]
        e.problems = f"“{duty.text[:10]}”方面的工作机制还不够健全。" if e.problems else ""
    c = compose(report, "shufa-report", today=TODAY)
    probs = c.section("problems")
    assert probs is not None
    assert all("本人" in b.text for b in probs.blocks if b.level == 0)
    key = next(b.key for b in probs.blocks if b.level == 2)
    report.plan.problem_causes[key] = "根子在于本人抓落实的韧劲不足。"
    report.plan.problem_heads[key] = "机制建设仍有短板"
    text = "\n".join(compose(report, "shufa-report", today=TODAY).lines())
    assert "（一）机制建设仍有短板" in text and "根子在于本人抓落实的韧劲不足。" in text


@pytest.mark.parametrize(("list_id", "role"), cases())
def test_no_two_points_share_a_lead(list_id, role):
    material = compose(sample(list_id, role), "shufa-report", today=TODAY).material
    leads = [p.lead for t in material.topics for p in t.points]
    assert len(leads) == len(set(leads)), sorted(lead for lead in leads if leads.count(lead) > 1)
    assert all(0 < len(lead) <= 12 for lead in leads)


def test_a_moved_point_keeps_its_lead_and_remembers_where_it_came_from():
    report = sample("niuxintuo-town-2023", "party")
    material = compose(report, "shufa-report", today=TODAY).material
    point = next(p for t in material.topics if t.id == "leadership" for p in t.points if p.key.startswith("duty:"))
    report.plan.topic_of[point.key] = "publicity"
    moved = next(
        p for t in compose(report, "shufa-report", today=TODAY).material.topics for p in t.points if p.key == point.key
    )
    assert (moved.topic, moved.proposed_topic, moved.lead) == ("publicity", "leadership", point.lead)


@pytest.mark.parametrize(
    ("unit", "title", "byline"),
    [
        ("中共浙江省委员会", "党委副书记", "浙江省委副书记"),
        ("中共浙江省委员会", "书记", "浙江省委书记"),
        ("中共石嘴山市委员会", "书记", "石嘴山市委书记"),
        ("中共牛心坨镇委员会", "书记", "牛心坨镇党委书记"),
        ("中共牛心坨镇委员会", "镇党委书记", "牛心坨镇党委书记"),
        ("中共鞍山高新技术产业开发区工作委员会", "书记", "鞍山高新技术产业开发区党工委书记"),
        ("浙江省人民政府", "省长", "浙江省省长"),
        ("沈阳市辽中区牛心坨镇人民政府", "镇长", "沈阳市辽中区牛心坨镇镇长"),
        ("鞍山高新技术产业开发区管理委员会", "主任", "鞍山高新技术产业开发区管委会主任"),
        ("石嘴山市市场监督管理局", "局长", "石嘴山市市场监督管理局局长"),
    ],
)
def test_byline_short_form(unit, title, byline):
    report = sample("niuxintuo-town-2023", "party")
    report.official.unit, report.official.title, report.official.name = unit, title, "某某"
    assert default_byline(report) == f"{byline}　某某"


def test_what_the_official_types_is_tidied_before_it_is_printed():
    report = sample("niuxintuo-town-2023", "party")
    c = compose(report, "shufa-report", today=TODAY)
    point = next(b for b in c.section("performance").blocks if b.kind == "point")  # type: ignore[union-attr]
    problem = next(b for b in c.section("problems").blocks if b.level == 2)  # type: ignore[union-attr]
    report.plan.leads[point.key] = "坚持集中学习，“以学促用："
    report.plan.problem_causes[problem.key] = "根子在于本人抓落实不够"
    report.plan.headings["study"] = '"带头学法"用法。'
    text = "\n".join(compose(report, "shufa-report", today=TODAY).lines())
    assert "是坚持集中学习，以学促用。" in text
    assert "根子在于本人抓落实不够。" in text
    assert "（一）“带头学法”用法\n" in text


@pytest.mark.parametrize("list_id", [dl.id for dl in builtin_lists()])
def test_a_member_is_never_called_the_first_responsible(list_id, tmp):
    for kind in KIND_NAMES:
        lines = body(read_back(list_id, "member", kind, tmp)[0])
        assert not [t for t in lines if "第一责任人" in t], kind
        assert not [t for t in lines if "主持召开" in t], kind  # a member takes part; the head chairs


def test_a_carried_problems_short_name_ends_on_a_whole_word():
    from shuifa.compose.material import rect_name

    name = rect_name("对下级党政主要负责人履行推进法治建设第一责任人职责督促检查不够经常，压力传导不足。")
    assert len(name) <= 30 and name.endswith("督促检查")
    assert (
        rect_name("矛盾纠纷源头预防还不够有力，部分纠纷发现不早、处置不及时。")
        == "矛盾纠纷源头预防还不够有力，部分纠纷发现不早、处置不及时"
    )


def test_a_town_has_no_cppcc_in_its_headings():
    for role in ("party", "government", "township"):
        report = sample("niuxintuo-town-2023", role)
        report.official.unit = "中共牛心坨镇委员会" if role != "government" else "牛心坨镇人民政府"
        headings = [b.text for s in compose(report, "shufa-report", today=TODAY).sections for b in s.blocks if b.level]
        assert not [h for h in headings if "政协" in h], (role, headings)
    county = sample("zhejiang-province-2018", "party")
    heads = [t.heading for t in compose(county, "shufa-report", today=TODAY).material.topics]
    assert "支持人大政协监督和司法工作" in heads
