"""批量导出 and 打印 from the GUI: template and folder chosen in the dialog, files read back,
cancel, and clear messages where LibreOffice or a printer is missing."""

from __future__ import annotations

import re
import shutil

import pytest
from clerkdata import make_report
from docx import Document

from shuifa.clerk import printing
from shuifa.gui import tasks
from shuifa.gui.clerk import batch_export, batchdlg, common, print_reports
from shuifa.gui.clerk.batchdlg import BatchDialog
from shuifa.render import find_soffice

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="需要 LibreOffice")


def _stored(store, n=3):
    reports = [make_report(name=f"官员{i}", unit=f"第{i}单位") for i in range(n)]
    for r in reports:
        store.create_report(r)
    return [r.id for r in reports]


def test_batch_dialog_lists_the_templates_and_remembers_nothing_until_used(qtbot, store):
    dlg = BatchDialog(store, 3)
    qtbot.addWidget(dlg)
    names = [dlg.template_combo.itemData(i) for i in range(dlg.template_combo.count())]
    assert names[:3] == ["shufa-report", "shuzhi-section", "speech"]
    dlg.set_template("speech")
    assert dlg.template() == "speech"


def test_batch_export_writes_the_selected_reports(qtbot, store, tmp_path, answers, dialogs, monkeypatch):
    ids = _stored(store)
    opened = []
    monkeypatch.setattr(common, "open_path", lambda p: opened.append(p) or True)

    def fill(dlg):
        dlg.set_template("speech")
        dlg.folder_edit.setText(str(tmp_path / "导出"))
        return True

    dialogs(fill)
    answers.when("已生成", "打开文件夹")
    result = batch_export(None, store, ids[:2])
    assert sorted(p.name for p in (tmp_path / "导出").iterdir()) == [
        "第0单位-官员0-2026.docx",
        "第1单位-官员1-2026.docx",
    ]
    text = "\n".join(p.text for p in Document(str(result.docx[0])).paragraphs)
    assert "各位领导、同志们" in text  # the speech template
    assert opened == [tmp_path / "导出"]
    assert store.get_state("clerk.batch") == str(tmp_path / "导出")


def test_batch_export_can_be_cancelled(qtbot, store, tmp_path, answers, dialogs, monkeypatch):
    ids = _stored(store, 12)

    def fill(dlg):
        dlg.folder_edit.setText(str(tmp_path / "o"))
        return True

    dialogs(fill)
    original = tasks.run_task

    def run_and_cancel(*args, **kwargs):
        task = original(*args, **kwargs)
        task.cancel()  # the user presses 取消 at once
        return task

    monkeypatch.setattr(common, "run_task", run_and_cancel)
    monkeypatch.setattr(common, "open_path", lambda p: True)
    result = batch_export(None, store, ids)
    assert result.cancelled and len(result.docx) < 12
    assert answers.shown[-1].text.startswith("已取消")


def test_nothing_selected_says_so(qtbot, store, answers):
    assert batch_export(None, store, []) is None
    assert "请先在报告列表中选择" in answers.texts()[-1]


@needs_soffice
def test_batch_export_with_pdf(qtbot, store, tmp_path, answers, dialogs):
    ids = _stored(store, 2)

    def fill(dlg):
        dlg.folder_edit.setText(str(tmp_path))
        dlg.pdf_check.setChecked(True)
        return True

    dialogs(fill)
    result = batch_export(None, store, ids)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["第0单位-官员0-2026.pdf", "第1单位-官员1-2026.pdf"]
    assert "2 份 PDF" in result.message()


def test_pdf_without_libreoffice_offers_word_only(qtbot, store, tmp_path, answers, dialogs, monkeypatch):
    ids = _stored(store, 1)
    monkeypatch.setattr(batchdlg, "libreoffice_available", lambda: False)

    def fill(dlg):
        dlg.folder_edit.setText(str(tmp_path))
        dlg.pdf_check.setChecked(True)
        return True

    dialogs(fill)
    answers.when("没有安装 LibreOffice", "只生成 Word 文档")
    result = batch_export(None, store, ids)
    assert len(result.docx) == 1 and not result.pdf and not list(tmp_path.glob("*.pdf"))


def test_print_without_libreoffice_is_a_clear_message(qtbot, store, answers, monkeypatch):
    ids = _stored(store, 1)
    monkeypatch.setattr(batchdlg, "libreoffice_available", lambda: False)
    assert print_reports(None, store, ids) == []
    msg = answers.shown[-1]
    assert "没有安装 LibreOffice" in msg.text and "WPS" in msg.detail


@needs_soffice
def test_print_without_printer_makes_pdfs_and_opens_them(qtbot, store, answers, dialogs, monkeypatch):
    ids = _stored(store, 2)
    monkeypatch.setattr(printing, "can_print", lambda: (False, "这台电脑没有设置默认打印机。"))
    opened = []
    monkeypatch.setattr(common, "open_path", lambda p: opened.append(p) or True)
    dialogs(lambda dlg: True)
    answers.when("没有设置默认打印机", "生成 PDF 并打开")
    pdfs = print_reports(None, store, ids)
    assert [p.suffix for p in pdfs] == [".pdf", ".pdf"] and all(p.is_file() for p in pdfs)
    assert opened == [pdfs[0].parent]
    assert "已生成 2 份 PDF" in answers.texts()[-1]
    shutil.rmtree(pdfs[0].parent)


@needs_soffice
def test_print_sends_the_pdfs_to_the_printer(qtbot, store, answers, dialogs, monkeypatch):
    ids = _stored(store, 2)
    sent = []
    monkeypatch.setattr(printing, "can_print", lambda: (True, ""))
    monkeypatch.setattr(printing, "send_to_printer", lambda pdfs: sent.extend(pdfs) or "已将 2 份文件交给系统打印。")
    dialogs(lambda dlg: True)
    pdfs = print_reports(None, store, ids)
    assert sent == pdfs and len(pdfs) == 2
    assert answers.texts()[-1] == "已将 2 份文件交给系统打印。"


def test_no_printer_can_be_declined(qtbot, store, answers, monkeypatch):
    ids = _stored(store, 1)
    monkeypatch.setattr(batchdlg, "libreoffice_available", lambda: True)
    monkeypatch.setattr(printing, "can_print", lambda: (False, "这台电脑没有安装打印服务"))
    answers.when("没有安装打印服务", "取消")
    assert print_reports(None, store, ids) == []


def test_batch_export_into_a_path_under_a_file_is_explained_in_chinese(
    qtbot, store, tmp_path, answers, dialogs, monkeypatch
):
    ids = _stored(store, 1)
    (tmp_path / "iamafile").write_text("x")
    dialogs(lambda dlg: dlg.folder_edit.setText(str(tmp_path / "iamafile" / "sub")) or True)
    assert batch_export(None, store, ids) is None
    msg = answers.shown[-1]
    assert "iamafile" in msg.text and "是一个文件，不是文件夹" in msg.text
    outside_paths = re.sub(r"“[^”]*”", "", msg.text + msg.detail)
    assert not any(c.isascii() and c.isalpha() for c in outside_paths), msg.text  # no "Not a directory"


@pytest.mark.parametrize(
    ("name", "advice", "not_advice"),
    [("报告.pdf", "PDF 阅读器", "Word"), ("汇总.xlsx", "WPS 表格", "PDF"), ("评议表.docx", "WPS 或 Word", "PDF")],
)
def test_a_file_the_system_cannot_open_gets_advice_for_its_kind(
    qtbot, tmp_path, answers, monkeypatch, name, advice, not_advice
):
    path = tmp_path / name
    path.write_bytes(b"x")
    monkeypatch.setattr(common, "open_path", lambda p: False)
    assert common.open_or_explain(None, path) is False
    msg = answers.shown[-1]
    assert name in msg.text and advice in msg.detail and not_advice not in msg.detail


def test_the_print_prompt_does_not_say_a_pdf_exists_before_it_is_made(qtbot, store, answers, monkeypatch):
    ids = _stored(store, 1)
    monkeypatch.setattr(batchdlg, "libreoffice_available", lambda: True)
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)  # no lp: the real reason text
    answers.when("打印服务", "取消")
    assert print_reports(None, store, ids) == []
    msg = answers.shown[-1]
    assert "没有安装打印服务" in msg.text and "已生成" not in msg.text and "生成 PDF" in msg.text
