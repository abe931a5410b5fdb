"""Drive the walk-through as an official does: type, jump with the keyboard, check preview and store."""

from __future__ import annotations

from gui_helpers import blank_report, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shuifa.checkup import Code
from shuifa.gui.duty_tree_model import KeyRole


def open_blank(window, store, role="party"):
    report = blank_report(role)
    store.create_report(report)
    w = window()
    w.start.reload()
    assert w.open_report(report.id)
    return w, report


def test_open_shows_first_duty_and_title(window, store):
    w, report = open_blank(window, store)
    v = w.view
    first = report.duties()[0]
    assert v.current_key == first.id
    assert w.windowTitle() == "述法助手 — 王五 2025年度述法报告"
    assert first.label in v.duty_editor.title_label.text()
    assert v.progress_label.text().replace("<b>", "").replace("</b>", "") == "已填写 0/24"
    # only the 党委 duties (24) are walked, in the list's own groups
    assert len(v.model.duty_keys()) == 24


def test_typing_is_saved_without_a_save_button(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    duty_id = v.current_key
    ed = v.duty_editor.fields["performance"].editor
    type_text(ed, "全年召开党委会专题研究法治建设4次")
    assert v.duty_editor.fields["performance"].count.text() == "17 字"
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=2000)
    again = store.load_report(report.id)
    assert again.entries[duty_id].performance == "全年召开党委会专题研究法治建设4次"
    assert w.saved_label.text().startswith("已自动保存 ")


def test_keyboard_navigation_and_mark_done(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    keys = v.model.duty_keys()
    ed = v.duty_editor.fields["performance"].editor
    ed.setFocus()
    type_text(ed, "第一项已写")
    qtbot.keyClick(ed, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert v.current_key == keys[1]
    # the text typed on the first duty was saved on the switch
    assert store.load_report(report.id).entries[keys[0]].performance == "第一项已写"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert v.current_key == keys[2]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert v.current_key == keys[1]
    # mark done (Ctrl+D) then write the performance: the duty is finished
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert v.duty_editor.status_buttons["done"].isChecked()
    type_text(v.duty_editor.fields["performance"].editor, "已完成")
    assert v.report.duty_state(v.model.node(keys[1])) == "done"
    # F8: next unfinished skips nothing here but wraps to the first unfinished after the current one
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert v.current_key == keys[2]
    # Ctrl+Return: mark done and go to the next unfinished
    type_text(v.duty_editor.fields["performance"].editor, "第三项")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert v.current_key == keys[3]
    # writing the improvement clears that finding by itself while the panel is shown
    type_text(v.duty_editor.fields["improvements"].editor, "建立学法考勤制度")

    def still_listed() -> bool:
        return any(
            v.check.list.item(i).text().startswith("写了问题但没有改进措施") for i in range(v.check.list.count())
        )

    qtbot.waitUntil(lambda: not still_listed(), timeout=3000)
    assert v.report.entries[keys[2]].status == "done"
    assert v.report.entries[keys[2]].performance == "第三项"  # Ctrl+Return did not insert a line break
    assert "已填写 <b>2</b>/24" in v.progress_label.text()


def test_tree_icons_and_only_unfinished_filter(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    keys = v.model.duty_keys()
    v.duty_editor.set_status("done")
    type_text(v.duty_editor.fields["performance"].editor, "写完")
    assert v.model.index_for(keys[0]).data(Qt.ItemDataRole.UserRole + 2) == "done"
    v.go_to(keys[1])
    v.only_unfinished.setChecked(True)
    visible = []

    def walk(parent):
        for r in range(v.filter.rowCount(parent)):
            idx = v.filter.index(r, 0, parent)
            visible.append(idx.data(KeyRole))
            walk(idx)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    assert keys[0] not in visible
    assert keys[1] in visible and keys[5] in visible
    assert w.actions_by_name["only_unfinished"].isChecked()
    # finishing the open duty keeps it listed until the official moves on
    v.duty_editor.set_status("na")
    v.go_to(keys[2])
    visible.clear()
    walk(QModelIndex())
    assert keys[1] not in visible and keys[2] in visible
    assert v.tree.currentIndex().data(KeyRole) == keys[2]


def test_requirement_fields_show_met_and_unmet(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    duty = next(d for d in report.duties() if d.requirements and d.requirements[0].kind == "count")
    v.go_to(duty.id)
    v.duty_editor.set_status("done")  # a number alone does not finish a duty: write it too
    type_text(v.duty_editor.fields["performance"].editor, "全年举办法治讲座")
    row = v.duty_editor._rows[0]
    assert "要求 ≥" in row.labels[1].text()
    row.widget.setValue(0)
    assert "未达到" in row.mark.text()
    assert v.report.duty_state(duty) == "unmet"
    row.widget.setValue(int(duty.requirements[0].yearly_minimum() or 1) + 1)
    assert "已达到" in row.mark.text()
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=2000)
    val = store.load_report(report.id).entries[duty.id].values[duty.requirements[0].id]
    assert val.value == duty.requirements[0].yearly_minimum() + 1


def test_preview_follows_typing(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    v.show_side("preview")
    v.duty_editor.set_status("done")
    type_text(v.duty_editor.fields["performance"].editor, "组织旁听庭审活动两次")
    qtbot.waitUntil(lambda: "组织旁听庭审活动两次" in v.preview.text.toPlainText(), timeout=3000)
    qtbot.waitUntil(lambda: "现场发言稿" in v.preview.stats.text(), timeout=3000)  # the speech's time follows
    assert v.preview.stats.text().startswith("共 ")
    v.preview.kind.setCurrentIndex(v.preview.kind.findData("speech"))
    assert "发言" in v.preview.stats.text() and "分钟" in v.preview.stats.text()
    assert "组织旁听庭审活动两次" in v.preview.text.toPlainText()


def test_checkup_lists_and_jumps(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    keys = v.model.duty_keys()
    v.go_to(keys[3])
    v.duty_editor.set_status("done")
    type_text(v.duty_editor.fields["performance"].editor, "组织集体学法")
    type_text(v.duty_editor.fields["problems"].editor, "学法制度落实不够严格")
    v.show_side("check")
    v.check.check_now()
    texts = v.check.texts()
    assert "阻止 · 职责尚未填写（23 处）" in texts and "提示 · 写了问题，没有改进措施（1 处）" in texts
    # click the "problem without a measure" entry: it jumps to that duty
    v.go_to(keys[0])
    item = v.check.list.item(texts.index("提示 · 写了问题，没有改进措施（1 处）") + 1)
    v.check.list.scrollToItem(item)
    qtbot.mouseClick(v.check.list.viewport(), Qt.MouseButton.LeftButton, pos=v.check.list.visualItemRect(item).center())
    assert v.current_key == keys[3]


def test_find_across_notes(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    keys = v.model.duty_keys()
    v.go_to(keys[5])
    type_text(v.duty_editor.fields["evidence"].editor, "见党委会纪要第12号")
    v.go_to(keys[0])
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert v.side.currentWidget() is v.finder
    type_text(v.finder.edit, "纪要第12号")
    qtbot.keyClick(v.finder.edit, Qt.Key.Key_Return)
    assert v.current_key == keys[5]
    ed = v.duty_editor.fields["evidence"].editor
    assert ed.textCursor().selectedText() == "纪要第12号"
    assert v.finder.count.text() == "找到 1 处"


def test_undo_redo_per_duty(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    keys = v.model.duty_keys()
    ed = v.duty_editor.fields["performance"].editor
    type_text(ed, "甲")
    v.go_to(keys[1])
    v.go_to(keys[0])
    ed.setFocus()
    w.actions_by_name["undo"].trigger()
    assert ed.toPlainText() == ""
    assert v.report.entries[keys[0]].performance == ""
    w.actions_by_name["redo"].trigger()
    assert ed.toPlainText() == "甲"


def test_report_pages_and_role_change(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    v.go_to("part:opening")
    type_text(v.parts_editor.fields["opening"].editor, "本人任镇党委书记以来")
    v.go_to("part:official")
    v.parts_editor.name_edit.selectAll()
    type_text(v.parts_editor.name_edit, "赵六")
    assert w.windowTitle() == "述法助手 — 赵六 2025年度述法报告"
    v.parts_editor.role_combo.setCurrentIndex(v.parts_editor.role_combo.findData("government"))
    assert len(v.model.duty_keys()) == 28
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=2000)
    again = store.load_report(report.id)
    assert again.parts["opening"] == "本人任镇党委书记以来"
    assert again.official.name == "赵六" and again.official.role == "government"
    assert store.list_reports()[0].total == 28


def test_previous_year_is_reference_only(window, store, qtbot):
    from shuifa.model import CarryOverItem, PreviousEntry

    report = blank_report()
    first = report.duties()[0]
    report.previous[first.id] = PreviousEntry("去年开展法治讲座3次", "去年的问题", "去年的措施")
    report.previous_year = 2024
    report.carry_over = [CarryOverItem("c1", "学法不够系统", "制定年度学法计划", first.id)]
    store.create_report(report)
    w = window()
    w.start.reload()
    w.open_report(report.id)
    v = w.view
    assert v.duty_editor.prev_box.isVisible()
    assert "去年开展法治讲座3次" in v.duty_editor.prev_text.toPlainText()
    assert v.duty_editor.fields["performance"].text() == ""  # never copied unless asked
    v.duty_editor.quote_previous("performance")
    assert v.duty_editor.fields["performance"].text() == "去年开展法治讲座3次"
    v.go_to("part:rectification")
    combo, note = v.parts_editor.carry_widgets["c1"]
    combo.setCurrentIndex(combo.findData("done"))
    type_text(note.editor, "已印发学法计划")
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=2000)
    again = store.load_report(report.id)
    assert again.carry_over[0].state == "done" and again.carry_over[0].note == "已印发学法计划"
    assert again.entries[first.id].performance == "去年开展法治讲座3次"


def test_session_restored_in_a_new_window(window, store, qtbot):
    w, report = open_blank(window, store)
    keys = w.view.model.duty_keys()
    w.view.go_to(keys[7])
    type_text(w.view.duty_editor.fields["improvements"].editor, "下一步加强")
    w.close()
    w2 = window()
    w2.restore_session()
    assert w2.view is not None and w2.view.report.id == report.id
    assert w2.view.current_key == keys[7]
    assert w2.view.duty_editor.fields["improvements"].text() == "下一步加强"


def test_shortcuts_dialog_lists_navigation_keys(window, store):
    from shuifa.gui import dialogs

    w = window()
    seen = {}

    def driver(dlg):
        t = dlg.table
        seen["rows"] = [(t.item(r, 1).text(), t.item(r, 2).text()) for r in range(t.rowCount())]
        return 0

    dialogs.set_dialog_driver(driver)
    w.show_shortcuts()
    rows = dict(seen["rows"])
    from PySide6.QtGui import QKeySequence

    native = QKeySequence("Alt+Down").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["下一项职责"].startswith(native)
    assert rows["下一项未完成的职责"] == "F8"
    assert rows["立即保存"] == "Ctrl+S"


def test_tree_keyboard_moves_and_enter_starts_writing(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    keys = v.model.duty_keys()
    v.tree.setFocus()
    qtbot.keyClick(v.tree, Qt.Key.Key_Down)
    assert v.current_key == keys[1]
    qtbot.keyClick(v.tree, Qt.Key.Key_Return)
    assert w.focusWidget() is v.duty_editor.fields["performance"].editor


def test_typing_a_count_replaces_the_empty_mark(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    duty = next(d for d in report.duties() if d.requirements and d.requirements[0].kind == "count")
    v.go_to(duty.id)
    box = v.duty_editor._rows[0].widget
    assert box.text() == "未填写"
    qtbot.waitUntil(box.isVisible)
    qtbot.wait(20)  # opening the report gives the editor focus on the next tick; the click comes after
    w.activateWindow()
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    if not box.hasFocus():  # offscreen windows are not always active: give focus as the click would
        box.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: box.lineEdit().selectedText() == "未填写")
    qtbot.keyClicks(box, "3")
    assert box.value() == 3
    assert v.report.entries[duty.id].values[duty.requirements[0].id].value == 3


def _focus_sequence(w, start, stop, limit=12):
    """Press Tab from ``start`` until ``stop`` has the focus; the widgets passed on the way."""
    from PySide6.QtTest import QTest

    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    seen = [QApplication.focusWidget()]
    while seen[-1] is not stop and len(seen) < limit:
        QTest.keyClick(seen[-1], Qt.Key.Key_Tab)
        QApplication.processEvents()
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_follows_reading_order_on_a_duty_page(window, store, qtbot):
    w, report = open_blank(window, store)
    v = w.view
    ed = v.duty_editor
    duty = next(d for d in report.duties() if d.requirements and d.requirements[0].kind == "count")
    v.go_to(duty.id)
    box = ed._rows[0].widget
    qtbot.waitUntil(box.isVisible)
    qtbot.wait(20)  # opening the report gives the editor focus on the next tick
    w.activateWindow()
    seen = _focus_sequence(w, box, ed.fields["performance"].editor)
    assert seen[0] is box
    assert seen[-1] is ed.fields["performance"].editor, [type(x).__name__ for x in seen]
    assert v.only_unfinished not in seen and v.tree not in seen
    assert any(x in ed.status_buttons.values() for x in seen[1:-1])  # 落实情况 between the two
    assert all(ed.isAncestorOf(x) for x in seen)
    order = [ed.fields[k].editor for k in ("performance", "problems", "improvements", "evidence")]
    seen = _focus_sequence(w, order[0], order[-1])
    assert seen == order
    # a duty with a deadline (its date field made on first need) follows the same order
    dated = next((d for d in report.duties() for r in d.requirements if r.kind != "count"), None)
    if dated is not None:
        v.go_to(dated.id)
        seen = _focus_sequence(w, ed._rows[0].widget, ed.fields["performance"].editor)
        assert seen[-1] is ed.fields["performance"].editor


def test_requirements_are_judged_in_the_report_year_and_period_counts_entered_per_year(window, store, qtbot):
    from shuifa.model import Requirement, RequirementValue

    report = blank_report()
    assert report.year == 2025
    duties = [d for d in report.duties() if not d.requirements]
    counted, dated = duties[0], duties[1]
    counted.requirements = [
        Requirement(kind="count", text="每半年听取一次汇报", min=1, per="half-year", label="听取次数")
    ]
    dated.requirements = [Requirement(kind="deadline", text="每年3月1日前报告", deadline="03-01", label="报告日期")]
    e = report.entry(dated.id)
    e.status, e.performance = "done", "按时报告。"
    e.values["r1"] = RequirementValue(date="2024-12-20")  # early in the 2025 cycle: on time
    store.create_report(report)
    w = window()
    w.start.reload()
    assert w.open_report(report.id)
    v = w.view
    v.go_to(counted.id)
    row = v.duty_editor._rows[0]
    assert row.name.text() == "听取次数（全年）"
    assert row.labels[1].text() == "要求 ≥ 2 次/年（每半年 ≥ 1 次）"
    row.widget.setValue(1)
    assert "未达到" in row.mark.text()
    row.widget.setValue(2)
    assert "已达到" in row.mark.text()
    v.go_to(dated.id)
    row = v.duty_editor._rows[0]
    assert row.name.text() == "报告日期"
    assert "已达到" in row.mark.text()
    assert v.report.duty_state(dated) == "done"
    v.show_side("check")
    v.check.check_now()
    assert not any(f.where == dated.id and f.code is Code.REQUIREMENT_UNMET for f in v.check.findings)
    # the same date is a year late for the 2026 report
    v.go_to("part:official")
    v.parts_editor.year_spin.setValue(2026)
    v.go_to(dated.id)
    assert "未达到" in v.duty_editor._rows[0].mark.text()
    v.check.check_now()
    assert any(f.where == dated.id and f.code is Code.REQUIREMENT_UNMET for f in v.check.findings)
