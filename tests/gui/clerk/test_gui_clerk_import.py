"""导入多份报告 in the GUI: duplicates chosen in one dialog, invalid files listed, nothing from them stored."""

from __future__ import annotations

from clerkdata import make_report
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from shuifa.clerk import importing
from shuifa.exchange import write_report
from shuifa.gui.clerk import import_many
from shuifa.gui.clerk.importdlg import DuplicateDialog


def test_import_folder_with_duplicates_and_an_invalid_file(qtbot, store, tmp_path, answers, dialogs):
    old_a = make_report(name="甲")
    old_b = make_report(name="乙")
    store.create_report(old_a)
    store.create_report(old_b)
    folder = tmp_path / "报告"
    folder.mkdir()
    new_a = make_report(name="甲")
    new_a.entries["d3"].performance = "甲的新内容。"
    write_report(new_a, folder / "1-甲.shufa")
    write_report(make_report(name="乙"), folder / "2-乙.shufa")
    write_report(make_report(name="丙"), folder / "3-丙.shufa")
    (folder / "4-坏.shufa").write_text('{"format": "shuifa.report"', encoding="utf-8")
    seen = {}

    def fill(dlg):
        assert isinstance(dlg, DuplicateDialog)
        seen["rows"] = [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())]
        dlg.set_action(0, importing.REPLACE)
        dlg.set_action(1, importing.KEEP_BOTH)
        return True

    dialogs(fill)
    ids = import_many(None, store, [str(folder)])
    assert seen["rows"] == ["1-甲.shufa", "2-乙.shufa"]
    assert len(ids) == 3 and old_a.id in ids
    assert store.load_report(old_a.id).entries["d3"].performance == "甲的新内容。"
    assert len(store.find_reports("乙", "某县人民政府", 2026)) == 2
    assert len(store.find_reports("丙", "某县人民政府", 2026)) == 1
    assert len(store.list_reports()) == 4  # nothing from 坏.shufa
    [msg] = [m for m in answers.shown if m.title == "导入报告"]
    assert msg.level == "warning" and "1 个文件无法导入" in msg.text
    assert "4-坏.shufa：" in msg.detail


def test_cancelling_the_duplicate_dialog_stores_nothing(qtbot, store, tmp_path, answers, dialogs):
    store.create_report(make_report(name="甲"))
    write_report(make_report(name="甲"), tmp_path / "甲.shufa")
    write_report(make_report(name="丁"), tmp_path / "丁.shufa")
    dialogs(lambda dlg: False)
    assert import_many(None, store, [str(tmp_path)]) == []
    assert len(store.list_reports()) == 1
    assert "已取消导入" in answers.texts()[-1]


def test_duplicate_dialog_set_all_and_per_row(qtbot, tmp_path):
    items = [importing.ImportItem(tmp_path / f"{n}.shufa", report=make_report(name=n)) for n in ("甲", "乙", "丙")]
    dlg = DuplicateDialog(items, [["已有报告：甲"], ["已有报告：乙"], ["本次导入的文件：x.shufa"]])
    qtbot.addWidget(dlg)
    assert dlg.actions() == [importing.SKIP] * 3  # the safe default
    dlg.all_combo.setCurrentIndex(dlg.all_combo.findData(importing.REPLACE))
    assert dlg.actions() == [importing.REPLACE] * 3
    dlg.combos[2].setCurrentIndex(dlg.combos[2].findData(importing.KEEP_BOTH))
    assert dlg.actions() == [importing.REPLACE, importing.REPLACE, importing.KEEP_BOTH]
    assert "x.shufa" in dlg.table.item(2, 2).text()
    dlg.show()
    button = next(b for b in dlg.findChildren(QPushButton) if b.text() == "导入")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted
    dlg.apply()
    assert [it.action for it in items] == [importing.REPLACE, importing.REPLACE, importing.KEEP_BOTH]


def test_nothing_chosen_imports_nothing(qtbot, store, monkeypatch, answers):
    from shuifa.gui.clerk import common

    monkeypatch.setattr(common, "choose_import_paths", lambda parent: [])
    assert import_many(None, store) == []
    assert store.list_reports() == []
