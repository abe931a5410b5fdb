"""Menus: 汇总与批量 calls the clerk dialogs with the selected reports; Ctrl+S; remembered layout; deadlines."""

from __future__ import annotations

from gui_helpers import blank_report, type_text
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

import shuifa.gui.clerk as clerk


def test_clerk_menu_gets_the_multi_selection(window, store, monkeypatch):
    a, b, c = blank_report(), blank_report("government"), blank_report()
    for r in (a, b, c):
        store.create_report(r)
    calls = []
    for name in ("summary", "evaluation_form", "batch_export", "print_reports", "enter_grades"):
        monkeypatch.setattr(clerk, name, lambda parent, st, ids, n=name: calls.append((n, sorted(ids))))
    monkeypatch.setattr(clerk, "next_year", lambda parent, st, rid: calls.append(("next_year", rid)) or None)
    w = window()
    w.start.select([a.id, b.id])
    texts = {a.text(): a for a in w.start.clerk_menu.actions()}
    texts["述法情况汇总表…"].trigger()
    texts["述法评议表（民主测评表）…"].trigger()
    texts["批量导出 Word/PDF…"].trigger()
    texts["为下一年度新建报告…"].trigger()
    assert calls[0] == ("summary", sorted([a.id, b.id]))
    assert calls[1] == ("evaluation_form", sorted([a.id, b.id]))
    assert calls[2] == ("batch_export", sorted([a.id, b.id]))
    assert calls[3][0] == "next_year" and calls[3][1] in (a.id, b.id)
    # from inside a report, the menu bar's 汇总与批量 works on that report
    w.open_report(c.id)
    next(x for x in w.clerk_menu.actions() if x.text() == "打印…").trigger()
    assert calls[-1] == ("print_reports", [c.id])


def test_next_year_opens_the_new_report(window, store, monkeypatch):
    a = blank_report()
    store.create_report(a)
    new = blank_report()
    new.year = 2026
    store.create_report(new)
    monkeypatch.setattr(clerk, "next_year", lambda parent, st, rid: new.id)
    w = window()
    w.start.select([a.id])
    w.clerk("next_year")
    assert w.view is not None and w.view.report.id == new.id


def test_ctrl_s_saves_at_once(window, store, qtbot):
    r = blank_report()
    store.create_report(r)
    w = window()
    w.start.reload()
    w.open_report(r.id)
    v = w.view
    ed = v.duty_editor.fields["improvements"].editor
    type_text(ed, "立即保存")
    assert v.autosave.pending
    qtbot.keyClick(ed, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not v.autosave.pending
    assert store.load_report(r.id).entries[v.current_key].improvements == "立即保存"


def test_window_and_splitter_sizes_are_remembered(window, store):
    r = blank_report()
    store.create_report(r)
    w = window()
    w.start.reload()
    w.open_report(r.id)
    w.view.splitter.setSizes([260, 700, 400])
    w.view.show_side("check")
    sizes = w.view.splitter.sizes()
    w.close()
    assert store.get_state("gui.layout")["splitter"] == sizes
    assert store.get_state("gui.geometry")
    w2 = window()
    w2.restore_session()
    # the offscreen screen is small, so the restored window may be narrower: the tree keeps its width
    assert w2.view.splitter.sizes()[0] == 260
    assert w2.view.side.currentWidget() is w2.view.check


def test_deadline_requirement_takes_a_date(window, store, qtbot):
    r = blank_report()
    deadline = next(
        (d for d in r.duties() for q in d.requirements if q.kind == "deadline"),
        None,
    )
    if deadline is None:  # the built-in list has none: give one duty a deadline
        from shuifa.model import Requirement

        deadline = r.duties()[2]
        deadline.requirements = [Requirement("deadline", "每年3月1日前报告", deadline="03-01", label="报告日期")]
    store.create_report(r)
    w = window()
    w.start.reload()
    w.open_report(r.id, deadline.id)
    v = w.view
    row = v.duty_editor._rows[0]
    assert row.widget.text() == "未填写"
    req = deadline.requirements[0]
    m, d = (int(x) for x in req.deadline.split("-"))
    row.widget.setDate(QDate(2025, m, d).addDays(5))
    assert "未达到" in row.mark.text()
    row.widget.setDate(QDate(2025, m, d).addDays(-3))
    assert "已达到" in row.mark.text()
    v.save_now()
    val = store.load_report(r.id).entries[deadline.id].values[req.id]
    assert val.date == QDate(2025, m, d).addDays(-3).toString("yyyy-MM-dd")
    QApplication.processEvents()


def test_grades_entered_for_the_open_report_do_not_cause_a_conflict(window, store, monkeypatch, answers):
    from shuifa.store import Store

    r = blank_report()
    store.create_report(r)

    def enter_grades(parent, st, ids):
        other = Store.open(st.path)  # as the clerk dialog saves: a header change from outside the view
        rep = other.load_report(ids[0])
        rep.evaluation = {"好": 20, "较好": 3}
        other.save_header(rep)
        other.close()

    monkeypatch.setattr(clerk, "enter_grades", enter_grades)
    w = window()
    w.start.reload()
    w.open_report(r.id, "part:opening")
    w.clerk("enter_grades")
    v = w.view
    assert v.current_key == "part:opening"
    type_text(v.parts_editor.fields["opening"].editor, "开篇")
    assert v.save_now()
    assert not [m for m in answers.seen if m.title == "保存冲突"]
    again = Store.open(store.path)
    rep = again.load_report(r.id)
    again.close()
    assert rep.parts["opening"] == "开篇" and rep.evaluation == {"好": 20, "较好": 3}
