"""录入评议结果 (issue 11): rows in a fixed order (the 评议表's speaking order, else by unit and
name), never by "last modified"; the returned-forms count is kept between openings."""

from __future__ import annotations

from clerkdata import make_report
from PySide6.QtCore import Qt

from shuifa.gui.clerk import common, enter_grades, evaluation_form
from shuifa.gui.clerk.evaldlg import EvaluationFormDialog, GradesDialog


def _stored(store, people=(("乙", "B单位"), ("甲", "A单位"), ("丙", "C单位"))):
    reports = [make_report(name=n, unit=u) for n, u in people]
    for r in reports:
        store.create_report(r)
    return reports


def _names(dlg):
    return [dlg.table.item(r, 1).text() for r in range(dlg.table.rowCount())]


def test_rows_by_unit_and_votes_land_on_the_right_official(qtbot, store, answers, dialogs):
    reports = _stored(store)
    seen = []

    def fill(dlg):
        assert isinstance(dlg, GradesDialog)
        seen.append(_names(dlg))
        dlg.set_votes(_names(dlg).index("乙"), {"好": 7})
        return True

    dialogs(fill)
    # the list gives ids newest first: the order changes as reports are saved
    enter_grades(None, store, [reports[2].id, reports[0].id, reports[1].id])
    enter_grades(None, store, [reports[0].id, reports[1].id, reports[2].id])
    assert seen == [["甲", "乙", "丙"], ["甲", "乙", "丙"]]
    assert store.load_report(reports[0].id).evaluation["好"] == 7
    assert store.load_report(reports[1].id).evaluation == {}


def test_rows_follow_the_speaking_order_of_the_evaluation_form(qtbot, store, tmp_path, answers, dialogs, monkeypatch):
    reports = _stored(store)
    seen = []

    def fill(dlg):
        if isinstance(dlg, EvaluationFormDialog):
            dlg.speakers.setCurrentRow(2)
            qtbot.mouseClick(dlg.up_button, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(dlg.up_button, Qt.MouseButton.LeftButton)  # 丙 speaks first
            return True
        seen.append(_names(dlg))
        return False

    dialogs(fill)
    monkeypatch.setattr(common, "choose_save_path", lambda *a: str(tmp_path / "评议表.docx"))
    evaluation_form(None, store, [r.id for r in reports])  # speakers: 乙 甲 丙 → 丙 乙 甲
    enter_grades(None, store, [reports[1].id, reports[2].id, reports[0].id])
    assert seen == [["丙", "乙", "甲"]]


def test_rows_do_not_move_while_votes_are_typed(qtbot, store):
    reports = [store.load_report(r.id) for r in _stored(store)]
    dlg = GradesDialog(reports)
    qtbot.addWidget(dlg)
    before = _names(dlg)
    for row in range(3):
        dlg.set_votes(row, {"好": row + 1})
    assert _names(dlg) == before
    assert [dlg.votes(r)["好"] for r in range(3)] == [1, 2, 3]


def test_returned_forms_count_is_kept_between_openings(qtbot, store, answers, dialogs):
    reports = _stored(store)
    seen = []

    def fill(dlg):
        seen.append(dlg.forms.value())
        if not seen[:-1]:
            dlg.forms.setValue(35)
        return True

    dialogs(fill)
    ids = [r.id for r in reports]
    enter_grades(None, store, ids)
    enter_grades(None, store, ids[:1])
    assert seen == [0, 35]
