"""Next year's report: official and list copied, problems carried over, last year's text as reference."""

from __future__ import annotations

from clerkdata import make_report

from shuifa.clerk.nextyear import make_next_year
from shuifa.exchange import read_report, write_report
from shuifa.model import CarryOverItem


def test_next_year_copies_official_and_list_and_carries_problems():
    old = make_report(year=2026)
    new = make_next_year(old)
    assert new.id != old.id and new.year == 2027 and new.previous_year == 2026
    assert (new.official.name, new.official.unit, new.official.title, new.official.role) == (
        "张三",
        "某县人民政府",
        "县长",
        "government",
    )
    assert new.duty_list.to_dict() == old.duty_list.to_dict()
    assert new.duty_list is not old.duty_list
    # one item per entry with problems, in list order, with its improvement; state still to set
    assert [(c.duty_id, c.problem, c.improvement, c.state) for c in new.carry_over] == [
        ("d2", "学法形式较单一。", "丰富学法形式。", ""),
        ("d3", "个别执法人员程序意识不强。\n执法记录仪使用不规范。", "加强执法培训。", ""),
    ]
    # last year's text is a reference only: the new entries are empty
    assert new.previous["d1"].performance.startswith("全年听取")
    assert new.previous["d3"].problems.startswith("个别执法人员")
    assert "d4" not in new.previous
    assert all(e.is_empty() for e in new.entries.values())
    assert new.progress()[0] == 0
    assert not any(new.parts.values()) and not new.evaluation


def test_unfinished_carry_over_stays_and_done_items_drop():
    old = make_report(problems=False)
    old.carry_over = [
        CarryOverItem(id="a", problem="旧问题一", improvement="措施一", state="done", note="已完成"),
        CarryOverItem(id="b", problem="旧问题二", improvement="措施二", state="in_progress", note="推进中"),
    ]
    new = make_next_year(old)
    assert [(c.problem, c.improvement, c.state, c.note) for c in new.carry_over] == [("旧问题二", "措施二", "", "")]


def test_na_duties_carry_nothing():
    old = make_report()
    old.entries["d3"].status = "na"
    new = make_next_year(old)
    assert [c.duty_id for c in new.carry_over] == ["d2"]


def test_next_year_report_survives_the_exchange_file(tmp_path):
    new = make_next_year(make_report())
    back = read_report(write_report(new, tmp_path / "n.shufa"))
    assert back.to_dict() == new.to_dict()


def test_the_renderer_puts_accounted_carry_over_under_its_heading(tmp_path):
    from docx import Document

    from shuifa.render import render_docx

    new = make_next_year(make_report())
    new.carry_over[0].state = "done"
    new.carry_over[0].note = "已组织专题学法4次。"
    new.carry_over[1].state = "in_progress"
    text = "\n".join(p.text for p in Document(str(render_docx(new, "shufa-report", tmp_path / "n.docx"))).paragraphs)
    assert "上年度问题整改情况" in text
    assert "学法形式较单一" in text and "已组织专题学法4次" in text
    assert "个别执法人员程序意识不强" in text


def test_next_year_keeps_the_duties_the_official_reports_on():
    from shuifa.clerk.nextyear import make_next_year
    from shuifa.lists import load_builtin
    from shuifa.model import Official, Report

    report = Report.new(
        Official("张三", "副镇长", "中共牛心坨镇委员会", "member"), 2026, load_builtin("niuxintuo-town-2023")
    )
    picked = next(d.id for d in report.duty_list.duties() if d.id not in {n.id for n in report.duties()})
    report.scope.added.append(picked)
    assert picked in {n.id for n in report.duties()}
    nxt = make_next_year(report)
    assert picked in {n.id for n in nxt.duties()} and nxt.scope.added == [picked]
