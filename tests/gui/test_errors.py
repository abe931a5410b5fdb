"""Store trouble while typing: a conflicting change elsewhere, and a store that cannot be written."""

from __future__ import annotations

from gui_helpers import blank_report, type_text
from PySide6.QtWidgets import QApplication

from shuifa.errors import StoreError
from shuifa.store import Store


def _open(window, store):
    r = blank_report()
    store.create_report(r)
    w = window()
    w.start.reload()
    w.open_report(r.id)
    return w, r


def _other_window_writes(store, report_id, duty_id):
    """Another window (its own Store on the same file) saves 履职情况 of ``duty_id``."""
    with Store.open(store.path) as other:
        theirs = other.load_report(report_id)
        e = theirs.entry(duty_id)
        e.performance = "另一个窗口写的"
        other.save_entry(theirs, e)


def test_conflict_with_another_window_is_explained_and_nothing_overwritten(window, store, qtbot, answers):
    w, r = _open(window, store)
    v = w.view
    duty_id = v.current_key
    _other_window_writes(store, r.id, duty_id)
    answers.queue = ["稍后处理"]
    type_text(v.duty_editor.fields["performance"].editor, "本窗口写的")
    v.save_now()
    msg = next(m for m in answers.seen if m.title == "保存冲突")
    assert "另一个述法助手窗口" in msg.text
    assert "剪贴板" in msg.detail
    assert "本窗口写的" in QApplication.clipboard().text()
    with Store.open(store.path) as check:  # a separate reader: the window's store keeps its revisions
        assert check.load_report(r.id).entries[duty_id].performance == "另一个窗口写的"
    assert "未能保存" in w.saved_label.text()
    # reopening shows the other window's text
    answers.queue = ["重新打开报告"]
    v.autosave.stopped = False
    type_text(v.duty_editor.fields["performance"].editor, "再写")
    v.save_now()
    qtbot.waitUntil(lambda: w.view is not v and w.view is not None, timeout=2000)
    assert w.view.duty_editor.fields["performance"].text() == "另一个窗口写的"
    assert w.view.current_key == duty_id


def test_store_failure_is_shown_once_and_retried(window, store, qtbot, answers, monkeypatch):
    w, r = _open(window, store)
    v = w.view
    real = Store.save_entry
    calls = {"n": 0}

    def broken(self, report, entry):
        calls["n"] += 1
        raise StoreError("磁盘空间不足，本次保存未完成。", hint="请清理磁盘空间后重试，已输入的内容仍在窗口中。")

    monkeypatch.setattr(Store, "save_entry", broken)
    type_text(v.duty_editor.fields["performance"].editor, "一")
    assert not v.autosave.flush()
    type_text(v.duty_editor.fields["performance"].editor, "二")
    assert not v.autosave.flush()
    errors = [m for m in answers.seen if m.level == "error"]
    assert len(errors) == 1 and errors[0].text == "磁盘空间不足，本次保存未完成。"
    assert "请清理磁盘空间" in errors[0].detail
    assert "未能保存" in w.saved_label.text()
    monkeypatch.setattr(Store, "save_entry", real)
    assert v.autosave.flush()
    assert store.load_report(r.id).entries[v.current_key].performance == "一二"
    assert w.saved_label.text().startswith("已自动保存")


def test_conflict_on_a_report_level_page_keeps_its_text(window, store, qtbot, answers):
    w, r = _open(window, store)
    v = w.view
    v.go_to("part:next_steps", focus=True)
    other = Store.open(store.path)
    theirs = other.load_report(r.id)
    theirs.parts["opening"] = "另一个窗口改了开篇"
    other.save_header(theirs)
    other.close()
    answers.queue = ["稍后处理"]
    type_text(v.parts_editor.fields["next_steps"].editor, "明年继续加强法治培训")
    assert not v.save_now()
    msg = next(m for m in answers.seen if m.title == "保存冲突")
    assert "“下一步工作打算”没有保存" in msg.text
    assert "报告信息" not in msg.text
    assert "下一步工作打算" in msg.detail and "剪贴板" in msg.detail
    assert "重新打开报告" in msg.detail and "粘贴" in msg.detail
    assert QApplication.clipboard().text() == "明年继续加强法治培训"
    with Store.open(store.path) as check:  # nothing overwritten
        saved = check.load_report(r.id)
        assert saved.parts["opening"] == "另一个窗口改了开篇"
        assert not saved.parts.get("next_steps")


def test_conflict_names_every_unsaved_page_and_duty(window, store, qtbot, answers):
    w, r = _open(window, store)
    v = w.view
    duty_id = v.current_key
    _other_window_writes(store, r.id, duty_id)
    answers.queue = ["稍后处理"]
    type_text(v.duty_editor.fields["problems"].editor, "培训不够")  # refused when leaving the duty
    v.go_to("part:study", focus=True)
    type_text(v.parts_editor.fields["study"].editor, "参加学法3次")  # saving has stopped: unsaved too
    conflict = [m for m in answers.seen if m.title == "保存冲突"]
    assert len(conflict) == 1  # on leaving the duty
    assert QApplication.clipboard().text() == "【存在问题】\n培训不够"
    answers.queue = ["稍后处理"]
    v.save_now()  # Ctrl+S after typing on: asked again, everything unsaved on the clipboard
    conflict = [m for m in answers.seen if m.title == "保存冲突"]
    assert len(conflict) == 2
    assert "“学法用法”" in conflict[1].text and "剪贴板" in conflict[1].detail
    clip = QApplication.clipboard().text()
    assert "【存在问题】\n培训不够" in clip and "==== 学法用法 ====\n参加学法3次" in clip
    v.save_now()  # nothing new typed: not asked a third time
    assert len([m for m in answers.seen if m.title == "保存冲突"]) == 2
