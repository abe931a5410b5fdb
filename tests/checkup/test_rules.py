"""The 体检 on reports made to fail: each code for what a reviewer would send back, none for a good one."""

from __future__ import annotations

from functools import cache

import pytest

from shuifa.checkup import Code, Severity, blocking, check
from shuifa.lists import load_builtin
from shuifa.model import CarryOverItem, PreviousEntry, Report, RequirementValue
from shuifa.sample import make_sample


@cache
def _good() -> Report:
    return make_sample(load_builtin("anshan-gaoxin-2023"), role="party", year=2026, seed=0)


@pytest.fixture
def report() -> Report:
    r = Report.from_dict(_good().to_dict())
    assert check(r) == [], [f.message for f in check(r)]  # the starting point is clean
    return r


def codes(report: Report) -> set[Code]:
    return {f.code for f in check(report)}


def written(report: Report) -> list:
    return [report.entries[d.id] for d in report.duties() if report.entries[d.id].status != "na"]


def test_no_problems_at_all_blocks(report):
    for e in report.entries.values():
        e.problems = ""
        e.status = "done" if e.status != "na" else "na"
    found = [f for f in check(report) if f.code is Code.NO_PROBLEMS]
    assert found and found[0].severity is Severity.BLOCK and "没有写一个存在问题" in found[0].message


def test_a_partial_duty_without_a_problem_blocks(report):
    e = written(report)[1]
    e.status, e.problems = "partial", ""
    [f] = [f for f in check(report) if f.code is Code.PROBLEM_MISSING]
    assert f.where == e.duty_id and "部分落实" in f.message and f.blocks


def test_55_against_40_legality_reviews_names_both_places(report):
    a, b = written(report)[2], written(report)[5]
    a.performance += "\n全年完成合法性审查55件，提出审查意见20条。"
    b.performance += "\n全年完成合法性审查40件。"
    [f] = [f for f in check(report) if f.code is Code.NUMBER_CONFLICT]
    assert (f.where, f.also) == (a.duty_id, (b.duty_id,)) and f.blocks
    assert "合法性审查55件" in f.message and "合法性审查40件" in f.message


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("新办理执法证件5件。", "清理不在岗人员执法证件4件。"),  # two measures, one noun
        ("全年完成合法性审查55件。", "其中合法性审查40件涉及合同。"),  # a part of the whole
        ("全年完成合法性审查55件。", "合法性审查件数同比增长40件。"),  # a comparison
        ("开展专项检查2次。", "开展专项检查4次。"),  # not a named measure: two inspections
    ],
)
def test_no_false_alarm_on_figures_that_do_not_conflict(report, one, other):
    a, b = written(report)[2], written(report)[5]
    a.performance += "\n" + one
    b.performance += "\n" + other
    assert Code.NUMBER_CONFLICT not in codes(report)


def test_the_duty_text_copied_as_performance_warns(report):
    duties = [d for d in report.duties() if report.entries[d.id].status != "na"]
    d = duties[3]
    report.entries[d.id].performance = d.text
    [f] = [f for f in check(report) if f.code is Code.LIST_COPY]
    assert f.where == d.id and f.severity is Severity.WARN


def test_last_years_text_again_warns(report):
    e = written(report)[0]
    report.previous[e.duty_id] = PreviousEntry(performance=e.performance, problems="", improvements="")
    assert Code.LAST_YEAR_COPY in codes(report)


def test_an_unaccounted_carried_problem_blocks(report):
    report.carry_over = [
        CarryOverItem(id="c1", problem="会前学法不够经常。", state="done", note="已建立制度，全年会前学法11次。"),
        CarryOverItem(id="c2", problem="备案审查不够及时。"),
    ]
    [f] = [f for f in check(report) if f.code is Code.CARRY_OVER_OPEN]
    assert "备案审查不够及时" in f.message and f.where == "part:rectification" and f.blocks


def test_problem_without_measure_and_without_a_cause_of_ones_own(report):
    for n, e in enumerate(written(report)):
        e.problems = f"第{n}项工作机制还不够健全。" if e.problems else ""
    e = next(e for e in written(report) if e.problems)
    e.improvements = ""
    found = codes(report)
    assert Code.MEASURE_MISSING in found and Code.NO_CAUSE in found
    report.plan.problem_causes["leadership"] = "根子在于本人抓落实不够。"  # a cause written on the 成稿 page
    assert Code.NO_CAUSE not in codes(report)


def test_unfilled_duties_and_missing_official_block(report):
    d = report.duties()[4]
    del report.entries[d.id]
    report.official.title = ""
    found = {f.code: f for f in check(report)}
    assert found[Code.UNFILLED].where == d.id and found[Code.OFFICIAL_MISSING].message == "基本信息：职务未填写"
    assert [f.code for f in check(report)][:2] == [Code.OFFICIAL_MISSING, Code.UNFILLED]  # blocking first


def test_a_topic_without_a_figure_and_an_unmet_requirement_left_out_of_the_problems(report):
    for e in report.entries.values():
        e.performance = "".join(ch for ch in e.performance if not ch.isdigit())
    report.parts["study"] = report.parts["decisions"] = ""
    assert Code.NO_FIGURES in codes(report)
    duty = next(d for d in report.duties() if d.requirements and d.requirements[0].kind == "count")
    e = report.entries[duty.id]
    e.values[duty.requirements[0].id] = RequirementValue(value=0)
    e.problems = "工作机制还不够健全，本人督促不够。"
    assert Code.REQUIREMENT_UNMET in codes(report)


def test_over_length_warns_for_the_kind(report):
    for d in report.duties():
        e = report.entries[d.id]
        if e.status != "na":
            long = f"围绕“{d.text[:12]}”，本人亲自部署、亲自过问、亲自协调、亲自督办，" * 3
            e.performance = long + "全年召开专题会议3次、印发文件2份、督导检查5次、解决问题7个。"
            report.plan.choices("speech").pinned.append(f"duty:{d.id}")
    over = [f for f in check(report) if f.code is Code.OVER_LENGTH]
    assert over and over[0].where == "kind:speech" and "超出上限" in over[0].message
    assert not blocking(over)


def test_figures_of_another_year_do_not_conflict(report):
    a, b = written(report)[2], written(report)[5]
    a.performance += "\n2025年举办法治专题讲座2次。"
    b.performance += f"\n{report.year}年举办法治专题讲座3次。"
    assert Code.NUMBER_CONFLICT not in codes(report)
    a.performance += "\n全年举办法治专题讲座4次。"  # the report's year said as 全年: the same measure
    assert Code.NUMBER_CONFLICT in codes(report)


def test_a_partial_duty_without_a_problem_is_not_finished_and_not_also_unfilled(report):
    d = next(d for d in report.duties() if report.entries[d.id].status != "na")
    e = report.entries[d.id]
    e.status, e.problems = "partial", ""
    assert report.duty_state(d) == "in_progress"
    assert [f.code for f in check(report) if f.where == d.id] == [Code.PROBLEM_MISSING]
