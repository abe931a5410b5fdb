"""The 述法情况汇总表 (.xlsx, .docx) and the 述法评议表 (.docx), read back from the files."""

from __future__ import annotations

from datetime import date

import pytest
from clerkdata import make_report
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from shuifa.clerk import evaluation, summary
from shuifa.errors import OutputError, ShuifaError
from shuifa.render import gbt


def _reports():
    a = make_report(name="张三", unit="甲县人民政府", title="县长")
    b = make_report(name="李四", unit="乙县司法局", title="局长", role="department", problems=False, unmet=False)
    b.entries.pop("d3")
    a.evaluation = {"好": 30, "较好": 8, "一般": 2, "差": 0}
    return [a, b]


def test_summary_rows_count_what_the_reports_hold():
    a, b = _reports()
    ra, rb = summary.summary_rows([a, b])
    assert (ra.unit, ra.name, ra.title, ra.category) == ("甲县人民政府", "张三", "县长", "政府主要负责人")
    assert (ra.finished, ra.total, ra.unmet, ra.problems) == (3, 4, 1, 2)
    assert (rb.finished, rb.total, rb.unmet, rb.problems) == (
        1,
        4,
        0,
        0,
    )  # its 部分落实 duty has no problem: not finished
    assert ra.length > rb.length > 0
    assert ra.rate_text == "95.0%" and rb.rate_text == ""
    assert summary.tally_text(a.evaluation) == "好 30、较好 8、一般 2、差 0（好评率 95.0%）"


def test_summary_xlsx_has_title_styled_frozen_header_widths_and_values(tmp_path):
    path = summary.write_summary(_reports(), tmp_path / "汇总.xlsx", title="2026年度述法情况汇总表")
    ws = load_workbook(path).active
    assert ws["A1"].value == "2026年度述法情况汇总表"
    head = [c.value for c in ws[2]]
    assert head == [
        "序号",
        "单位",
        "姓名",
        "职务",
        "类别",
        "年度",
        "职责填写",
        "未达标量化要求",
        "列出问题的职责",
        "字数",
        "好",
        "较好",
        "一般",
        "差",
        "好评率",
    ]
    assert ws.freeze_panes == "A3"
    assert ws["B2"].font.bold and ws["B2"].fill.fgColor.rgb.endswith("305496")
    assert ws.column_dimensions["B"].width >= 20
    row3 = [c.value for c in ws[3]]
    assert row3[:10] == [1, "甲县人民政府", "张三", "县长", "政府主要负责人", 2026, "3/4", 1, 2, row3[9]]
    assert isinstance(row3[9], int) and row3[9] > 0
    assert row3[10:] == [30, 8, 2, 0, "95.0%"]
    assert [c.value for c in ws[4]][10:] == [None] * 5  # not graded: blank, not zero
    assert ws.page_setup.orientation == "landscape"


def test_summary_without_grades_has_no_grade_columns(tmp_path):
    a, b = _reports()
    a.evaluation = {}
    ws = load_workbook(summary.write_summary([a, b], tmp_path / "s.xlsx")).active
    assert ws.max_column == 10 and ws["A1"].value == "2026年度述法情况汇总表"


def _cell_texts(table):
    return [[c.text for c in row.cells] for row in table.rows]


def test_summary_docx_is_a_gbt9704_landscape_table(tmp_path):
    path = summary.write_summary(_reports(), tmp_path / "汇总.docx")
    doc = Document(str(path))
    sect = doc.sections[0]
    assert sect.page_width > sect.page_height  # landscape A4
    assert round(sect.left_margin.mm) == 37 and round(sect.top_margin.mm) == 28
    assert doc.paragraphs[0].text == "2026年度述法情况汇总表"
    assert doc.paragraphs[0].style.style_id == gbt.STYLE_TITLE
    [table] = doc.tables
    rows = _cell_texts(table)
    assert rows[0][:3] == ["序号", "单位", "姓名"] and rows[0][-1] == "好评率"
    assert rows[1][1:7] == ["甲县人民政府", "张三", "县长", "政府主要负责人", "2026", "3/4"]
    assert rows[1][-5:] == ["30", "8", "2", "0", "95.0%"]
    assert rows[2][-5:] == [""] * 5
    tbl = table._tbl
    grid = tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    assert len(grid) == 15 and all(int(g.get(qn("w:w"))) > 0 for g in grid)
    assert tbl.find(qn("w:tr")).find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    # every run names its Chinese font as w:eastAsia
    fonts = {
        r._r.rPr.rFonts.get(qn("w:eastAsia"))
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    }
    assert fonts == {gbt.FONT_HEADING1, gbt.FONT_BODY}
    # the built-in template's page-number footer came along
    assert "PAGE" in sect.footer._element.xml


def test_summary_refuses_other_formats(tmp_path):
    with pytest.raises(OutputError, match=r"\.xlsx"):
        summary.write_summary(_reports(), tmp_path / "s.csv")


def test_evaluation_form_has_a_row_per_speaker_with_tick_boxes(tmp_path):
    a, b = _reports()
    path = evaluation.write_form(
        [b, a], tmp_path / "评议表.docx", title="2026年度述法评议表", meeting_date=date(2026, 12, 5)
    )
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "2026年度述法评议表"
    assert "会议时间：2026年12月5日" in texts
    assert any(t.startswith("填表说明") and "不记名" in t for t in texts)
    # an anonymous form asks for no 评议人 (not even "可不署名")
    assert not any("评议人" in t or "署名" in t for t in texts)
    [table] = doc.tables
    rows = _cell_texts(table)
    assert rows[0] == ["序号", "单位", "姓名", "职务", "好", "较好", "一般", "差", "意见建议"]
    assert rows[1] == ["1", "乙县司法局", "李四", "局长", "□", "□", "□", "□", ""]
    assert rows[2][:3] == ["2", "甲县人民政府", "张三"]
    sect = doc.sections[0]
    assert sect.page_width > sect.page_height
    cell_font = table.rows[1].cells[1].paragraphs[0].runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))
    assert cell_font == gbt.FONT_BODY


def test_evaluation_form_without_date_leaves_a_blank_to_fill(tmp_path):
    doc = Document(str(evaluation.write_form(_reports(), tmp_path / "e.docx")))
    assert "会议时间：______年____月____日" in [p.text for p in doc.paragraphs]
    assert doc.paragraphs[0].text == "2026年度党政主要负责人述法评议表"


def test_meeting_dates_are_parsed_and_bad_ones_refused():
    assert evaluation.parse_date("2026-12-05") == date(2026, 12, 5)
    assert evaluation.parse_date("2026年12月5日") == date(2026, 12, 5)
    assert evaluation.parse_date("2026/1/9") == date(2026, 1, 9)
    with pytest.raises(ShuifaError, match="无法识别"):
        evaluation.parse_date("下周五")


def test_grades_are_saved_and_show_in_the_summary(store, tmp_path):
    a, b = _reports()
    a.evaluation = {}
    store.create_report(a)
    store.create_report(b)
    evaluation.set_grades(store, a.id, {"好": "12", "较好": 5, "一般": 1, "差": 0})
    back = store.load_report(a.id)
    assert back.evaluation == {"好": 12, "较好": 5, "一般": 1, "差": 0}
    ws = load_workbook(summary.write_summary([back, store.load_report(b.id)], tmp_path / "s.xlsx")).active
    assert [c.value for c in ws[3]][10:] == [12, 5, 1, 0, "94.4%"]
    with pytest.raises(ShuifaError, match="负数"):
        evaluation.set_grades(store, a.id, {"好": -1})
    with pytest.raises(ShuifaError, match="不是整数"):
        evaluation.set_grades(store, a.id, {"好": "十"})
    evaluation.set_grades(store, a.id, {"好": 0})
    assert store.load_report(a.id).evaluation == {}
    assert evaluation.check_against_forms({"好": 30, "较好": 2}, 31) == "票数合计 32 超过收回的评议表 31 份"


def test_summary_of_realistic_sample_reports_from_every_builtin_list(tmp_path):
    from shuifa.lists import builtin_ids, load_builtin
    from shuifa.sample import make_sample

    reports = [make_sample(load_builtin(i), year=2025, seed=k) for k, i in enumerate(builtin_ids())]
    ws = load_workbook(summary.write_summary(reports, tmp_path / "s.xlsx")).active
    assert ws.max_row == 2 + len(reports)
    for row, report in zip(ws.iter_rows(min_row=3, values_only=True), reports, strict=True):
        done, total = report.progress()
        assert row[1:4] == (report.official.unit, report.official.name, report.official.title)
        assert row[6] == f"{done}/{total}" and total == len(report.duties())
        assert row[7] == len(report.unmet_requirements())
        assert row[9] > 1000  # a filled report is long
    doc = Document(str(summary.write_summary(reports, tmp_path / "s.docx")))
    assert len(doc.tables[0].rows) == 1 + len(reports)


def _pdf_info(pdf) -> dict[str, str]:
    import subprocess

    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def _needs_pdf():
    import shutil

    from shuifa.render import find_soffice

    if find_soffice() is None or shutil.which("pdfinfo") is None:
        pytest.skip("需要 LibreOffice 和 pdfinfo")


def test_printed_forms_have_the_expected_pages(tmp_path):
    _needs_pdf()
    from shuifa.render import convert_to_pdf

    few = [make_report(name=f"述法人{i}") for i in range(3)]
    many = [make_report(name=f"述法人{i}") for i in range(30)]
    files = [
        evaluation.write_form(few, tmp_path / "评议表-3人.docx"),
        evaluation.write_form(many, tmp_path / "评议表-30人.docx"),
        summary.write_summary(few, tmp_path / "汇总表.docx"),
    ]
    pdfs = convert_to_pdf(files, tmp_path)
    info = [_pdf_info(p) for p in pdfs]
    assert [int(i["Pages"]) for i in info[::2]] == [1, 1]
    # 30 rows of ≥ 12 mm on a 156 mm high landscape 版心: several pages, none of them empty
    assert 3 <= int(info[1]["Pages"]) <= 6
    for i in info:
        w, h = (float(x) for x in i["Page size"].split()[0:3:2])
        assert (round(w), round(h)) == (842, 595)  # A4 landscape


def test_printed_tables_do_not_break_headers_or_categories_inside_a_word(tmp_path):
    _needs_pdf()
    import shutil

    from shuifa.render import convert_to_pdf

    if shutil.which("pdftotext") is None:
        pytest.skip("需要 pdftotext")
    reports = _long_names_reports()
    plain = [make_report(name=r.official.name, unit=r.official.unit, title=r.official.title) for r in reports]
    for a, b in zip(plain, reports, strict=True):
        a.official.role = b.official.role
    files = [
        summary.write_summary(plain, tmp_path / "汇总表-10列.docx"),
        summary.write_summary(reports, tmp_path / "汇总表-15列.docx"),
        evaluation.write_form(reports, tmp_path / "评议表.docx"),
    ]
    texts = [_pdf_text(p) for p in convert_to_pdf(files, tmp_path)]
    for text in texts[:2]:
        for word in ("序号", "姓名", "职务", "年度", "字数", "党委主要负责人", "政府主要负责人", "党政主要负责人"):
            assert word in text, (word, text)
    assert "职责填写" in texts[0] and "未达标量化要求" in texts[0]
    assert "好评率" in texts[1]
    for word in ("序号", "姓名", "职务", "较好", "一般", "意见建议", "王丽娟"):
        assert word in texts[2], word


def test_an_optional_rater_line_is_printed_when_given(tmp_path):
    doc = Document(str(evaluation.write_form(_reports(), tmp_path / "e.docx", rater_line="评议人类别：□干部 □群众")))
    assert "评议人类别：□干部 □群众" in [p.text for p in doc.paragraphs]


def _widths(table):
    """(gridCol widths, tcW widths of every row) in twips."""
    tbl = table._tbl
    grid = [int(g.get(qn("w:w"))) for g in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    rows = [
        [int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for tc in tr.findall(qn("w:tc"))]
        for tr in tbl.findall(qn("w:tr"))
    ]
    return grid, rows


def _long_names_reports():
    from shuifa.model import ROLES

    out = []
    for k, (role, unit) in enumerate(
        [
            ("party", "中共鞍山高新技术产业开发区工作委员会"),
            ("township", "沈阳市辽中区牛心坨镇人民政府"),
            ("government", "浙江省人民政府"),
        ]
    ):
        r = make_report(name=["曹振宇", "宋辉", "王丽娟"][k], unit=unit, title="书记")
        r.official.role = role
        assert ROLES[role]
        out.append(r)
    out[0].evaluation = {"好": 30, "较好": 8, "一般": 2, "差": 1}
    return out


@pytest.mark.parametrize("graded", [False, True])
def test_summary_columns_are_sized_from_their_content(tmp_path, graded):
    from shuifa.clerk.docx_tables import CELL_PADDING, text_twips

    reports = _long_names_reports()
    if not graded:
        reports[0].evaluation = {}
    doc = Document(str(summary.write_summary(reports, tmp_path / "s.docx")))
    [table] = doc.tables
    grid, rows = _widths(table)
    assert all(r == grid for r in rows)  # WPS lays out by gridCol, Word by tcW: the same widths
    sect = doc.sections[0]
    assert sum(grid) <= sect.page_width.twips - sect.left_margin.twips - sect.right_margin.twips
    head = [c.text.replace("\n", "") for c in table.rows[0].cells]
    col = {h: k for k, h in enumerate(head)}
    size = int(table.rows[1].cells[4].paragraphs[0].runs[0]._r.rPr.sz_val.pt * 2)
    # short headers and category names stay whole: the column holds them on one line …
    for h in ("序号", "姓名", "职务", "年度", "职责填写", "字数"):
        assert grid[col[h]] >= text_twips(h, size) + CELL_PADDING, h
    assert grid[col["类别"]] >= text_twips("党委主要负责人", size) + CELL_PADDING
    # … or break only at a word boundary, as separate lines
    township = table.rows[2].cells[col["类别"]].text
    assert township.replace("\n", "") == "乡镇（街道）党政主要负责人"
    assert township in ("乡镇（街道）党政主要负责人", "乡镇（街道）\n党政主要负责人")
    # short fixed columns stay narrow, the long 单位 gets the room
    assert grid[col["序号"]] < grid[col["单位"]] / 2
    assert grid[col["单位"]] > grid[col["姓名"]] and grid[col["单位"]] > grid[col["职务"]]
    if graded:
        assert max(grid[col[g]] for g in ("好", "较好", "一般", "差")) < grid[col["单位"]] / 2


def test_evaluation_form_columns_fit_tick_boxes_narrow_and_leave_room_for_opinions(tmp_path):
    from shuifa.clerk.docx_tables import CELL_PADDING, EVAL_SIZE, text_twips

    doc = Document(str(evaluation.write_form(_long_names_reports(), tmp_path / "e.docx")))
    [table] = doc.tables
    grid, rows = _widths(table)
    assert all(r == grid for r in rows)
    head = [c.text for c in table.rows[0].cells]
    assert head == ["序号", "单位", "姓名", "职务", "好", "较好", "一般", "差", "意见建议"]
    for k, h in enumerate(head):
        assert grid[k] >= text_twips(h, EVAL_SIZE) + CELL_PADDING, h
    ticks = grid[4:8]
    assert max(ticks) <= text_twips("较好", EVAL_SIZE) + CELL_PADDING + 10
    assert grid[8] == max(grid)  # 意见建议 is the widest column
    assert grid[2] >= text_twips("王丽娟", EVAL_SIZE) + CELL_PADDING


def test_fit_widths_keeps_unwrappable_columns_whole_and_wraps_the_long_ones():
    from shuifa.clerk.docx_tables import CELL_PADDING, Column, fit_widths, text_twips

    cols = [Column("序号"), Column("单位", wrap=True, min_chars=4), Column("类别")]
    rows = [["1", "中共某某市某某区某某街道工作委员会", "党委主要负责人"]]
    total = 5000
    w = fit_widths(cols, rows, total, 24)
    assert sum(w) == total
    assert w[2] >= text_twips("党委主要负责人", 24) + CELL_PADDING
    assert w[0] == text_twips("序号", 24) + CELL_PADDING
    # everything fits: the spare room goes to the growing column
    w = fit_widths([Column("序号"), Column("意见", wrap=True, grow=1)], [["1", ""]], 6000, 24)
    assert w[0] == text_twips("序号", 24) + CELL_PADDING and w[1] == 6000 - w[0]


def _pdf_text(pdf) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
