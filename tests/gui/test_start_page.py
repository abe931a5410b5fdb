"""The start screen: first run, new report dialog, duplicate, delete with undo, .shufa import/export."""

from __future__ import annotations

import time
from pathlib import Path

from gui_helpers import blank_report, type_text
from PySide6.QtWidgets import QDialog

from shuifa.exchange import read_report, write_report
from shuifa.gui import dialogs
from shuifa.gui.app import ensure_sample


def test_first_run_adds_the_finished_sample_once(store):
    rid = ensure_sample(store)
    assert rid is not None
    rows = store.list_reports()
    assert len(rows) == 1 and rows[0].list_id == "niuxintuo-town-2023"
    assert rows[0].done == rows[0].total > 0  # a finished report
    store.delete_report(rid)
    assert ensure_sample(store) is None  # never re-added once the user has been here
    assert store.list_reports() == []


def test_the_sample_is_marked_in_the_list(window, store):
    ensure_sample(store)
    w = window()
    name = w.start.tree.topLevelItem(0).text(0)
    assert name.endswith("（示例）") and len(name) > len("（示例）")


def test_start_page_lists_reports_newest_first(window, store):
    a = blank_report()
    store.create_report(a)
    time.sleep(1.05)  # the store orders by change time, to the second
    b = blank_report("government")
    b.official.name = "钱七"
    store.create_report(b)
    w = window()
    t = w.start.tree
    assert t.topLevelItemCount() == 2
    assert t.topLevelItem(0).text(0) == "钱七"
    assert t.topLevelItem(0).text(3) == "政府主要负责人"
    assert t.topLevelItem(0).text(4) == "2025年度"
    assert "牛心坨镇" in t.topLevelItem(0).text(5)
    assert t.topLevelItem(1).text(0) == "王五"


def test_new_report_dialog_creates_and_opens(window, store, qtbot):
    w = window()

    def driver(dlg: QDialog) -> int:
        type_text(dlg.name, "张三")
        type_text(dlg.title_edit, "镇长")
        type_text(dlg.unit, "牛心坨镇人民政府")
        dlg.role.setCurrentIndex(dlg.role.findData("government"))
        dlg.year.setValue(2025)
        dlg.select_list("builtin:niuxintuo-town-2023")
        assert "28 项职责" in dlg.walk.text()
        dlg.ok.click()
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    w.new_report()
    assert w.view is not None
    assert w.windowTitle() == "述法助手 — 张三 2025年度述法报告"
    rows = store.list_reports()
    assert len(rows) == 1
    r = store.load_report(rows[0].id)
    assert (r.official.name, r.official.title, r.official.unit, r.official.role) == (
        "张三",
        "镇长",
        "牛心坨镇人民政府",
        "government",
    )
    assert len(r.duties()) == 28 and r.year == 2025


def test_new_report_dialog_requires_a_name(window, store, answers):
    w = window()

    def driver(dlg: QDialog) -> int:
        dlg.ok.click()
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    w.new_report()
    assert store.list_reports() == []
    assert answers.texts() == ["请填写述法人的姓名。"]


def test_delete_confirm_and_undo(window, store, qtbot, answers):
    r = blank_report()
    store.create_report(r)
    w = window()
    w.start.select([r.id])
    answers.queue = ["删除"]
    w.start.delete_button.click()
    assert "删除“王五 2025年度”的述法报告吗？" in answers.texts()
    assert store.list_reports() == [] and w.start.tree.isHidden()
    assert w.undo_button.isVisible()
    w.undo_button.click()
    assert [s.id for s in store.list_reports()] == [r.id]
    assert w.start.tree.topLevelItemCount() == 1
    assert not w.undo_button.isVisible()


def test_delete_cancelled_keeps_the_report(window, store, answers):
    r = blank_report()
    store.create_report(r)
    w = window()
    w.start.select([r.id])
    answers.queue = ["取消"]
    w.start.delete_button.click()
    assert len(store.list_reports()) == 1


def test_duplicate(window, store):
    r = blank_report()
    r.entry(r.duties()[0].id).performance = "原有内容"
    store.create_report(r)
    w = window()
    w.start.select([r.id])
    w.start.dup_button.click()
    rows = store.list_reports()
    assert len(rows) == 2
    copy = store.load_report(next(s.id for s in rows if s.id != r.id))
    assert copy.entries[r.duties()[0].id].performance == "原有内容"


def test_export_and_import_shufa(window, store, tmp_path: Path, answers):
    r = blank_report()
    r.entry(r.duties()[0].id).performance = "交换文件内容"
    store.create_report(r)
    w = window()
    w.start.select([r.id])
    out = tmp_path / "王五.shufa"
    dialogs.set_file_answerer(lambda kind, title, suggested: str(out))
    w.start.export_button.click()
    assert read_report(out).entries[r.duties()[0].id].performance == "交换文件内容"
    # importing the same report again: the user chooses to keep both
    answers.queue = ["保留两份"]
    dialogs.set_file_answerer(lambda kind, title, suggested: str(out))
    w.start.import_button.click()
    assert len(store.list_reports()) == 2
    # a fresh file from someone else imports without questions
    other = blank_report()
    other.official.name = "孙八"
    write_report(other, tmp_path / "孙八.shufa")
    dialogs.set_file_answerer(lambda kind, title, suggested: str(tmp_path / "孙八.shufa"))
    n = len(answers.seen)
    w.start.import_button.click()
    assert len(answers.seen) == n
    assert any(s.name == "孙八" for s in store.list_reports())
    assert w.start.selected_ids() == [other.id]


def test_import_of_a_bad_file_says_why(window, store, tmp_path: Path, answers):
    bad = tmp_path / "坏文件.shufa"
    bad.write_text("这不是报告", encoding="utf-8")
    w = window()
    dialogs.set_file_answerer(lambda kind, title, suggested: str(bad))
    w.start.import_button.click()
    assert store.list_reports() == []
    assert answers.seen[-1].level == "error"
    assert answers.seen[-1].title == "无法导入"


def test_back_to_list_forgets_the_open_report(window, store):
    r = blank_report()
    store.create_report(r)
    w = window()
    w.start.reload()
    w.open_report(r.id)
    w.actions_by_name["back"].trigger()
    assert w.view is None and w.stack.currentWidget() is w.start
    assert store.get_state("gui.current") is None
    assert w.windowTitle() == "述法助手"


def test_dropping_a_shufa_file_imports_it(window, store, tmp_path: Path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    other = blank_report()
    other.official.name = "吴十"
    path = tmp_path / "吴十.shufa"
    write_report(other, path)
    w = window()
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path / "说明.txt"))])
    enter = QDragEnterEvent(
        w.start.rect().center(), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(w.start, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(w.start.rect().center()),
        Qt.DropAction.CopyAction,
        md,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(w.start, drop)
    assert [s.name for s in store.list_reports()] == ["吴十"]
    assert w.start.selected_ids() == [other.id]
