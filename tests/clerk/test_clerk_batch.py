"""Batch output: file names, .docx content read back, PDFs in one LibreOffice run, cancel, errors."""

from __future__ import annotations

import errno
import shutil
import subprocess

import pytest
from clerkdata import make_report
from docx import Document

from shuifa.clerk import batch
from shuifa.compose import compose
from shuifa.errors import OutputError, TemplateError
from shuifa.render import find_soffice


def test_file_names_are_safe_for_windows_and_unique():
    assert batch.sanitize_filename('甲县:人民/政府*?"<>|') == "甲县_人民_政府______"
    assert batch.sanitize_filename("CON") == "_CON"
    assert batch.sanitize_filename("  报告. . ") == "报告"
    assert batch.sanitize_filename("") == "未命名"
    assert len(batch.sanitize_filename("长" * 300)) == batch.MAX_NAME
    reports = [
        make_report(name="张三", unit="甲县/人民政府"),
        make_report(name="张三", unit="甲县/人民政府"),
        make_report(name="", unit=""),
        make_report(name="Li", unit="Ab"),
        make_report(name="LI", unit="AB"),
    ]
    assert batch.unique_names(reports) == [
        "甲县_人民政府-张三-2026.docx",
        "甲县_人民政府-张三-2026-2.docx",
        "述法报告-2026.docx",
        "Ab-Li-2026.docx",
        "AB-LI-2026-2.docx",  # Windows does not tell case apart
    ]


def _progress_log():
    log: list[tuple[int, int, str]] = []
    return log, lambda d, t, text="": log.append((d, t, text))


def _said(report, kind: str, text: str) -> bool:
    """``text`` is in the composition of ``report`` (what the document must then carry)."""
    return any(text in line for line in compose(report, kind).lines())


def test_batch_writes_one_docx_per_report_with_its_own_text(tmp_path):
    reports = [make_report(name=f"官员{i}", unit=f"第{i}单位") for i in range(3)]
    reports[1].entries["d1"].performance = "独有的履职内容一二三，全年组织专题调研5次。"
    assert _said(reports[1], "shufa-report", "独有的履职内容一二三，全年组织专题调研5次。")
    log, progress = _progress_log()
    result = batch.render_batch(reports, "shufa-report", tmp_path / "out", progress=progress)
    assert [p.name for p in result.docx] == [
        "第0单位-官员0-2026.docx",
        "第1单位-官员1-2026.docx",
        "第2单位-官员2-2026.docx",
    ]
    assert not result.failed and not result.cancelled and result.workers == 1
    text = "\n".join(p.text for p in Document(str(result.docx[1])).paragraphs)
    assert "独有的履职内容一二三" in text and "官员1" in text
    assert "独有的履职内容一二三" not in "\n".join(p.text for p in Document(str(result.docx[0])).paragraphs)
    assert log[-1][:2] == (3, 3)
    assert result.message() == "已生成 3 份 Word 文档。"


def test_batch_in_worker_processes_gives_the_same_files(tmp_path):
    reports = [make_report(name=f"官员{i}", unit="某县") for i in range(10)]
    reports[7].entries["d1"].performance = "第七位的内容，全年带队调研督导3次。"
    assert _said(reports[7], "speech", "第七位的内容，全年带队调研督导3次")
    result = batch.render_batch(reports, "speech", tmp_path, workers=2)
    assert result.workers == 2 and len(result.docx) == 10 and not result.failed
    assert result.docx[7].name == "某县-官员7-2026.docx"
    texts = [p.text for p in Document(str(result.docx[7])).paragraphs]
    assert "第七位的内容，全年带队调研督导3次" in "\n".join(texts)
    assert "第七位的内容" not in "\n".join(p.text for p in Document(str(result.docx[6])).paragraphs)
    assert texts[-1] == "以上述法，请予评议。"


def test_cancel_stops_between_files(tmp_path):
    reports = [make_report(name=f"官员{i}") for i in range(5)]
    calls = {"n": 0}

    def cancel():
        calls["n"] += 1
        return calls["n"] > 2

    result = batch.render_batch(reports, "shufa-report", tmp_path, cancel=cancel)
    assert result.cancelled and len(result.docx) == 2
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == sorted(p.name for p in result.docx)
    assert result.message().startswith("已取消")


def test_unknown_template_and_a_file_in_place_of_the_folder_are_chinese_errors(tmp_path):
    with pytest.raises(TemplateError, match="找不到名为“没有这个模板”的模板"):
        batch.render_batch([make_report()], "没有这个模板", tmp_path)
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="不是文件夹"):
        batch.render_batch([make_report()], "shufa-report", tmp_path / "f")


@pytest.mark.skipif(find_soffice() is None or shutil.which("pdfinfo") is None, reason="需要 LibreOffice 和 pdfinfo")
def test_pdf_for_every_report_in_one_libreoffice_run(tmp_path):
    reports = [make_report(name=f"官员{i}") for i in range(3)]
    log, progress = _progress_log()
    result = batch.render_batch(reports, "shufa-report", tmp_path, pdf=True, progress=progress)
    assert [p.name for p in result.pdf] == [p.with_suffix(".pdf").name for p in result.docx]
    for pdf in result.pdf:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert pages >= 1
    assert any("LibreOffice" in text for _, _, text in log)
    assert log[-1][:2] == (6, 6)


def test_printing_explains_a_missing_print_service_or_printer(monkeypatch):
    import sys

    from shuifa.clerk import printing

    if sys.platform == "win32":
        pytest.skip("Windows prints through os.startfile")
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    ok, reason = printing.can_print()
    assert not ok and "没有安装打印服务" in reason
    with pytest.raises(printing.PrintError, match="没有安装打印服务"):
        printing.send_to_printer([__import__("pathlib").Path("x.pdf")])
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(printing, "default_printer", lambda: None)
    ok, reason = printing.can_print()
    assert not ok and "没有设置默认打印机" in reason


def test_a_helper_process_only_when_the_work_is_long_and_the_machine_not_overloaded(tmp_path, monkeypatch):
    reports = [make_report(name=f"官员{i}") for i in range(10)]
    monkeypatch.setattr(batch, "default_workers", lambda: 2)
    monkeypatch.setattr(batch, "PARALLEL_WORTH_S", 0.0)  # any work is "long"
    monkeypatch.setattr(batch, "load_per_core", lambda: 2.5)  # the machine is overloaded
    assert batch.render_batch(reports, "shufa-report", tmp_path / "a").workers == 1
    monkeypatch.setattr(batch, "load_per_core", lambda: 1.2)  # busy, but a helper still pays
    result = batch.render_batch(reports, "shufa-report", tmp_path / "b")
    assert result.workers == 2 and len(result.docx) == 10
    monkeypatch.setattr(batch, "PARALLEL_WORTH_S", 3600.0)  # a small batch
    assert batch.render_batch(reports, "shufa-report", tmp_path / "c").workers == 1


def test_a_folder_under_a_file_is_a_chinese_error_without_the_system_text(tmp_path):
    (tmp_path / "iamafile").write_text("x")
    with pytest.raises(OutputError) as info:
        batch.render_batch([make_report()], "shufa-report", tmp_path / "iamafile" / "sub")
    text = str(info.value)
    assert "是一个文件，不是文件夹" in text and "iamafile" in text
    assert "Not a directory" not in text and "directory" not in text.lower()


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "没有写入权限"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (OSError(errno.EIO, "Input/output error"), "系统错误 EIO"),
    ],
)
def test_folder_and_read_errors_are_worded_in_chinese(tmp_path, exc, expected):
    from shuifa.clerk.oserror import chinese_error, folder_error, read_error

    text = str(folder_error(exc, tmp_path / "新建"))
    assert expected in text and exc.strerror not in text
    read = str(read_error(exc, tmp_path / "a.shufa"))
    assert "a.shufa" in read and exc.strerror not in read
    exc.filename = str(tmp_path / "x.docx")
    shown = chinese_error(exc)
    assert exc.strerror not in str(shown) and "x.docx" in str(shown)


def test_import_lists_an_unreadable_file_in_chinese(tmp_path, monkeypatch):
    from shuifa.clerk import importing

    f = tmp_path / "甲.shufa"
    f.write_text("{}")

    def broken(path):
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(importing, "read_report", broken)
    [item] = importing.read_files([f])
    assert item.report is None and "读取" in item.error and "Input/output" not in item.error


def test_a_report_failing_with_an_os_error_is_listed_in_chinese(tmp_path, monkeypatch):
    from shuifa import render

    def full(report, template, out):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(render, "render_docx", full)
    result = batch.render_batch([make_report()], "shufa-report", tmp_path)
    [(name, reason)] = result.failed
    assert "磁盘空间不足" in reason and "No space" not in reason


def test_two_processes_share_the_work_and_give_every_file(tmp_path, monkeypatch):
    """This process renders while the helper starts; together they write every report once."""
    reports = [make_report(name=f"官员{i}", unit="某县") for i in range(40)]
    for i, r in enumerate(reports):
        r.entries["d1"].performance = f"第{i}位独有的内容，全年听取法治政府建设工作汇报{i + 2}次。"
    assert _said(reports[17], "shufa-report", "第17位独有的内容，全年听取法治政府建设工作汇报19次。")
    log, progress = _progress_log()
    result = batch.render_batch(reports, "shufa-report", tmp_path, workers=2, progress=progress)
    assert result.workers == 2 and not result.failed and len(result.docx) == 40
    assert len(list(tmp_path.glob("*.docx"))) == 40 and not list(tmp_path.glob(".*"))
    for i in (0, 17, 39):
        said = f"第{i}位独有的内容，全年听取法治政府建设工作汇报{i + 2}次。"
        assert said in "\n".join(p.text for p in Document(str(result.docx[i])).paragraphs)
    counts = [d for d, _, _ in log[1:-1]]
    assert counts == sorted(counts) and counts[-1] == 40


def test_cancel_while_two_processes_render(tmp_path):
    reports = [make_report(name=f"官员{i}") for i in range(30)]
    calls = {"n": 0}

    def cancel():
        calls["n"] += 1
        return calls["n"] > 6

    result = batch.render_batch(reports, "shufa-report", tmp_path, workers=2, cancel=cancel)
    assert result.cancelled and 2 <= len(result.docx) < 30
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == sorted(p.name for p in result.docx)


def test_printing_messages_say_what_will_happen_and_are_chinese(monkeypatch):
    from shuifa.clerk import printing

    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    ok, reason = printing.can_print()
    assert "已生成" not in reason and "可以先生成 PDF" in reason
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(printing, "default_printer", lambda: None)
    ok, reason = printing.can_print()
    assert "已生成" not in reason and "生成 PDF" in reason
    monkeypatch.setattr(printing, "default_printer", lambda: "HP")

    def no_lp(*a, **k):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "lp")

    monkeypatch.setattr(printing.subprocess, "run", no_lp)
    with pytest.raises(printing.PrintError) as info:
        printing.send_to_printer([__import__("pathlib").Path("x.pdf")])
    assert "No such file" not in str(info.value) and "打印命令" in str(info.value)
