"""Batch output never replaces a file already in the folder silently (issue 11)."""

from __future__ import annotations

from clerkdata import make_report

from shuifa.clerk import batch
from shuifa.cli import main
from shuifa.exchange import write_report

NAME = "甲县人民政府-张三-2026.docx"


def test_a_file_already_there_is_kept_and_the_new_one_numbered(tmp_path):
    (tmp_path / NAME).write_bytes(b"old")
    result = batch.render_batch([make_report(name="张三", unit="甲县人民政府")], "shufa-report", tmp_path)
    assert (tmp_path / NAME).read_bytes() == b"old"
    assert [p.name for p in result.docx] == ["甲县人民政府-张三-2026-2.docx"]
    assert result.kept == [(NAME, "甲县人民政府-张三-2026-2.docx")]
    assert "原有的 1 个同名文件已保留" in result.message()


def test_overwrite_replaces_and_says_so(tmp_path):
    (tmp_path / NAME).write_bytes(b"old")
    result = batch.render_batch(
        [make_report(name="张三", unit="甲县人民政府")], "shufa-report", tmp_path, overwrite=True
    )
    assert (tmp_path / NAME).read_bytes() != b"old"
    assert [p.name for p in result.docx] == [NAME]
    assert result.replaced == [NAME] and "覆盖了 1 个" in result.message()


def test_the_same_person_twice_never_shares_a_name_even_with_files_there(tmp_path):
    (tmp_path / NAME).write_bytes(b"old")
    (tmp_path / "甲县人民政府-张三-2026-2.DOCX").write_bytes(b"old2")
    reports = [make_report(name="张三", unit="甲县人民政府") for _ in range(2)]
    assert batch.existing_outputs(reports, tmp_path) == [NAME, "甲县人民政府-张三-2026-2.docx"]
    result = batch.render_batch(reports, "shufa-report", tmp_path)
    assert [p.name for p in result.docx] == ["甲县人民政府-张三-2026-3.docx", "甲县人民政府-张三-2026-4.docx"]
    assert (tmp_path / NAME).read_bytes() == b"old"
    assert (tmp_path / "甲县人民政府-张三-2026-2.DOCX").read_bytes() == b"old2"


def test_cli_batch_keeps_existing_files_unless_overwrite(tmp_path, capsys):
    src = tmp_path / "报告"
    src.mkdir()
    write_report(make_report(name="张三", unit="甲县人民政府"), src / "a.shufa")
    out = tmp_path / "输出"
    out.mkdir()
    (out / NAME).write_bytes(b"old")
    assert main(["batch", str(src), "-t", "shufa-report", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert (out / NAME).read_bytes() == b"old"
    assert (out / "甲县人民政府-张三-2026-2.docx").exists()
    assert NAME in err and "甲县人民政府-张三-2026-2.docx" in err and "--overwrite" in err
    assert main(["batch", str(src), "-t", "shufa-report", "-o", str(out), "--overwrite"]) == 0
    assert (out / NAME).read_bytes() != b"old"
    assert "已覆盖" in capsys.readouterr().err
    assert not (out / "甲县人民政府-张三-2026-3.docx").exists()
