"""Import a real seed list through the new-report dialog and the review screen."""

from __future__ import annotations

from gui_helpers import SEED, type_text
from PySide6.QtWidgets import QDialog

from shuifa.gui import dialogs
from shuifa.gui.import_review import ImportReviewDialog
from shuifa.gui.new_report_dialog import ListRole
from shuifa.importer import import_file


def test_import_seed_review_and_create_report(window, store, qtbot):
    w = window()
    reviewed = {}

    def driver(dlg: QDialog) -> int:
        if isinstance(dlg, ImportReviewDialog):
            # the tree beside the source; a node's lines are highlighted in the source
            assert dlg.tree.topLevelItemCount() > 0
            assert "牛心坨镇" in dlg.title.text()
            assert dlg.warning_list.count() >= 1  # the missing (23) is pointed out
            duty = dlg.duty_list.duties("party")[0]
            dlg.tree.setCurrentItem(dlg._items[duty.id])
            first, last = duty.source_lines
            selected_lines = {
                s.cursor.blockNumber() + 1
                for s in dlg.source.extraSelections()
                if s.format.background().color().name() == "#d6e6fa"
            }
            assert selected_lines == set(range(first, last + 1))
            assert duty.text[:8] in dlg.source_lines[first - 1] + "".join(dlg.source_lines[first:last])
            reviewed["duties"] = len(dlg.duty_list.duties())
            dlg.title.setText("牛心坨镇职责清单（本单位）")
            dlg._accept()
            return dlg.result()
        # the new-report dialog
        type_text(dlg.name, "李四")
        dlg.role.setCurrentIndex(dlg.role.findData("party"))
        dlg.import_button.click()
        item = dlg.lists.currentItem()
        assert item.text(0) == "牛心坨镇职责清单（本单位）"
        assert item.data(0, ListRole).startswith("user:")
        dlg.ok.click()
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    dialogs.set_file_answerer(lambda kind, title, suggested: str(SEED))
    w.new_report()
    assert reviewed["duties"] == 52
    saved = store.user_lists()
    assert [dl.title for dl in saved] == ["牛心坨镇职责清单（本单位）"]
    assert w.view is not None
    assert len(w.view.model.duty_keys()) == 24
    assert w.view.report.duty_list.title == "牛心坨镇职责清单（本单位）"


def _review(qtbot) -> ImportReviewDialog:
    dlg = ImportReviewDialog(import_file(SEED))
    qtbot.addWidget(dlg)
    return dlg


def test_merge_split_delete_and_re_role(qtbot, answers):
    dlg = _review(qtbot)
    dl = dlg.duty_list
    duties = dl.duties("party")
    a, b = duties[0], duties[1]
    before = len(dl.duties())
    dlg.tree.setCurrentItem(dlg._items[a.id])
    dlg.merge_button.click()
    merged = dl.find(a.id)
    assert dl.find(b.id) is None and merged.text.endswith(b.text)
    assert len(dl.duties()) == before - 1
    # split it again where the second text starts
    dlg.tree.setCurrentItem(dlg._items[a.id])
    cur = dlg.text.textCursor()
    cur.setPosition(merged.text.index(b.text))
    dlg.text.setTextCursor(cur)
    dlg.split_button.click()
    assert len(dl.duties()) == before
    new = dl.find(dlg.current_node().id)
    assert new.text == b.text
    # re-role the new duty to 政府
    dlg.role.setCurrentIndex(dlg.role.findData("government"))
    dlg.role.activated.emit(dlg.role.currentIndex())
    assert new.role == "government"
    # delete it
    dlg.delete_button.click()
    assert dl.find(new.id) is None
    assert len(dl.duties()) == before - 1
    # edit a duty's text in place
    c = dl.duties("party")[2]
    dlg.tree.setCurrentItem(dlg._items[c.id])
    dlg.text.setPlainText("改写后的职责内容")
    assert dl.find(c.id).text == "改写后的职责内容"
    assert dlg._items[c.id].text(1) == "改写后的职责内容"


def test_a_file_that_is_no_list_is_refused(window, store, tmp_path, answers):
    bad = tmp_path / "报告.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")

    def driver(dlg: QDialog) -> int:
        dlg.import_button.click()
        return 0

    dialogs.set_dialog_driver(driver)
    dialogs.set_file_answerer(lambda kind, title, suggested: str(bad))
    w = window()
    w.new_report()
    assert answers.seen[-1].title == "无法导入清单"
    assert "PDF" in answers.seen[-1].text
    assert store.user_lists() == []


def test_a_bad_date_is_refused(qtbot, answers):
    dlg = _review(qtbot)
    dlg.date.setText("2023年7月")
    dlg._accept()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert answers.seen[-1].text == "日期“2023年7月”的格式不对。"
    dlg.date.setText("2023-07-21")
    dlg._accept()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert dlg.duty_list.date == "2023-07-21"


def test_paste_a_list_copied_from_a_web_page(window, store):
    from shuifa.gui.new_report_dialog import PasteDialog

    w = window()
    seen = {}

    def driver(dlg: QDialog) -> int:
        if isinstance(dlg, PasteDialog):
            dlg.name.setText("牛心坨镇清单（网页复制）")
            dlg.text.setPlainText(SEED.read_text(encoding="utf-8"))
            return QDialog.DialogCode.Accepted
        if isinstance(dlg, ImportReviewDialog):
            seen["title"] = dlg.title.text()
            dlg._accept()
            return dlg.result()
        type_text(dlg.name, "周九")
        dlg.paste_button.click()
        seen["list"] = dlg.lists.currentItem().text(0)
        dlg.ok.click()
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    w.new_report()
    assert seen == {"title": "牛心坨镇清单（网页复制）", "list": "牛心坨镇清单（网页复制）"}
    assert w.view is not None and w.view.report.official.name == "周九"
    assert [dl.title for dl in store.user_lists()] == ["牛心坨镇清单（网页复制）"]
