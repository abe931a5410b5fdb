"""``shuifa batch / summary / evaluation / next-year`` as a user runs them."""

from __future__ import annotations

import pytest
from clerkdata import make_report
from docx import Document
from openpyxl import load_workbook

from shuifa.cli import main
from shuifa.exchange import read_report, write_report


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for i, (name, unit) in enumerate((("张三", "甲县人民政府"), ("李四", "乙县司法局"))):
        r = make_report(name=name, unit=unit)
        if i == 0:
            r.evaluation = {"好": 9, "较好": 1, "一般": 0, "差": 0}
        write_report(r, folder / f"{name}.shufa")
    return folder


def test_batch_command_writes_docx_and_shows_progress(files, tmp_path, capsys):
    out = tmp_path / "输出"
    assert main(["batch", str(files), "-t", "shufa-report", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.docx")) == ["乙县司法局-李四-2026.docx", "甲县人民政府-张三-2026.docx"]
    captured = capsys.readouterr()
    assert "已生成 2 份 Word 文档" in captured.out
    assert "2/2" in captured.err and "█" in captured.err  # the progress bar
    text = "\n".join(p.text for p in Document(str(out / "乙县司法局-李四-2026.docx")).paragraphs)
    assert "李四" in text


def test_batch_with_an_invalid_file_produces_nothing_and_exits_2(files, tmp_path, capsys):
    (files / "坏.shufa").write_text("{", encoding="utf-8")
    out = tmp_path / "输出"
    assert main(["batch", str(files), "-t", "shufa-report", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "坏.shufa" in err and "未生成任何输出" in err
    assert not out.exists()


def test_batch_unknown_template_exits_2_in_chinese(files, tmp_path, capsys):
    assert main(["batch", str(files), "-t", "无此模板", "-o", str(tmp_path / "o")]) == 2
    assert "找不到名为“无此模板”的模板" in capsys.readouterr().err


def test_summary_command_xlsx_and_docx(files, tmp_path, capsys):
    assert (
        main(["summary", str(files / "张三.shufa"), str(files / "李四.shufa"), "-o", str(tmp_path / "汇总.xlsx")]) == 0
    )
    ws = load_workbook(tmp_path / "汇总.xlsx").active
    assert [ws.cell(row=r, column=3).value for r in (3, 4)] == ["张三", "李四"]
    assert ws.cell(row=3, column=15).value == "100.0%"
    assert main(["summary", str(files), "-o", str(tmp_path / "汇总.docx"), "--title", "2026年度述法汇总"]) == 0
    doc = Document(str(tmp_path / "汇总.docx"))
    assert doc.paragraphs[0].text == "2026年度述法汇总"
    assert len(doc.tables[0].rows) == 3
    assert main(["summary", str(files), "-o", str(tmp_path / "汇总.pdf")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_evaluation_command(files, tmp_path, capsys):
    out = tmp_path / "评议表.docx"
    args = ["evaluation", str(files), "--meeting-date", "2026-12-05", "--title", "述法评议表", "-o", str(out)]
    assert main(args) == 0
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "述法评议表"
    assert "会议时间：2026年12月5日" in [p.text for p in doc.paragraphs]
    assert [r.cells[2].text for r in doc.tables[0].rows] == ["姓名", "张三", "李四"]  # folder files in name order
    assert main(["evaluation", str(files), "--meeting-date", "明天", "-o", str(out)]) == 2
    assert "无法识别" in capsys.readouterr().err


def test_next_year_command(files, tmp_path, capsys):
    out = tmp_path / "张三-2027.shufa"
    assert main(["next-year", str(files / "张三.shufa"), "-o", str(out)]) == 0
    new = read_report(out)
    assert new.year == 2027 and new.previous_year == 2026 and len(new.carry_over) == 2
    assert "转入上年度问题 2 条" in capsys.readouterr().out
    assert main(["next-year", str(files / "张三.shufa"), "-o", str(tmp_path / "x.docx")]) == 2
    assert main(["next-year", str(files / "没有.shufa"), "-o", str(out)]) == 2
    assert "找不到" in capsys.readouterr().err


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["batch", "-h"])
    out = capsys.readouterr().out
    assert "批量生成" in out and "--pdf" in out and "选项" in out
