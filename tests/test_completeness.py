"""The completeness check's logic (``shuifa.completeness``), without Qt."""

from __future__ import annotations

import subprocess
import sys

from shuifa.completeness import CATEGORIES, Finding, findings
from shuifa.model import CarryOverItem, DutyList, Official, Report, RequirementValue


def _by(report: Report, category: str) -> list[Finding]:
    return [f for f in findings(report) if f.category == category]


def _write(report: Report, duty_id: str, **fields) -> None:
    e = report.entry(duty_id)
    e.status = fields.pop("status", "done")
    e.performance = fields.pop("performance", "全年按要求落实。")
    for k, v in fields.items():
        setattr(e, k, v)


def test_a_new_report_lists_every_duty_as_empty_and_the_missing_parts(small_report: Report) -> None:
    found = findings(small_report)
    assert [f.key for f in found if f.category == "empty"] == ["n4", "n5", "n9"]
    assert any(f.key.startswith("1.") or "法治专题讲座" in f.text for f in _by(small_report, "empty"))
    assert [f.key for f in _by(small_report, "parts")] == ["part:next_steps"]
    assert {f.category for f in found} <= set(CATEGORIES)


def test_problems_without_improvements(small_report: Report) -> None:
    _write(small_report, "n9", problems="法治宣传形式单一。")
    assert [f.key for f in _by(small_report, "no_improvement")] == ["n9"]
    small_report.entry("n9").improvements = "创新宣传形式。"
    assert _by(small_report, "no_improvement") == []


def test_unmet_requirements_are_judged_in_the_report_year(small_report: Report) -> None:
    assert small_report.year == 2025
    _write(small_report, "n4", values={"r1": RequirementValue(value=1)})
    _write(small_report, "n5", values={"r1": RequirementValue(date="2024-02-20")})  # the 2024 cycle
    unmet = _by(small_report, "unmet")
    assert [f.key for f in unmet] == ["n4", "n5"]
    assert "填写 1" in unmet[0].text and "≥ 2 次/年" in unmet[0].text
    assert "填写 2024年2月20日" in unmet[1].text and "3月1日前" in unmet[1].text
    # on time in the 2025 cycle (even before the new year) and enough lectures: nothing unmet
    small_report.entry("n4").values["r1"] = RequirementValue(value=2)
    small_report.entry("n5").values["r1"] = RequirementValue(date="2024-12-20")
    assert _by(small_report, "unmet") == []
    small_report.year = 2026  # the same date is now a year late
    assert [f.key for f in _by(small_report, "unmet")] == ["n5"]


def test_requirements_without_a_value(small_report: Report) -> None:
    _write(small_report, "n4")
    no_value = _by(small_report, "no_value")
    assert [f.key for f in no_value] == ["n4"]
    assert "法治专题讲座举办次数" in no_value[0].text and "要求 ≥ 2 次/年" in no_value[0].text
    _write(small_report, "n5", status="na")  # 不涉及: nothing asked
    assert "n5" not in {f.key for f in findings(small_report)}


def test_unfinished_duties_say_what_is_missing(small_report: Report) -> None:
    small_report.entry("n9").performance = "组织学法两次。"
    small_report.entry("n4").status = "done"
    texts = {f.key: f.text for f in _by(small_report, "unfinished")}
    assert "未选落实情况" in texts["n9"]
    assert "履职情况为空" in texts["n4"]


def test_pending_carry_over_items_and_official_info(small_list: DutyList) -> None:
    r = Report.new(Official("", "县委书记", "", "party"), 2025, small_list)
    r.carry_over = [
        CarryOverItem(id="c1", problem="学法不够系统。", state="done"),
        CarryOverItem(id="c2", problem="合法性审查不全。"),
        CarryOverItem(id="c3", problem="法律顾问作用发挥不够。"),
    ]
    r.parts["next_steps"] = "继续推进。"
    parts = {f.key: f.text for f in _by(r, "parts")}
    assert parts == {
        "part:official": "基本信息：姓名或单位未填写",
        "part:rectification": "上年度问题整改情况：2 个问题未说明整改情况",
    }
    r.official.name, r.official.unit = "李明", "中共测试县委员会"
    for c in r.carry_over:
        c.state = "in_progress"
    assert _by(r, "parts") == []


def test_the_module_does_not_import_qt() -> None:
    code = "import sys, shuifa.completeness; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
