"""述法情况汇总表: one row per report, as .xlsx (openpyxl) or as a GB/T 9704 .docx table.

Columns: 序号, 单位, 姓名, 职务, 类别, 年度, 职责填写 (finished/total), 未达标量化要求, 列出问题的职责,
字数, and — when grades were entered for any report — 好/较好/一般/差 votes and 好评率
(share of 好+较好 among the votes cast).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import atomic
from ..errors import OutputError
from ..model import GRADES, ROLES, Report, split_paragraphs


def report_length(report: Report) -> int:
    """Length of the report's main text in 字 as the written report (模板 shufa-report) has it:
    the same count the editor's preview shows (title block and 落款 not counted)."""
    from ..render import preview_text

    return preview_text(report, "shufa-report").chars


def problems_listed(report: Report) -> int:
    """Duties (walked, not 不涉及) whose entry lists 存在问题."""
    count = 0
    for duty in report.duties():
        e = report.entries.get(duty.id)
        if e is not None and e.status != "na" and split_paragraphs(e.problems):
            count += 1
    return count


def good_rate(evaluation: dict[str, int]) -> float | None:
    """Share (0–100) of 好 + 较好 among the votes, None when no votes were entered."""
    total = sum(max(0, int(evaluation.get(g, 0))) for g in GRADES)
    if not total:
        return None
    return 100.0 * (int(evaluation.get("好", 0)) + int(evaluation.get("较好", 0))) / total


def tally_text(evaluation: dict[str, int]) -> str:
    """``好 12、较好 5、一般 1、差 0（好评率 94.4%）`` or ``""`` when no votes were entered."""
    rate = good_rate(evaluation)
    if rate is None:
        return ""
    votes = "、".join(f"{g} {int(evaluation.get(g, 0))}" for g in GRADES)
    return f"{votes}（好评率 {rate:.1f}%）"


@dataclass
class SummaryRow:
    unit: str
    name: str
    title: str
    category: str
    year: int
    finished: int
    total: int
    unmet: int
    problems: int
    length: int
    evaluation: dict[str, int] = field(default_factory=dict)

    @property
    def filled_text(self) -> str:
        return f"{self.finished}/{self.total}"

    @property
    def rate_text(self) -> str:
        rate = good_rate(self.evaluation)
        return "" if rate is None else f"{rate:.1f}%"

    def has_grades(self) -> bool:
        return good_rate(self.evaluation) is not None


def summary_row(report: Report) -> SummaryRow:
    o = report.official
    finished, total = report.progress()
    return SummaryRow(
        unit=o.unit,
        name=o.name,
        title=o.title,
        category=ROLES.get(o.role, o.role),
        year=report.year,
        finished=finished,
        total=total,
        unmet=len(report.unmet_requirements()),
        problems=problems_listed(report),
        length=report_length(report),
        evaluation={g: int(report.evaluation.get(g, 0)) for g in GRADES} if report.evaluation else {},
    )


def summary_rows(reports: Sequence[Report]) -> list[SummaryRow]:
    return [summary_row(r) for r in reports]


BASE_HEADERS: tuple[str, ...] = (
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
)
GRADE_HEADERS: tuple[str, ...] = (*GRADES, "好评率")


def with_grades(rows: Sequence[SummaryRow]) -> bool:
    return any(r.has_grades() for r in rows)


def headers(rows: Sequence[SummaryRow]) -> list[str]:
    return list(BASE_HEADERS) + (list(GRADE_HEADERS) if with_grades(rows) else [])


def table_values(rows: Sequence[SummaryRow]) -> list[list[str | int]]:
    """The table body as cell values (numbers as int, so Excel can sum them)."""
    grades = with_grades(rows)
    out: list[list[str | int]] = []
    for i, r in enumerate(rows, 1):
        line: list[str | int] = [
            i,
            r.unit,
            r.name,
            r.title,
            r.category,
            r.year,
            r.filled_text,
            r.unmet,
            r.problems,
            r.length,
        ]
        if grades:
            if r.has_grades():
                line += [int(r.evaluation.get(g, 0)) for g in GRADES] + [r.rate_text]
            else:
                line += ["", "", "", "", ""]
        out.append(line)
    return out


def default_title(reports: Sequence[Report]) -> str:
    years = sorted({r.year for r in reports})
    if len(years) == 1:
        return f"{years[0]}年度述法情况汇总表"
    if years:
        return f"{years[0]}—{years[-1]}年度述法情况汇总表"
    return "述法情况汇总表"


# --------------------------------------------------------------------------- xlsx

# Column widths in Excel character units (a CJK character counts about 2).
_XLSX_WIDTHS: dict[str, float] = {
    "序号": 6,
    "单位": 26,
    "姓名": 10,
    "职务": 22,
    "类别": 20,
    "年度": 8,
    "职责填写": 10,
    "未达标量化要求": 15,
    "列出问题的职责": 15,
    "字数": 9,
    "好": 7,
    "较好": 7,
    "一般": 7,
    "差": 7,
    "好评率": 9,
}


#: A text starting with one of these is read by a spreadsheet as a formula (or a DDE/command).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _put(cell: Any, value: Any) -> None:
    """Set a cell's value; text is always text: a name or unit beginning with = + - @ (or a tab/CR)
    is stored as a string with Excel's quote prefix, never as a live formula; characters a workbook
    cannot hold are dropped."""
    if not isinstance(value, str):
        cell.value = value
        return
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def write_xlsx(reports: Sequence[Report], path: str | os.PathLike[str], title: str | None = None) -> Path:
    """The summary as an Excel workbook: title row, styled and frozen header, widths set,
    landscape A4 fitted to one page wide with the header repeated on every printed page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    rows = summary_rows(reports)
    head = headers(rows)
    title = title or default_title(reports)
    wb = Workbook()
    ws = wb.active
    ws.title = "述法情况汇总"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    _put(ws.cell(row=1, column=1), title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    ws.cell(row=1, column=1).font = Font(name="黑体", size=16, bold=True)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32

    for c, h in enumerate(head, 1):
        cell = ws.cell(row=2, column=c)
        _put(cell, h)
        cell.font = Font(name="黑体", size=11, bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="305496")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(c)].width = _XLSX_WIDTHS.get(h, 12)
    ws.row_dimensions[2].height = 30

    text_cols = {head.index(h) + 1 for h in ("单位", "职务", "类别")}
    for r, values in enumerate(table_values(rows), 3):
        for c, v in enumerate(values, 1):
            cell = ws.cell(row=r, column=c)
            _put(cell, v)
            cell.font = Font(name="宋体", size=11)
            cell.border = border
            cell.alignment = Alignment(
                horizontal="left" if c in text_cols else "center", vertical="center", wrap_text=c in text_cols
            )

    ws.freeze_panes = "A3"
    if rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(head))}{len(rows) + 2}"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    path = Path(path)
    atomic.write_with(path, lambda tmp: wb.save(tmp))
    return path


# --------------------------------------------------------------------------- docx


def write_docx(reports: Sequence[Report], path: str | os.PathLike[str], title: str | None = None) -> Path:
    """The summary as a GB/T 9704 .docx table (landscape A4 when the table is wide)."""
    from .docx_tables import summary_document

    rows = summary_rows(reports)
    doc = summary_document(title or default_title(reports), headers(rows), table_values(rows))
    path = Path(path)
    atomic.write_with(path, lambda tmp: doc.save(str(tmp)))
    return path


def write_summary(reports: Sequence[Report], path: str | os.PathLike[str], title: str | None = None) -> Path:
    """Write the summary as .xlsx or .docx, chosen by the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(reports, path, title)
    if suffix == ".docx":
        return write_docx(reports, path, title)
    raise OutputError(
        f"汇总表不能保存为“{Path(path).name}”这种格式。",
        hint="请以 .xlsx（Excel/WPS 表格）或 .docx（Word/WPS 文字）结尾。",
    )
