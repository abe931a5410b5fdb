"""The 体检 before every export: a report a reviewer would send back asks 仍要导出 / 去修改 (the export
dialog and the clerk's batch export); 去修改 writes nothing and shows the place, 仍要导出 writes; a clean
report exports without a question."""

from __future__ import annotations

from pathlib import Path

import docx
from gui_helpers import blank_report
from PySide6.QtWidgets import QDialog

from shuifa.checkup import check
from shuifa.gui import dialogs
from shuifa.gui.checkup_panel import EXPORT_QUESTION_TITLE
from shuifa.gui.clerk import batch_export, common
from shuifa.gui.export_dialog import ExportDialog
from shuifa.lists import load_builtin
from shuifa.model import Report
from shuifa.sample import make_sample


def without_problems() -> Report:
    report = blank_report()
    for d in report.duties():
        e = report.entry(d.id)
        e.status, e.performance = "done", "本人牵头部署，按要求落实到位。"
    return report


def with_problems() -> Report:
    """Every duty written, each with a problem (and its cause) and a measure: nothing blocks."""
    report = without_problems()
    for e in report.entries.values():
        e.problems, e.improvements = "督促检查不够有力，本人重视程度不够。", "每季度督促检查一次。"
    assert not [f for f in check(report) if f.blocks]
    return report


def clean_sample() -> Report:
    report = make_sample(load_builtin("niuxintuo-town-2023"), role="party", year=2025, seed=1)
    assert check(report) == [], [f.message for f in check(report)]
    return report


def open_at(window, store, report: Report, key: str):
    store.create_report(report)
    w = window()
    w.start.reload()
    assert w.open_report(report.id)
    w.view.go_to(key)
    w.view.show_side("preview")
    return w


def export_to(out: Path, qtbot, seen: dict):
    """A dialog driver: the file name typed, 导出 pressed, the export waited for (when it runs)."""

    def driver(dlg: QDialog) -> int:
        assert isinstance(dlg, ExportDialog)
        dlg.path.setText(str(out))
        dlg.ok.click()
        if dlg.task is not None:
            qtbot.waitUntil(lambda: dlg.output is not None or bool(dlg.task.error), timeout=30000)
        seen["dialog"] = dlg
        return dlg.result()

    return driver


def questions(answers) -> list:
    return [m for m in answers.seen if m.title == EXPORT_QUESTION_TITLE]


def test_go_fix_writes_nothing_and_shows_the_place(window, store, qtbot, tmp_path: Path, answers):
    report = without_problems()
    w = open_at(window, store, report, "part:opening")
    out = tmp_path / "报告.docx"
    seen: dict = {}
    dialogs.set_dialog_driver(export_to(out, qtbot, seen))
    answers.queue = ["去修改"]
    w.actions_by_name["export"].trigger()
    [q] = questions(answers)
    assert tuple(q.buttons) == ("仍要导出", "去修改")
    assert "报送后会被退回" in q.text
    assert "没有查摆出任何问题" in q.detail and "全篇没有写一个存在问题" in q.detail
    assert not out.exists()
    assert seen["dialog"].result() == QDialog.DialogCode.Rejected
    assert not any(m.title == "导出完成" for m in answers.seen)
    # the place: the duty where problems go, beside the 体检 panel
    v = w.view
    assert v.current_key == report.duties()[0].id
    assert v.centre.currentWidget() is v.duty_editor
    assert v.side.currentWidget() is v.check


def test_go_fix_from_the_report_list_opens_the_report_at_the_place(window, store, qtbot, tmp_path, answers):
    report = without_problems()
    store.create_report(report)
    w = window()
    w.start.reload(select=[report.id])
    assert w.view is None
    out = tmp_path / "报告.docx"
    dialogs.set_dialog_driver(export_to(out, qtbot, {}))
    answers.queue = ["去修改"]
    w.actions_by_name["export"].trigger()
    assert len(questions(answers)) == 1 and not out.exists()
    assert w.view is not None and w.view.report.id == report.id
    assert w.view.current_key == report.duties()[0].id
    assert w.view.side.currentWidget() is w.view.check


def test_export_anyway_writes_the_file(window, store, qtbot, tmp_path: Path, answers):
    report = without_problems()
    w = open_at(window, store, report, "part:opening")
    out = tmp_path / "报告.docx"
    dialogs.set_dialog_driver(export_to(out, qtbot, {}))
    answers.queue = ["仍要导出"]
    answers.default = "关闭"
    w.actions_by_name["export"].trigger()
    assert len(questions(answers)) == 1
    assert out.is_file() and "本人牵头部署" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert answers.seen[-1].title == "导出完成"
    assert w.view.current_key == "part:opening"  # nothing moved


def test_a_clean_report_exports_without_a_question(window, store, qtbot, tmp_path: Path, answers):
    w = open_at(window, store, clean_sample(), "part:opening")
    out = tmp_path / "报告.docx"
    dialogs.set_dialog_driver(export_to(out, qtbot, {}))
    answers.default = "关闭"
    w.actions_by_name["export"].trigger()
    assert questions(answers) == []
    assert out.is_file()
    assert [m.title for m in answers.seen] == ["导出完成"]


def _batch(window, store, reports, tmp_path, monkeypatch):
    for r in reports:
        store.create_report(r)
    w = window()
    w.start.reload()
    folder = tmp_path / "批量"

    def fill(dlg) -> bool:
        dlg.folder_edit.setText(str(folder))
        return True

    monkeypatch.setattr(common, "exec_dialog", fill)
    monkeypatch.setattr(common, "open_path", lambda p: True)
    return w, folder


def test_batch_export_go_fix_opens_the_report_at_its_place(window, store, qtbot, tmp_path, answers, monkeypatch):
    bad = without_problems()
    bad.official.name = "赵六"
    w, folder = _batch(window, store, [with_problems(), bad], tmp_path, monkeypatch)
    answers.queue = ["去修改"]
    assert batch_export(w, store, [r.id for r in store.list_reports()]) is None
    [q] = questions(answers)
    assert tuple(q.buttons) == ("仍要导出", "去修改")
    assert "1 份报告" in q.text
    assert "赵六" in q.detail and "没有查摆出任何问题 1 处" in q.detail
    assert not folder.exists() or not list(folder.iterdir())
    assert w.view is not None and w.view.report.id == bad.id
    assert w.view.current_key == bad.duties()[0].id
    assert w.view.side.currentWidget() is w.view.check


def test_batch_export_anyway_and_a_clean_batch(window, store, qtbot, tmp_path, answers, monkeypatch):
    bad = without_problems()
    bad.official.name = "赵六"
    w, folder = _batch(window, store, [with_problems(), bad], tmp_path, monkeypatch)
    answers.queue = ["仍要导出"]
    answers.default = "关闭"
    result = batch_export(w, store, [r.id for r in store.list_reports()])
    assert len(questions(answers)) == 1 and len(result.docx) == 2
    assert w.view is None
    # the clean report alone: no question
    answers.seen.clear()
    clean = next(r for r in store.list_reports() if r.id != bad.id)
    result = batch_export(w, store, [clean.id])
    assert questions(answers) == [] and len(result.docx) == 1
