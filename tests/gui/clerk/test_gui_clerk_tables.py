"""述法情况汇总表, 述法评议表, 录入评议结果 and 为下一年度新建报告 in the GUI."""

from __future__ import annotations

from clerkdata import make_report
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from shuifa.gui.clerk import common, enter_grades, evaluation_form, next_year, summary
from shuifa.gui.clerk.evaldlg import EvaluationFormDialog, GradesDialog
from shuifa.gui.clerk.summarydlg import SummaryDialog


def _stored(store, names=("张三", "李四", "王五")):
    reports = [make_report(name=n, unit=f"{n}所在单位") for n in names]
    for r in reports:
        store.create_report(r)
    return reports


def test_summary_dialog_shows_the_table_and_exports_both_formats(qtbot, store, tmp_path, answers, monkeypatch):
    reports = _stored(store)
    reports[0].evaluation = {"好": 20, "较好": 0, "一般": 0, "差": 0}
    store.save_header(reports[0])
    dlg = SummaryDialog(store, [store.load_report(r.id) for r in reports])
    qtbot.addWidget(dlg)
    heads = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
    assert heads[-1] == "好评率" and dlg.table.rowCount() == 3
    assert dlg.table.item(0, 2).text() == "张三" and dlg.table.item(0, heads.index("好评率")).text() == "100.0%"
    assert "1 份已录入评议结果" in dlg.note.text()
    targets = iter([str(tmp_path / "汇总"), str(tmp_path / "汇总.docx")])
    monkeypatch.setattr(common, "choose_save_path", lambda *a: next(targets))
    dlg.title_edit.setText("测试汇总表")
    qtbot.mouseClick(dlg.xlsx_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.docx_button, Qt.MouseButton.LeftButton)
    assert dlg.written == [tmp_path / "汇总.xlsx", tmp_path / "汇总.docx"]
    assert load_workbook(tmp_path / "汇总.xlsx").active["A1"].value == "测试汇总表"
    assert Document(str(tmp_path / "汇总.docx")).tables[0].rows[3].cells[2].text == "王五"
    assert "汇总表已保存到" in answers.texts()[-1]


def test_summary_function_runs_the_dialog(qtbot, store, dialogs, answers):
    reports = _stored(store)
    seen = []
    dialogs(lambda dlg: seen.append(dlg.table.rowCount()) or True)
    assert summary(None, store, [reports[2].id, reports[0].id]) == []
    assert seen == [2]


def test_evaluation_form_in_speaking_order(qtbot, store, tmp_path, answers, dialogs, monkeypatch):
    reports = _stored(store)

    def fill(dlg):
        assert isinstance(dlg, EvaluationFormDialog)
        dlg.speakers.setCurrentRow(0)
        qtbot.mouseClick(dlg.down_button, Qt.MouseButton.LeftButton)  # 张三 speaks second
        dlg.title_edit.setText("2026年度述法评议表")
        dlg.date_edit.setDate(QDate(2026, 12, 8))
        return True

    dialogs(fill)
    monkeypatch.setattr(common, "choose_save_path", lambda *a: str(tmp_path / "评议表.docx"))
    path = evaluation_form(None, store, [r.id for r in reports])
    doc = Document(str(path))
    assert doc.paragraphs[0].text == "2026年度述法评议表"
    assert "会议时间：2026年12月8日" in [p.text for p in doc.paragraphs]
    assert [row.cells[2].text for row in doc.tables[0].rows] == ["姓名", "李四", "张三", "王五"]
    assert [row.cells[0].text for row in doc.tables[0].rows][1:] == ["1", "2", "3"]


def test_evaluation_form_without_date(qtbot, store, tmp_path, answers, dialogs, monkeypatch):
    reports = _stored(store, ("张三",))

    def fill(dlg):
        dlg.date_check.setChecked(False)
        assert not dlg.date_edit.isEnabled()
        return True

    dialogs(fill)
    monkeypatch.setattr(common, "choose_save_path", lambda *a: str(tmp_path / "e.docx"))
    path = evaluation_form(None, store, [reports[0].id])
    assert "会议时间：______年____月____日" in [p.text for p in Document(str(path)).paragraphs]


def test_entering_grades_saves_them_and_the_summary_shows_them(qtbot, store, answers, dialogs):
    reports = _stored(store)

    def fill(dlg):
        assert isinstance(dlg, GradesDialog)
        dlg.set_votes(0, {"好": 25, "较好": 4, "一般": 1, "差": 0})
        dlg.set_votes(2, {"好": 10, "较好": 10, "一般": 5, "差": 5})
        assert dlg.table.item(0, 7).text() == "30"
        assert dlg.table.item(2, 8).text() == "66.7%"
        return True

    dialogs(fill)
    assert enter_grades(None, store, [r.id for r in reports]) == 2
    assert store.load_report(reports[0].id).evaluation == {"好": 25, "较好": 4, "一般": 1, "差": 0}
    assert store.load_report(reports[1].id).evaluation == {}
    assert "已保存 2 位述法人的评议结果" in answers.texts()[-1]
    seen = {}

    def look(dlg):
        if isinstance(dlg, GradesDialog):
            seen["votes"] = dlg.votes(0)
            return False
        heads = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
        seen["rate"] = dlg.table.item(0, heads.index("好评率")).text()
        return True

    dialogs(look)
    enter_grades(None, store, [reports[0].id])
    summary(None, store, [reports[0].id])
    assert seen == {"votes": {"好": 25, "较好": 4, "一般": 1, "差": 0}, "rate": "96.7%"}


def test_grades_over_the_forms_collected_ask_first(qtbot, store, answers):
    reports = _stored(store, ("张三",))
    dlg = GradesDialog([store.load_report(reports[0].id)])
    qtbot.addWidget(dlg)
    dlg.forms.setValue(30)
    dlg.set_votes(0, {"好": 30, "较好": 5})
    assert "超过收回的评议表 30 份" in dlg.table.item(0, 7).toolTip()
    dlg.show()
    save = next(b for b in dlg.findChildren(QPushButton) if b.text() == "保存")
    answers.when("超过收回的评议表份数", "取消")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "张三：票数合计 35" in answers.shown[-1].detail
    answers.rules.clear()
    answers.when("超过收回的评议表份数", "仍然保存")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted


def test_next_year_creates_the_report_and_then_offers_the_existing_one(qtbot, store, answers):
    [old] = _stored(store, ("张三",))
    answers.when("新建 2027 年度述法报告", "新建")
    new_id = next_year(None, store, old.id)
    new = store.load_report(new_id)
    assert new.year == 2027 and new.official.name == "张三" and len(new.carry_over) == 2
    assert new.previous["d1"].performance.startswith("全年听取")
    assert "2 条存在问题" in answers.shown[-1].detail
    answers.when("已经存在", "打开已有报告")
    assert next_year(None, store, old.id) == new_id
    answers.rules.clear()
    answers.when("已经存在", "取消")
    assert next_year(None, store, old.id) is None
    assert len(store.list_reports()) == 2


def test_next_year_can_be_declined(qtbot, store, answers):
    [old] = _stored(store, ("张三",))
    answers.when("新建 2027 年度述法报告", "取消")
    assert next_year(None, store, old.id) is None
    assert len(store.list_reports()) == 1


def test_grades_dialog_shows_every_rate_whole(qtbot):
    """The 好评率 column is wide enough for the widest rate (100.0%), whatever is typed."""
    from PySide6.QtWidgets import QStyle

    reports = [make_report(name="张三", unit="甲县人民政府"), make_report(name="李四")]
    dlg = GradesDialog(reports)
    qtbot.addWidget(dlg)
    dlg.show()
    table = dlg.table
    rate = table.columnCount() - 1
    assert table.horizontalHeaderItem(rate).text() == "好评率"
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    for votes in ({"好": 100}, {"好": 12, "一般": 1}, {"好": 9999, "较好": 0, "一般": 0, "差": 0}):
        dlg.set_votes(0, votes)
        dlg.set_votes(1, {"好": 1, "差": 2})
        for row in range(2):
            for col in (rate - 1, rate):
                text = table.item(row, col).text()
                room = table.visualRect(table.model().index(row, col)).width() - 2 * margin
                assert table.fontMetrics().horizontalAdvance(text) <= room, (text, room)
    assert table.item(0, rate).text() == "100.0%"


def test_evaluation_form_dialog_is_anonymous_by_default(qtbot):
    dlg = EvaluationFormDialog([make_report()])
    qtbot.addWidget(dlg)
    assert dlg.rater_edit.text() == ""
    assert "不记名" in dlg.instructions.toPlainText()
