"""Who reports on what, as the official sees it: the new-report dialog asks what the rule needs, and in the
walk-through a duty can be added from 其他职责（可选加入） or taken out; the choice is saved at once."""

from __future__ import annotations

from gui_helpers import blank_report, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from shuifa.exchange import read_report, write_report
from shuifa.gui import dialogs
from shuifa.gui.duty_tree_model import OFFER_PREFIX, OFFERED_KEY, KeyRole
from shuifa.gui.new_report_dialog import NewReportDialog
from shuifa.lists import load_builtin
from shuifa.model import Official, Report

SZS = "builtin:shizuishan-eight-actions-2023"
TOWN = "builtin:niuxintuo-town-2023"


def _row(dlg: NewReportDialog, label: str):
    return next(item for item in dlg.scope_items().values() if item.text(0).startswith(label))


def test_department_dialog_ticks_the_tasks_of_its_unit(app, store):
    dlg = NewReportDialog(store)
    type_text(dlg.name, "张三")
    dlg.role.setCurrentIndex(dlg.role.findData("department"))
    dlg.select_list(SZS)
    type_text(dlg.unit, "石嘴山市市场监督管理局")
    assert dlg.scope_box.isVisibleTo(dlg)
    own = _row(dlg, "16.")
    assert own.text(1) == "本单位" and own.checkState(0) == Qt.CheckState.Checked
    assert _row(dlg, "19.").text(1) == "各部门" and _row(dlg, "19.").checkState(0) == Qt.CheckState.Checked
    law = _row(dlg, "6.")  # 立法, given to 市政府办公室 / 司法局 / 人大法工委
    assert law.text(1) == "其他单位" and law.checkState(0) == Qt.CheckState.Unchecked
    assert "“石嘴山市市场监督管理局”的 3 项" in dlg.scope_hint.text()
    assert "38 项职责" in dlg.walk.text()
    law.setCheckState(0, Qt.CheckState.Checked)  # this unit does carry it: ticked in
    assert "39 项职责" in dlg.walk.text()
    dlg.ok.click()
    r = dlg.report
    assert r is not None
    labels = [d.label for d in r.duties()]
    assert "6." in labels and "7." not in labels and "16." in labels and len(labels) == 39
    assert r.scope.added == [law.data(0, Qt.ItemDataRole.UserRole + 2)]


def test_member_dialog_defaults_to_study_and_decision_and_takes_the_picked_area(app, store):
    dlg = NewReportDialog(store)
    type_text(dlg.name, "李四")
    type_text(dlg.title_edit, "副镇长")
    dlg.select_list(TOWN)
    dlg.role.setCurrentIndex(dlg.role.findData("member"))
    ticked = [i for i, item in dlg.scope_items().items() if item.checkState(0) == Qt.CheckState.Checked]
    assert len(ticked) == 12 and "学法和依法决策方面的 12 项" in dlg.scope_hint.text()
    assert {dlg.scope_items()[i].text(1) for i in ticked} == {"学法、决策"}
    area = [
        item
        for item in dlg.scope_items().values()
        if "行政执法" in item.text(0) and item.checkState(0) == Qt.CheckState.Unchecked
    ][:3]
    assert len(area) == 3
    for item in area:
        item.setCheckState(0, Qt.CheckState.Checked)
    assert "15 项职责" in dlg.walk.text()
    dlg.ok.click()
    r = dlg.report
    assert len(r.duties()) == 15 and len(r.scope.added) == 3
    assert all("行政执法" in r.duty_list.find(i).text for i in r.scope.added)


def test_township_dialog_asks_the_side_and_a_mayor_walks_the_government_side(window, store):
    w = window()

    def driver(dlg: QDialog) -> int:
        type_text(dlg.name, "赵六")
        dlg.select_list(TOWN)
        dlg.role.setCurrentIndex(dlg.role.findData("township"))
        assert dlg.side_row.isVisibleTo(dlg)
        type_text(dlg.title_edit, "镇长")
        assert dlg.side.currentData() == "government"  # read from the 职务 until chosen
        assert "28 项职责" in dlg.walk.text() and "政府方面" in dlg.scope_hint.text()
        dlg.ok.click()
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    w.new_report()
    r = store.load_report(store.list_reports()[0].id)
    assert r.scope.side == "government"
    assert {d.role for d in r.duties()} == {"government"} and len(r.duties()) == 28
    assert len(w.view.model.duty_keys()) == 28


def test_township_side_chosen_in_the_dialog_wins(app, store):
    dlg = NewReportDialog(store)
    type_text(dlg.name, "赵六")
    dlg.select_list(TOWN)
    dlg.role.setCurrentIndex(dlg.role.findData("township"))
    dlg.side.setCurrentIndex(dlg.side.findData("party"))
    dlg.side.activated.emit(dlg.side.currentIndex())
    type_text(dlg.title_edit, "镇长")  # typed after the choice: the choice stays
    assert dlg.side.currentData() == "party" and "24 项职责" in dlg.walk.text()
    dlg.ok.click()
    assert {d.role for d in dlg.report.duties()} == {"party"}


def test_heads_are_not_asked(app, store):
    dlg = NewReportDialog(store)
    dlg.select_list(TOWN)
    dlg.role.setCurrentIndex(dlg.role.findData("party"))
    assert not dlg.scope_box.isVisibleTo(dlg)
    assert "24 项职责" in dlg.walk.text()


def open_report(window, store, report: Report):
    store.create_report(report)
    w = window()
    w.start.reload()
    assert w.open_report(report.id)
    return w


def test_walkthrough_removes_and_adds_a_duty_saved_at_once(window, store, tmp_path):
    report = Report.new(
        Official("钱七", "局长", "石嘴山市市场监督管理局", "department"),
        2025,
        load_builtin("shizuishan-eight-actions-2023"),
    )
    w = open_report(window, store, report)
    v = w.view
    keys = v.model.duty_keys()
    assert len(keys) == 38
    offered = v.model.offered_keys()
    law = next(i for i in offered if report.duty_list.find(i).label == "6.")
    group = v.model.itemFromIndex(v.model.index_for(OFFERED_KEY))
    assert group.text() == "其他职责（可选加入） 13 项" and group.rowCount() == 13

    # the context menu names what it does
    menus = {key: v.tree_menu(key) for key in (OFFER_PREFIX + law, keys[0], "part:official")}
    assert [a.text() for a in menus[OFFER_PREFIX + law].actions()] == ["加入本人述职范围"]
    assert [a.text() for a in menus[keys[0]].actions()] == ["移出本人述职范围（报告中不再出现）"]
    assert menus["part:official"] is None

    # Enter / double-click on an offered duty takes it in and opens it
    v.tree.activated.emit(v.filter.mapFromSource(v.model.index_for(OFFER_PREFIX + law)))
    assert v.current_key == law and v.model.has_duty(law)
    assert law not in v.model.offered_keys()
    assert "/39" in v.progress_label.text()
    assert law in store.load_report(report.id).scope.added  # saved at once, with the header

    # taking the open duty out moves on to the next one; what was written stays in the report
    own = next(k for k in v.model.duty_keys() if report.duty_list.find(k).label == "13.")
    v.go_to(own)
    type_text(v.duty_editor.fields["performance"].editor, "开展公平竞争审查")
    after = v.model.duty_keys()[v.model.position(own) + 1]
    assert v.remove_duty(own)
    assert v.current_key == after and not v.model.has_duty(own) and own in v.model.offered_keys()
    stored = store.load_report(report.id)
    assert own in stored.scope.removed and own not in [d.id for d in stored.duties()]
    assert stored.entries[own].performance == "开展公平竞争审查"

    # the choice travels in the .shufa file and back into a store
    path = write_report(stored, tmp_path / "out.shufa")
    back = read_report(path)
    assert [d.id for d in back.duties()] == [d.id for d in stored.duties()]
    assert law in [d.id for d in back.duties()] and own not in [d.id for d in back.duties()]


def test_only_unfinished_hides_the_offered_duties(window, store):
    w = open_report(window, store, blank_report("member"))
    v = w.view
    assert v.model.offered_keys()
    v.only_unfinished.setChecked(True)
    rows = []

    def walk(parent):
        for i in range(v.filter.rowCount(parent)):
            idx = v.filter.index(i, 0, parent)
            rows.append(idx.data(KeyRole))
            walk(idx)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    assert not [k for k in rows if k.startswith(OFFER_PREFIX)]


def test_changing_the_unit_rewalks_a_department(window, store):
    report = Report.new(Official("钱七", "局长", "", "department"), 2025, load_builtin("shizuishan-eight-actions-2023"))
    w = open_report(window, store, report)
    v = w.view
    before = len(v.model.duty_keys())
    v.go_to("part:official")
    type_text(v.parts_editor.unit_edit, "石嘴山市审批局")
    assert len(v.model.duty_keys()) > before
    assert any(report.duty_list.find(k).label == "18." for k in v.model.duty_keys())
