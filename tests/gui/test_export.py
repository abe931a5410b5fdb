"""Export from the walk-through: the .docx read back holds what was typed."""

from __future__ import annotations

from pathlib import Path

import docx
from gui_helpers import blank_report, type_text
from PySide6.QtWidgets import QDialog

from shuifa.gui import dialogs
from shuifa.gui.export_dialog import ExportDialog


def _open(window, store):
    r = blank_report()
    store.create_report(r)
    w = window()
    w.start.reload()
    w.open_report(r.id)
    return w


def test_export_word_after_typing(window, store, qtbot, tmp_path: Path, answers):
    w = _open(window, store)
    v = w.view
    v.duty_editor.set_status("done")
    type_text(v.duty_editor.fields["performance"].editor, "全年组织集体学法6次")
    v.go_to("part:next_steps")
    type_text(v.parts_editor.fields["next_steps"].editor, "持续深化法治乡镇建设")
    out = tmp_path / "导出" / "王五述法报告.docx"
    out.parent.mkdir()
    seen = {}

    def driver(dlg: QDialog) -> int:
        assert isinstance(dlg, ExportDialog)
        dlg.kind.setCurrentIndex(dlg.kind.findData("shufa-report"))
        assert dlg.template.count() >= 1
        assert dlg.path.text().endswith("中共牛心坨镇委员会-王五-2025年度书面述法报告.docx")
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
    assert "全年组织集体学法6次" in text
    assert "持续深化法治乡镇建设" in text
    assert "王五" in text
    done = answers.seen[-1]
    assert done.title == "导出完成" and str(out) in done.text
    assert store.get_state("gui.export_dir") == str(out.parent)


def test_export_to_a_missing_folder_says_what_to_do(window, store, qtbot, tmp_path: Path, answers):
    w = _open(window, store)
    out = tmp_path / "不存在的文件夹" / "报告.docx"

    def driver(dlg: QDialog) -> int:
        dlg.path.setText(str(out))
        dlg.ok.click()
        assert dlg.task is None  # refused before rendering
        assert dlg.ok.isEnabled()  # the user can correct the path and try again
        return 0

    dialogs.set_dialog_driver(driver)
    w.actions_by_name["export"].trigger()
    err = answers.seen[-1]
    assert err.title == "无法导出"
    assert err.text == f"保存位置“{out.parent}”不存在，无法导出。"
    assert "浏览" in err.detail and "新建" in err.detail
    assert not out.parent.exists()


def test_export_into_a_folder_typed_in_save_to(window, store, qtbot, tmp_path: Path, answers):
    w = _open(window, store)
    folder = tmp_path / "述法材料"
    folder.mkdir()
    seen = {}

    def driver(dlg: QDialog) -> int:
        dlg.path.setText(str(folder))
        dlg.ok.click()
        qtbot.waitUntil(lambda: dlg.output is not None or bool(dlg.task and dlg.task.error), timeout=30000)
        seen["path"] = dlg.path.text()
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    answers.default = "关闭"
    w.actions_by_name["export"].trigger()
    expected = folder / "中共牛心坨镇委员会-王五-2025年度书面述法报告.docx"
    assert expected.is_file() and docx.Document(str(expected)).paragraphs
    assert not (tmp_path / "述法材料.docx").exists()
    assert seen["path"] == str(expected)
    assert sorted(p.name for p in folder.iterdir()) == [expected.name]


def test_a_pdf_that_cannot_be_opened_gets_pdf_advice(app, tmp_path: Path, answers, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from shuifa.gui.export_dialog import open_in_system

    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    assert not open_in_system(pdf)
    msg = answers.seen[-1]
    assert msg.title == "无法打开" and str(pdf) in msg.text
    assert "PDF 阅读器" in msg.detail and "Word" not in msg.detail
    assert not open_in_system(tmp_path)
    assert "文件夹" in answers.seen[-1].text and "文件管理器" in answers.seen[-1].detail


def test_export_pdf_where_libreoffice_is_installed(window, store, qtbot, tmp_path: Path, answers):
    import pytest

    from shuifa.render import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice 未安装")
    w = _open(window, store)
    out = tmp_path / "述法报告.pdf"

    def driver(dlg: QDialog) -> int:
        dlg.kind.setCurrentIndex(dlg.kind.findData("speech"))
        dlg.pdf.setChecked(True)
        assert dlg.path.text().endswith("现场述法发言稿.pdf")
        dlg.path.setText(str(out))
        dlg.ok.click()
        qtbot.waitUntil(lambda: dlg.output is not None or bool(dlg.task and dlg.task.error), timeout=120000)
        return dlg.result()

    dialogs.set_dialog_driver(driver)
    answers.default = "关闭"
    w.actions_by_name["export"].trigger()
    assert out.read_bytes().startswith(b"%PDF")
    assert answers.seen[-1].title == "导出完成"
