"""成稿: the official edits report.plan on the page; the preview and compose() follow, the store keeps it."""

from __future__ import annotations

from datetime import date

from gui_helpers import type_text
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from shuifa.compose import KINDS, compose
from shuifa.compose.wording import format_date
from shuifa.gui.compose_page import COMPOSE_KEY, FALLBACK_NOTE, KeyRole
from shuifa.lists import load_builtin
from shuifa.sample import make_sample
from shuifa.store import Store


def settle(v, qtbot) -> None:
    """Wait until the composition made after the last edit is shown on the page and in the preview."""

    def done() -> bool:
        c = v.composer
        page = v.compose_page
        return (
            not c.busy
            and c.latest is not None
            and c.latest.serial == c.serial
            and (page is None or not page.isVisible() or page._result is c.latest)
        )

    qtbot.waitUntil(done, timeout=8000)
    QApplication.processEvents()


def open_sample(window, store, qtbot):
    r = make_sample(load_builtin("niuxintuo-town-2023"), year=2026)
    store.create_report(r)
    w = window()
    w.start.reload()
    assert w.open_report(r.id)
    v = w.view
    w.actions_by_name["compose"].trigger()  # 查看 → 成稿 (F6)
    assert v.current_key == COMPOSE_KEY and v.centre.currentWidget() is v.compose_page
    settle(v, qtbot)
    return w, v, v.compose_page, r


def preview_text(v) -> str:
    return v.preview.text.toPlainText()


def document(v, kind: str) -> str:
    return "\n".join(compose(v.report, kind).lines())


def block_of(v, kind: str, key: str):
    return next((b for s in compose(v.report, kind).sections for b in s.blocks if b.key == key), None)


def edit_inline(tree, item, text: str) -> None:
    """F2 on the row, replace the text, Enter: as the official edits a lead or a heading."""
    tree.scrollToItem(item)
    tree.setCurrentItem(item, 0)
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    if text:
        type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the event loop


def printed_points(page, kind: str) -> list[str]:
    return [k for k in page._points if k in page._result.docs[kind].included]


def test_editing_a_lead_changes_the_preview_and_survives_reopening(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    assert v.preview.current_kind() == page.current_kind() == "shufa-report"
    key = printed_points(page, "shufa-report")[0]
    proposed = page._points[key].proposed_lead
    new = "依法办事走在前列"
    assert new not in preview_text(v)
    edit_inline(page.tree, page._items[key], new)
    assert v.report.plan.leads[key] == new
    settle(v, qtbot)
    assert new in preview_text(v)
    assert new in block_of(v, "shufa-report", key).text
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=3000)  # saved like every other edit
    assert store.load_report(r.id).plan.leads[key] == new

    assert w.open_report(r.id)  # close and open again: the lead is the official's
    v2 = w.view
    assert v2 is not v
    v2.show_compose()
    settle(v2, qtbot)
    assert v2.compose_page._items[key].text(0) == new
    assert new in preview_text(v2)

    # emptying the lead takes the proposal back
    edit_inline(v2.compose_page.tree, v2.compose_page._items[key], "")
    assert key not in v2.report.plan.leads
    assert v2.compose_page._items[key].text(0) == proposed
    settle(v2, qtbot)
    assert new not in preview_text(v2)


def test_unticking_a_point_leaves_it_out_of_that_kind_only(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    res = page._result
    report_text, speech_text = res.texts["shufa-report"], res.texts["speech"]
    key, sentence = next(
        (k, s)
        for k in printed_points(page, "shufa-report")
        if k in res.docs["speech"].included
        for s in page._points[k].sentences
        if len(s) > 12 and s in report_text and s in speech_text
    )
    item = page._items[key]
    assert item.checkState(0) == Qt.CheckState.Checked
    page.tree.setCurrentItem(item, 0)
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Space)  # the tick of 写入本稿
    assert item.checkState(0) == Qt.CheckState.Unchecked
    assert key in v.report.plan.choices("shufa-report").dropped
    settle(v, qtbot)
    assert sentence not in preview_text(v)
    assert sentence not in document(v, "shufa-report")
    assert sentence in document(v, "speech")  # the speech keeps it
    assert item.font(0).strikeOut()  # shown as left out
    page.set_kind("speech")
    assert v.preview.current_kind() == "speech"  # the preview follows the page
    assert item.checkState(0) == Qt.CheckState.Checked
    assert sentence in preview_text(v)


def test_moving_a_point_to_another_topic_prints_it_under_that_heading(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    res = page._result
    topics = {t.id: t for t in res.material.topics}
    key = next(k for k in printed_points(page, "shufa-report") if page._points[k].topic == "leadership")
    target = "publicity"
    assert target in topics and key not in [p.key for p in topics[target].points]
    assert page.select(key)
    page.move_combo.setCurrentIndex(page.move_combo.findData(target))
    QTest.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    assert page._items[key].parent() is page._items[target]  # moved at once
    assert v.report.plan.topic_of[key] == target
    settle(v, qtbot)
    printed = block_of(v, "shufa-report", key).text  # (its lead is proposed anew for the new topic)
    lines = preview_text(v).split("\n")
    heading = topics[target].heading
    start = next(i for i, line in enumerate(lines) if line.startswith("（") and line.endswith(heading))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("（", "二、"))), len(lines))
    assert printed in lines[start + 1 : end]
    assert page._items[key].parent() is page._items[target]  # the recomposed tree agrees
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=3000)
    assert store.load_report(r.id).plan.topic_of[key] == target


def test_dragging_a_point_reorders_its_topic(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    study = page._items["study"]
    first, third = study.child(0), study.child(2)
    k_first, k_third = first.data(0, KeyRole), third.data(0, KeyRole)
    page.tree.scrollToItem(first)
    page.tree.setCurrentItem(third, 0)
    rect = page.tree.visualItemRect(first)
    pos = QPointF(rect.center().x(), rect.top() + 2)  # the upper edge of the first point: above it
    mime = page.tree.mimeData([third])
    drop = QDropEvent(pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # (Qt delivers a drop only during a real drag, which offscreen tests cannot make: the handler Qt
    # calls is called directly, with the event a drop at that place carries)
    page.tree.dropEvent(drop)
    assert drop.isAccepted() and drop.dropAction() != Qt.DropAction.MoveAction  # Qt must not remove a row
    assert study.child(0) is third and study.child(1) is first
    assert v.report.plan.point_order["study"][:2] == [k_third, k_first]
    settle(v, qtbot)
    keys = [b.key for s in compose(v.report, "shufa-report").sections for b in s.blocks if b.kind == "point"]
    assert keys.index(k_third) < keys.index(k_first)
    # a point cannot be dropped outside every topic
    page.tree.setCurrentItem(study.child(1), 0)
    order = page.tree.structure()
    page.tree.collapseAll()  # room below the last topic
    below = page.tree.visualItemRect(page.tree.topLevelItem(page.tree.topLevelItemCount() - 1)).bottom() + 20
    assert page.tree.itemAt(5, below) is None
    drop = QDropEvent(
        QPointF(5, below), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    page.tree.dropEvent(drop)
    assert not drop.isAccepted()
    assert page.tree.structure() == order


def test_over_budget_kind_shows_the_verdict_on_the_length_bar(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    assert not page.verdict_label.isVisible()
    page.set_kind("shuzhi-section")
    settle(v, qtbot)
    assert "上限 1500 字" in page.length_label.text()
    for key in list(page._points):  # 固定 every point: more than the section can hold
        page._items[key].setCheckState(1, Qt.CheckState.Checked)
    assert set(v.report.plan.choices("shuzhi-section").pinned) == set(page._points)
    settle(v, qtbot)
    c = compose(v.report, "shuzhi-section")
    assert c.chars > 1500 and c.verdict
    assert page.length_label.text().startswith(f"共 {c.chars} 字 / 上限 1500 字")
    assert page.verdict_label.isVisible() and page.verdict_label.text() == c.verdict
    assert "超出上限" in page.verdict_label.text()
    assert "#C8372D" in page.length_label.styleSheet() and "#C8372D" in page.length_bar.styleSheet()
    assert page.length_bar.value() == page.length_bar.maximum()
    assert "#C8372D" in v.preview.stats.styleSheet()  # the preview's length line too
    page.set_kind("shufa-report")  # pinned for the section only: the written report is within budget
    assert not page.verdict_label.isVisible()
    assert "#C8372D" not in page.length_label.styleSheet()


def test_speech_time_follows_the_speaking_rate(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    page.set_kind("speech")
    page.tabs.setCurrentIndex(2)
    page.rate_spin.setValue(120)
    assert v.report.plan.speaking_rate == 120
    settle(v, qtbot)
    c = compose(v.report, "speech")
    assert c.budget.high == 8 * 120
    assert "按每分钟 120 字" in page.length_label.text()
    assert f"上限 {8 * 120} 字" in page.length_label.text()


def test_the_date_field_sets_the_signature_date(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    page.tabs.setCurrentIndex(2)
    assert page.date_today.isChecked() and not page.date_edit.isEnabled()
    assert v.report.plan.date is None
    page.date_today.click()
    assert not page.date_today.isChecked()
    assert page.date_edit.isEnabled()
    page.date_edit.setDate(QDate(2025, 12, 28))
    assert v.report.plan.date == "2025-12-28"
    assert compose(v.report, "shufa-report").signature["date"] == format_date(date(2025, 12, 28))
    settle(v, qtbot)
    assert format_date(date(2025, 12, 28)) in preview_text(v)
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=3000)
    assert store.load_report(r.id).plan.date == "2025-12-28"
    page.date_today.setChecked(True)  # back to the day of export
    assert v.report.plan.date is None
    assert compose(v.report, "shufa-report").signature["date"] == format_date(date.today())


def test_title_byline_and_annex(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    from shuifa.compose.documents import ANNEX_TITLE, default_byline, default_title

    page.tabs.setCurrentIndex(2)
    assert page.title_edit.placeholderText() == default_title(v.report, "shufa-report")
    assert page.byline_edit.placeholderText() == default_byline(v.report)
    type_text(page.title_edit, "述法报告")
    assert v.report.plan.title == "述法报告"
    page.annex_check.setChecked(False)
    assert v.report.plan.annex is False
    settle(v, qtbot)
    text = preview_text(v)
    assert text.startswith("述法报告\n")
    assert ANNEX_TITLE not in text


def test_problem_head_and_cause(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    page.tabs.setCurrentIndex(1)
    res = page._result
    problem = next(p for p in res.material.problems if p.key in page._problem_rows and p.proposed_cause)
    head, cause, measure, _ = page._problem_rows[problem.key]
    assert cause.placeholderText() == problem.proposed_cause  # until the official writes one
    assert head.placeholderText() == problem.head
    type_text(head, "依法决策还有短板")
    assert v.report.plan.problem_heads[problem.key] == "依法决策还有短板"
    type_text(cause, "主要是本人把关不严。")
    assert v.report.plan.problem_causes[problem.key] == "主要是本人把关不严。"
    settle(v, qtbot)
    text = preview_text(v)
    assert "依法决策还有短板" in text and "主要是本人把关不严。" in text
    assert problem.proposed_cause not in text


def test_reset_asks_and_clears_only_that_kind(window, store, qtbot, answers):
    w, v, page, r = open_sample(window, store, qtbot)
    key = next(iter(page._points))
    page.set_kind("speech")
    page._items[key].setCheckState(0, Qt.CheckState.Unchecked)
    page.set_kind("shufa-report")
    page._items[key].setCheckState(1, Qt.CheckState.Checked)
    edit_inline(page.tree, page._items[key], "自己写的小标题")
    plan = v.report.plan
    assert key in plan.choices("speech").dropped and key in plan.choices("shufa-report").pinned
    answers.queue = ["取消"]
    page.reset_button.click()
    assert key in plan.choices("shufa-report").pinned  # nothing changed
    answers.queue = [f"只恢复{KINDS['shufa-report']}的取舍"]
    page.reset_button.click()
    assert answers.seen[-1].level == "question" and "恢复" in answers.seen[-1].text
    assert "shufa-report" not in plan.kinds
    assert key in plan.choices("speech").dropped and plan.leads[key] == "自己写的小标题"
    answers.queue = ["全部恢复自动方案"]
    page.reset_button.click()
    assert not plan.kinds and not plan.leads
    settle(v, qtbot)
    assert page._items[key].text(0) == page._points[key].proposed_lead


def test_preview_lists_every_kind_and_shows_exactly_the_composition(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    kinds = [v.preview.kind.itemData(i) for i in range(v.preview.kind.count())]
    assert kinds == list(KINDS) and "speech-outline" in kinds
    for kind in KINDS:
        v.preview.kind.setCurrentIndex(v.preview.kind.findData(kind))
        assert page.current_kind() == kind  # the page follows the preview
        c = compose(v.report, kind)
        assert preview_text(v) == "\n".join(c.lines())
        assert v.preview.stats.text().startswith(f"共 {c.chars} 字 / 上限 {c.budget.high} 字")
        assert page.length_label.text().startswith(f"共 {c.chars} 字 / 上限 {c.budget.high} 字")


def test_topics_reorder_and_headings_edit(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    second = page.tree.topLevelItem(1)
    tid = second.data(0, KeyRole)
    page.tree.setCurrentItem(second, 0)
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # 上移
    assert page.tree.topLevelItem(0) is second
    assert v.report.plan.topic_order[0] == tid
    edit_inline(page.tree, second, "加强组织领导")
    assert v.report.plan.headings[tid] == "加强组织领导"
    settle(v, qtbot)
    perf = compose(v.report, "shufa-report").section("performance")
    assert perf.blocks[0].kind == "topic" and perf.blocks[0].key == tid
    assert perf.blocks[0].text.endswith("加强组织领导")
    assert "加强组织领导" in preview_text(v)


def test_merge_and_unmerge(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    study = page._items["study"]
    above, below = study.child(0).data(0, KeyRole), study.child(1).data(0, KeyRole)
    page.select(below)
    page.merge_button.click()
    assert v.report.plan.merged[below] == above
    settle(v, qtbot)
    assert below not in page._items
    assert "已并入 1 条" in page._items[above].text(2)
    assert below not in compose(v.report, "shufa-report").included
    page.select(above)
    assert page.unmerge_button.isEnabled()
    page.unmerge_button.click()
    assert below not in v.report.plan.merged
    settle(v, qtbot)
    assert below in page._items


def test_fallback_points_are_marked(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    from shuifa.compose.topics import MappedBy

    for key, p in page._points.items():
        assert (FALLBACK_NOTE in page._items[key].text(2)) == (p.mapped == MappedBy.FALLBACK)


def test_not_printed_points_are_grey(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    included = page._result.docs["shufa-report"].included
    left_out = [k for k in page._points if k not in included]
    assert left_out, "the sample report leaves some points out of the written report"
    grey = page._items[left_out[0]].foreground(0).color().name().upper()
    assert grey == "#9AA0A6"
    kept = next(k for k in page._points if k in included)
    assert page._items[kept].foreground(0).color().name().upper() != "#9AA0A6"


def test_conflict_on_the_compose_page_names_it_and_keeps_the_edits(window, store, qtbot, answers):
    w, v, page, r = open_sample(window, store, qtbot)
    with Store.open(store.path) as other:  # another window changes the report-level data
        theirs = other.load_report(r.id)
        theirs.parts["opening"] = "另一个窗口改了开篇"
        other.save_header(theirs)
    answers.queue = ["稍后处理"]
    page.tabs.setCurrentIndex(2)
    type_text(page.byline_edit, "镇党委书记　王五")
    assert not v.save_now()
    msg = next(m for m in answers.seen if m.title == "保存冲突")
    assert "“成稿”没有保存" in msg.text
    assert "署名：镇党委书记　王五" in QApplication.clipboard().text()
    with Store.open(store.path) as check:
        assert check.load_report(r.id).parts["opening"] == "另一个窗口改了开篇"


def test_the_kind_chosen_here_is_the_one_exported(window, store, qtbot, tmp_path, answers):
    import docx
    from PySide6.QtWidgets import QDialog

    from shuifa.gui import dialogs
    from shuifa.gui.export_dialog import ExportDialog

    w, v, page, r = open_sample(window, store, qtbot)
    page.set_kind("speech-outline")
    out = tmp_path / "提纲.docx"
    seen = {}

    def driver(dlg: QDialog) -> int:
        assert isinstance(dlg, ExportDialog)
        assert dlg.kind.currentData() == "speech-outline"  # 述法提纲, preselected from the page
        dlg.path.setText(str(out))
        dlg.ok.click()
        qtbot.waitUntil(lambda: dlg.output is not None or bool(dlg.task and dlg.task.error), timeout=30000)
        seen["task"] = dlg.task
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    answers.default = "关闭"
    w.actions_by_name["export"].trigger()
    assert seen["task"].error is None
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    composed = compose(v.report, "speech-outline")
    cue = next(b.text for s in composed.sections for b in s.blocks if b.kind == "point")
    assert cue in text


def test_undo_puts_a_moved_and_unticked_point_back(window, store, qtbot):
    w, v, page, r = open_sample(window, store, qtbot)
    key = next(k for k in printed_points(page, "shufa-report") if page._points[k].topic == "leadership")
    before = block_of(v, "shufa-report", key).text
    assert not page.undo_button.isEnabled()
    assert page.select(key)
    page.move_combo.setCurrentIndex(page.move_combo.findData("publicity"))
    QTest.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    settle(v, qtbot)
    page.set_included(key, False)
    settle(v, qtbot)
    assert block_of(v, "shufa-report", key) is None
    page.tree.setFocus()
    QTest.keySequence(page.tree, "Ctrl+Z")  # the tree's own undo: the tick comes back
    settle(v, qtbot)
    assert block_of(v, "shufa-report", key) is not None and v.report.plan.topic_of[key] == "publicity"
    QTest.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)  # and the move
    settle(v, qtbot)
    assert key not in v.report.plan.topic_of and block_of(v, "shufa-report", key).text == before
    assert page._items[key].parent() is page._items["leadership"]
    qtbot.waitUntil(lambda: not v.autosave.pending, timeout=3000)
    assert key not in store.load_report(r.id).plan.topic_of
