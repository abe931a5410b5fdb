"""What is left of ``shuifa.completeness`` (how a duty is named) and the old completeness check's faults,
fixed now that the app's list is the 体检 (``shuifa.checkup``), without Qt."""

from __future__ import annotations

import subprocess
import sys

from shuifa.checkup import Code, check
from shuifa.completeness import duty_title
from shuifa.lists import load_builtin
from shuifa.model import Node, Official, Report


def _write(report: Report, duty_id: str, **fields) -> None:
    e = report.entry(duty_id)
    e.status = fields.pop("status", "done")
    e.performance = fields.pop("performance", "全年按要求落实，本人主持专题会议2次。")
    for k, v in fields.items():
        setattr(e, k, v)


def test_duty_title_is_the_label_and_the_start_of_the_text() -> None:
    node = Node(id="d", kind="duty", label="（二）", text="推动将法治建设纳入本地区发展总体规划和年度工作要点。")
    assert duty_title(node, 10) == "（二）推动将法治建设纳入本…"
    assert duty_title(node) == "（二）推动将法治建设纳入本地区发展总体规划和年度工作要点。"
    assert duty_title(Node(id="g", kind="group", label="一、", title="组织领导", text="长的正文")) == "一、组织领导"


def test_a_partial_duty_without_a_problem_is_not_finished(small_report: Report) -> None:
    for d in small_report.duties():
        _write(small_report, d.id, problems="学法不够系统。", improvements="制定年度学法计划。")
    _write(small_report, "n9", status="partial", problems="", improvements="")
    found = [f for f in check(small_report) if f.code is Code.PROBLEM_MISSING]
    assert [f.where for f in found] == ["n9"] and found[0].blocks
    assert "部分落实" in found[0].message


def test_next_steps_are_not_asked_for_when_the_report_has_measures(small_report: Report) -> None:
    for d in small_report.duties():
        _write(small_report, d.id, problems="学法不够系统。", improvements="制定年度学法计划。")
    assert small_report.parts["next_steps"] == ""
    assert all(f.where != "part:next_steps" for f in check(small_report))


def test_repeated_labels_are_told_apart_by_the_text_they_start() -> None:
    duties = load_builtin("zhejiang-province-2018")
    report = Report.new(Official("张三", "省委书记", "中共浙江省委员会", "party"), 2025, duties)
    labels = [d.label for d in report.duties()]
    assert len(set(labels)) < len(labels)  # twelve “（一）…”-like labels under different articles
    unfilled = [f.message for f in check(report) if f.code is Code.UNFILLED]
    assert len(unfilled) == len(labels) and len(set(unfilled)) == len(unfilled)


def test_the_module_does_not_import_qt() -> None:
    code = "import sys, shuifa.completeness; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
