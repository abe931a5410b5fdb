"""The 体检 panel in the walk-through: what it lists (blocking groups first, both places of a number
conflict, duties told apart), that a click jumps to the place, and that it checks off the GUI thread."""

from __future__ import annotations

import threading

from gui_helpers import blank_report, type_text
from PySide6.QtCore import Qt

from shuifa.checkup import Code
from shuifa.gui import checkup_panel
from shuifa.lists import load_builtin
from shuifa.model import Official, Report

WITHOUT_FIGURES = "本人牵头部署，按要求落实到位。"


def open_report(window, store, report: Report):
    store.create_report(report)
    w = window()
    w.start.reload()
    assert w.open_report(report.id)
    return w


def filled(report: Report, *, problems: bool) -> Report:
    """Every duty 已落实 with 履职情况; with ``problems``, each with a problem and a measure."""
    for d in report.duties():
        e = report.entry(d.id)
        e.status, e.performance = "done", WITHOUT_FIGURES
        if problems:
            e.problems, e.improvements = "督促检查不够有力，本人重视程度不够。", "每季度督促检查一次。"
    return report


def shown(panel, qtbot) -> list[str]:
    """Check now (in the worker, as after an edit) and wait for the result; the list's rows."""
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy and panel.latest is not None and panel.latest.serial == panel.serial)
    return panel.texts()


def click(panel, qtbot, row: int) -> None:
    item = panel.list.item(row)
    panel.list.scrollToItem(item)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_number_conflict_names_both_places_and_a_click_jumps_to_each(window, store, qtbot):
    report = filled(blank_report(), problems=True)
    keys = [d.id for d in report.duties()]
    report.entries[keys[2]].performance += "全年完成合法性审查55件。"
    w = open_report(window, store, report)
    v = w.view
    v.show_side("check")
    assert v.side.currentWidget() is v.check
    # the second statement is typed in the app: the panel follows the edit
    v.go_to(keys[7], focus=True)
    ed = v.duty_editor.fields["performance"].editor
    ed.moveCursor(ed.textCursor().MoveOperation.End)
    type_text(ed, "全年完成合法性审查40件。")
    qtbot.waitUntil(lambda: any("同一数字前后不一致" in t for t in v.check.texts()), timeout=5000)
    texts = v.check.texts()
    assert texts[0] == "阻止 · 同一数字前后不一致（1 处）"
    first, second = report.duties()[2], report.duties()[7]
    finding = texts[1]
    assert "合法性审查55件" in finding and "合法性审查40件" in finding
    assert finding.startswith(first.label) and second.label in finding
    assert texts[2].startswith("　　另一处：（8）推动建立健全党内法规执行情况")
    assert "阻止 1 处" in v.check.summary.text()
    # a click on the finding jumps to the first statement, on 另一处 to the second
    v.go_to("part:opening")
    click(v.check, qtbot, 1)
    assert v.current_key == keys[2]
    assert v.centre.currentWidget() is v.duty_editor
    click(v.check, qtbot, 2)
    assert v.current_key == keys[7]


def test_a_report_without_problems_is_blocked_first_and_long_groups_open_on_request(window, store, qtbot):
    report = filled(blank_report(), problems=False)
    for d in report.duties()[:14]:
        report.entries[d.id].status = "na"  # 不涉及 …
        report.entries[d.id].performance = ""
    for d in report.duties()[:14]:
        report.entries[d.id].status = ""  # … then cleared: 14 unfilled duties
    w = open_report(window, store, report)
    v = w.view
    v.show_side("check")
    texts = shown(v.check, qtbot)
    heads = [t for t in texts if " · " in t and t.endswith("处）")]
    assert "阻止 · 没有查摆出任何问题（1 处）" in heads
    assert "阻止 · 职责尚未填写（14 处）" in heads
    severities = [h.split(" · ")[0] for h in heads]
    assert severities == sorted(severities, key=lambda s: s != "阻止")  # 阻止 groups before 提示
    assert "全篇没有写一个存在问题" in "".join(texts)
    # 14 unfilled duties: the first 12 are listed, the rest on request
    more = next(i for i, t in enumerate(texts) if t.startswith("　……还有 2 处"))
    unfilled = [t for t in texts if t.endswith("尚未填写（写完，或标为“不涉及”）")]
    assert len(unfilled) == checkup_panel.SHOWN_PER_GROUP
    click(v.check, qtbot, more)
    texts = v.check.texts()
    assert len([t for t in texts if t.endswith("尚未填写（写完，或标为“不涉及”）")]) == 14
    assert not any(t.startswith("　……还有") for t in texts)
    # the “no problems” finding jumps to a duty, where problems are written
    row = next(i for i, t in enumerate(texts) if "全篇没有写一个存在问题" in t)
    v.go_to("part:official")
    click(v.check, qtbot, row)
    [no_problems] = [f for f in v.check.findings if f.code is Code.NO_PROBLEMS]
    assert v.current_key == no_problems.where == report.duties()[0].id


def test_a_partial_duty_without_a_problem_is_listed_and_next_steps_are_not(window, store, qtbot):
    report = filled(blank_report(), problems=True)
    partial = report.duties()[5]
    report.entries[partial.id].status = "partial"
    report.entries[partial.id].problems = report.entries[partial.id].improvements = ""
    assert report.parts["next_steps"] == ""
    w = open_report(window, store, report)
    v = w.view
    v.show_side("check")
    texts = shown(v.check, qtbot)
    assert texts[0] == "阻止 · 部分落实或未落实，却没有写存在问题（1 处）"
    assert texts[1].startswith(partial.label) and "标为“部分落实”" in texts[1]
    assert not any("下一步" in t for t in texts)


def test_duties_with_the_same_label_are_told_apart_by_their_article(window, store, qtbot):
    report = Report.new(
        Official("张三", "省委书记", "中共浙江省委员会", "party"), 2025, load_builtin("zhejiang-province-2018")
    )
    w = open_report(window, store, report)
    v = w.view
    v.show_side("check")
    texts = shown(v.check, qtbot)
    assert any(t.startswith("第五条（一）认真履行法治建设第一责任人职责") for t in texts)
    assert any(t.startswith("第六条（一）") for t in texts)


def test_a_kind_over_its_budget_opens_the_compose_page(window, store, qtbot):
    w = open_report(window, store, filled(blank_report(), problems=True))
    v = w.view
    kinds = []
    v.check.kind_wanted.connect(kinds.append)
    v.check.go("kind:speech")
    assert v.current_key == "part:compose"
    assert v.centre.currentWidget() is v.compose_page
    assert kinds == ["speech"]


def test_the_check_runs_off_the_gui_thread(window, store, qtbot, monkeypatch):
    threads = []
    real = checkup_panel.run_check

    def spy(report, serial=0):
        threads.append(threading.current_thread())
        return real(report, serial)

    monkeypatch.setattr(checkup_panel, "run_check", spy)
    w = open_report(window, store, filled(blank_report(), problems=False))
    v = w.view
    v.show_side("check")
    type_text(v.duty_editor.fields["problems"].editor, "学法不够系统")
    assert v.check.busy  # typing schedules a check; it does not run it
    qtbot.waitUntil(lambda: not v.check.busy and bool(threads), timeout=5000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert "没有查摆出任何问题" not in "".join(v.check.texts())  # the problem typed counts
