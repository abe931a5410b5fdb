"""GB/T 9704 .docx documents holding one table: the 述法情况汇总表 and the 述法评议表.

Nothing here re-invents the format: the document starts from the built-in ``shufa-report.docx``
template (its GB/T 9704 page setup, 公文 styles with ``w:eastAsia`` fonts, font table with free
fallbacks named as ``w:altName``, and the odd/even "— N —" page-number footers), its body is
emptied, and :func:`shuifa.render.docx.fix_up` runs at the end (schema order, east-asian fonts,
``gridCol`` widths). A wide table turns the page to landscape with the margins turned with it
(the 版心 stays 156 × 225 mm).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from lxml import etree

from ..paths import BUILTIN_TEMPLATES
from ..render import gbt
from ..render.docx import fix_up

W = f"{{{gbt.W_NS}}}"
BASE_TEMPLATE = BUILTIN_TEMPLATES / "shufa-report.docx"

#: Landscape margins: the portrait ones turned a quarter (天头 37 mm becomes the left margin).
LANDSCAPE_MARGINS = {"top": gbt.mm(28), "bottom": gbt.mm(26), "left": gbt.mm(37), "right": gbt.mm(35)}
LANDSCAPE_TEXT_WIDTH = gbt.PAGE_HEIGHT - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]

SMALL_FOUR = 24  # 小四 12 pt, in half-points
FIVE = 21  # 五号 10.5 pt


def _el(tag: str, **attrs: str) -> etree._Element:
    e = etree.Element(W + tag)
    for k, v in attrs.items():
        e.set(W + k, v)
    return e


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    e = _el(tag, **attrs)
    parent.append(e)
    return e


def base_document(*, landscape: bool, title: str) -> Any:
    """A python-docx Document with the built-in template's page, styles and footers, body empty."""
    doc = Document(str(BASE_TEMPLATE))
    body = doc.element.body
    for child in list(body):
        if child.tag != W + "sectPr":
            body.remove(child)
    if landscape:
        sect = body.find(W + "sectPr")
        pg = sect.find(W + "pgSz")
        pg.set(W + "w", str(gbt.PAGE_HEIGHT))
        pg.set(W + "h", str(gbt.PAGE_WIDTH))
        pg.set(W + "orient", "landscape")
        mar = sect.find(W + "pgMar")
        for side, value in LANDSCAPE_MARGINS.items():
            mar.set(W + side, str(value))
    props = doc.core_properties
    props.title = title
    props.category = ""  # not a report template: never picked up as one if copied there
    props.last_modified_by = "述法助手"
    props.author = "述法助手"
    return doc


def text_width(landscape: bool) -> int:
    return LANDSCAPE_TEXT_WIDTH if landscape else gbt.TEXT_WIDTH


def _run_props(font: str, size: int, bold: bool = False) -> etree._Element:
    rpr = _el("rPr")
    _sub(rpr, "rFonts", ascii=gbt.FONT_LATIN, eastAsia=font, hAnsi=gbt.FONT_LATIN, cs=gbt.FONT_LATIN)
    if bold:
        _sub(rpr, "b")
    _sub(rpr, "kern", val="0")
    _sub(rpr, "sz", val=str(size))
    _sub(rpr, "szCs", val=str(size))
    return rpr


def paragraph(
    text: str,
    *,
    style: str | None = None,
    font: str | None = None,
    size: int | None = None,
    align: str | None = None,
    bold: bool = False,
    compact: bool = False,
) -> etree._Element:
    """A ``w:p``: ``style`` gives the 公文 look; ``font``/``size`` override it; ``compact`` uses
    single line spacing (table cells) instead of the 28.95 pt grid."""
    p = _el("p")
    ppr = _sub(p, "pPr")
    if style:
        _sub(ppr, "pStyle", val=style)
    if compact:
        _sub(ppr, "spacing", before="0", after="0", line="240", lineRule="auto")
    _sub(ppr, "ind", firstLineChars="0", firstLine="0")
    if align:
        _sub(ppr, "jc", val=align)
    if text:
        r = _sub(p, "r")
        if font or size or bold:
            r.append(_run_props(font or gbt.FONT_BODY, size or gbt.BODY_SIZE_HALF_PT, bold))
        t = _sub(r, "t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    *,
    size: int = SMALL_FOUR,
    aligns: Sequence[str] | None = None,
    min_row_height: int = 0,
) -> etree._Element:
    """A bordered ``w:tbl`` with fixed column widths (``gridCol`` + ``tcW``), the header row
    repeated on every page, rows that never split across pages, cells centred vertically."""
    total = sum(widths)
    tbl = _el("tbl")
    tblpr = _sub(tbl, "tblPr")
    _sub(tblpr, "tblW", w=str(total), type="dxa")
    _sub(tblpr, "jc", val="center")
    borders = _sub(tblpr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, side, val="single", sz="6" if side.startswith("inside") else "8", space="0", color="000000")
    _sub(tblpr, "tblLayout", type="fixed")
    mar = _sub(tblpr, "tblCellMar")
    _sub(mar, "left", w=str(CELL_MARGIN), type="dxa")
    _sub(mar, "right", w=str(CELL_MARGIN), type="dxa")
    grid = _sub(tbl, "tblGrid")
    for w in widths:
        _sub(grid, "gridCol", w=str(w))
    aligns = list(aligns) if aligns else ["center"] * len(header)

    def add_row(values: Sequence[str], is_header: bool) -> None:
        tr = _sub(tbl, "tr")
        trpr = _sub(tr, "trPr")
        _sub(trpr, "cantSplit")
        if min_row_height and not is_header:
            _sub(trpr, "trHeight", val=str(min_row_height), hRule="atLeast")
        if is_header:
            _sub(trpr, "tblHeader")
        for value, w, align in zip(values, widths, aligns, strict=True):
            tc = _sub(tr, "tc")
            tcpr = _sub(tc, "tcPr")
            _sub(tcpr, "tcW", w=str(w), type="dxa")
            if is_header:
                _sub(tcpr, "shd", val="clear", color="auto", fill="E7E6E6")
            _sub(tcpr, "vAlign", val="center")
            lines = str(value).split("\n") if value != "" else [""]
            for line in lines:
                tc.append(
                    paragraph(
                        line,
                        font=gbt.FONT_HEADING1 if is_header else gbt.FONT_BODY,
                        size=size,
                        align="center" if is_header else align,
                        compact=True,
                    )
                )

    add_row(header, True)
    for values in rows:
        add_row([str(v) for v in values], False)
    return tbl


def scale_widths(weights: Sequence[float], total: int) -> list[int]:
    s = sum(weights)
    widths = [int(total * w / s) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


#: Cell margins (``tblCellMar``, each side) and a little slack for borders and rounding on top of
#: both: a cell whose text measures exactly its width would wrap in LibreOffice/WPS.
CELL_MARGIN = 57
CELL_PADDING = 2 * CELL_MARGIN + 50
#: A short text in a column that does not wrap may still break after these (at a word boundary:
#: 乡镇（街道）| 党政主要负责人, 党委书记、| 区长), never inside a word.
_BREAK_AFTER = re.compile(r"(?<=[）)、，,；;/ ])")


def text_twips(text: str, size: int) -> int:
    """Width of one line of ``text`` at ``size`` half-points, in twips: a CJK (wide or full-width)
    character is one em (``size`` × 10 twips), anything else (digits, Latin, ``/``, ``%``) 0.55 em."""
    em = size * 10
    total = 0.0
    for ch in text:
        total += em if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55 * em
    return int(total + 0.5)


@dataclass(frozen=True)
class Column:
    """How a table column is sized from its content.

    ``header``: ``|`` marks where the header may break when the column is narrow (``职责|填写``).
    ``wrap``: the content may wrap inside words (unit names, free text); otherwise a cell stays on
    one line where the page allows and else breaks only at a word boundary (序号, names, 职务, 类别
    such as 乡镇（街道）党政主要负责人, numbers). ``min_chars``: a wrapping column is at least this
    many characters wide. ``grow``: share of any width left over when everything fits."""

    header: str
    align: str = "center"
    wrap: bool = False
    min_chars: float = 0.0
    grow: float = 0.0

    @property
    def title(self) -> str:
        return self.header.replace("|", "")


def _segments(text: str, header: bool) -> list[str]:
    parts = text.split("|") if header else _BREAK_AFTER.split(text)
    return [p for p in parts if p] or [""]


def fit_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int, size: int) -> list[int]:
    """Column widths (twips, summing to ``total``) sized from the content.

    Each column wants its header and widest cell on one line; it needs at least its widest
    unbreakable piece (a header part, a word of a non-wrapping cell) and, when it wraps,
    ``min_chars``. When everything fits, the spare width goes to the ``grow`` columns. When not,
    the needs are met first, then the columns that must not wrap get their whole want, those
    wanting least more first (a header or 类别 stays on one line where it can), and what is left
    goes to the wrapping columns (a long 单位 wraps); only when even the needs do not fit are all
    columns scaled down together."""
    em = size * 10
    want: list[int] = []
    need: list[int] = []
    for k, col in enumerate(columns):
        header = _segments(col.header, True)
        cells = [str(row[k]) for row in rows]
        widest = max([text_twips("".join(header), size), *(text_twips(c, size) for c in cells)])
        pieces = [*header, *(piece for c in cells for piece in (_segments(c, False) if not col.wrap else []))]
        least = max(text_twips(piece, size) for piece in pieces)
        if col.wrap:
            floor = int(col.min_chars * em)
            want.append(max(widest, floor) + CELL_PADDING)
            need.append(max(least, min(widest, floor)) + CELL_PADDING)
        else:
            want.append(widest + CELL_PADDING)
            need.append(least + CELL_PADDING)
    if sum(want) <= total:
        weights = [c.grow for c in columns]
        if not any(weights):
            weights = [float(w) for w in want]
        return _add_spare(want, weights, total - sum(want), total)
    if sum(need) > total:
        return scale_widths(need, total)
    widths = list(need)
    budget = total - sum(need)
    # a column that must not wrap gains nothing from part of what it wants: all or nothing, the
    # smallest wants first; what is left goes to the wrapping columns (by ``grow``, up to their want)
    for k in sorted((k for k, c in enumerate(columns) if not c.wrap), key=lambda k: want[k] - need[k]):
        if want[k] - need[k] <= budget:
            budget -= want[k] - need[k]
            widths[k] = want[k]
    flexible = [k for k, c in enumerate(columns) if c.wrap and want[k] > widths[k]]
    while budget > len(flexible) and flexible:
        weights = {k: columns[k].grow or 1.0 for k in flexible}
        s = sum(weights.values())
        spent = 0
        for k in flexible:
            give = min(want[k] - widths[k], int(budget * weights[k] / s))
            widths[k] += give
            spent += give
        budget -= spent
        flexible = [k for k in flexible if want[k] > widths[k]]
        if not spent:
            break
    widths[max(range(len(widths)), key=lambda k: (columns[k].wrap, columns[k].grow))] += total - sum(widths)
    return widths


def _add_spare(widths: Sequence[int], weights: Sequence[float], spare: int, total: int) -> list[int]:
    s = sum(weights)
    out = [w + int(spare * g / s) for w, g in zip(widths, weights, strict=True)]
    grow_last = max(range(len(out)), key=lambda k: weights[k])
    out[grow_last] += total - sum(out)
    return out


def break_lines(text: str, width: int, size: int, *, header: bool = False) -> str:
    """``text`` with a line break (``\n``) at word boundaries where it is wider than the cell
    ``width`` (twips), so the table never breaks it inside a word where a boundary will do."""
    room = width - CELL_PADDING
    if text_twips(text.replace("|", ""), size) <= room:
        return text.replace("|", "")
    lines: list[str] = []
    for piece in _segments(text, header):
        if lines and text_twips(lines[-1] + piece, size) <= room:
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(line.strip() for line in lines)


def laid_out(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], widths: Sequence[int], size: int
) -> tuple[list[str], list[list[str]]]:
    """Header and rows with the line breaks :func:`break_lines` puts in (wrapping columns'
    cells are left to the word processor)."""
    head = [break_lines(c.header, w, size, header=True) for c, w in zip(columns, widths, strict=True)]
    body = [
        [
            v if c.wrap else break_lines(v, w, size)
            for v, c, w in zip((str(x) for x in row), columns, widths, strict=True)
        ]
        for row in rows
    ]
    return head, body


def finish(doc: Any) -> Any:
    fix_up(doc)
    return doc


# --------------------------------------------------------------------------- 述法情况汇总表

#: How the 汇总表's columns are sized (headers as shown: a long one breaks between words).
SUMMARY_COLUMNS: dict[str, Column] = {
    "序号": Column("序号"),
    "单位": Column("单位", "left", wrap=True, min_chars=6, grow=3),
    "姓名": Column("姓名"),
    "职务": Column("职务", "left", grow=1),
    "类别": Column("类别", "left"),
    "年度": Column("年度"),
    "职责填写": Column("职责|填写"),
    "未达标量化要求": Column("未达标|量化要求"),
    "列出问题的职责": Column("列出问题|的职责"),
    "字数": Column("字数"),
    "好": Column("好"),
    "较好": Column("较好"),
    "一般": Column("一般"),
    "差": Column("差"),
    "好评率": Column("好评率"),
}


def summary_document(title: str, header: Sequence[str], values: Sequence[Sequence[Any]]) -> Any:
    """The 述法情况汇总表 as a document (landscape: the table has 10–15 columns)."""
    landscape = len(header) > 6
    doc = base_document(landscape=landscape, title=title)
    body = doc.element.body
    sect = body.find(W + "sectPr")
    size = SMALL_FOUR if len(header) <= 10 else FIVE
    columns = [SUMMARY_COLUMNS.get(h, Column(h)) for h in header]
    cells = [[str(v) for v in row] for row in values]
    widths = fit_widths(columns, cells, text_width(landscape), size)
    shown, cells = laid_out(columns, cells, widths, size)
    aligns = [c.align for c in columns]
    for el in (
        paragraph(title, style=gbt.STYLE_TITLE),
        paragraph(f"（共 {len(values)} 份报告）", style=gbt.STYLE_NOTE),
        table(shown, cells, widths, size=size, aligns=aligns),
        paragraph(
            "注：职责填写为已填写条数/应填写条数；未达标量化要求为填报值低于清单要求的项数；字数不含标题和落款"
            + ("；好评率为“好”“较好”票数占总票数的比例。" if "好评率" in header else "。"),
            font=gbt.FONT_BODY,
            size=size,
            compact=True,
        ),
    ):
        sect.addprevious(el)
    return finish(doc)


# --------------------------------------------------------------------------- 述法评议表

EVAL_COLUMNS = (
    Column("序号"),
    Column("单位", "left", wrap=True, min_chars=6, grow=1),
    Column("姓名"),
    Column("职务", "left", grow=1),
    *(Column(g) for g in ("好", "较好", "一般", "差")),  # tick boxes: as narrow as the header
    Column("意见建议", "left", wrap=True, min_chars=16, grow=6),
)
EVAL_HEADER = tuple(c.title for c in EVAL_COLUMNS)
EVAL_SIZE = SMALL_FOUR + 4  # 四号 14 pt: read and ticked at the meeting


def evaluation_document(settings: Any, speakers: Sequence[Sequence[str]]) -> Any:
    """The 述法评议表: title, meeting date, one row per speaker with a tick box per grade and
    room for 意见建议, then the 评议人 line and the 填表说明 (landscape A4)."""
    doc = base_document(landscape=True, title=settings.title)
    sect = doc.element.body.find(W + "sectPr")
    rows = [[*s[:4], "□", "□", "□", "□", ""] for s in speakers]
    widths = fit_widths(EVAL_COLUMNS, rows, LANDSCAPE_TEXT_WIDTH, EVAL_SIZE)
    header, rows = laid_out(EVAL_COLUMNS, rows, widths, EVAL_SIZE)
    aligns = [c.align for c in EVAL_COLUMNS]
    elements = [
        paragraph(settings.title, style=gbt.STYLE_TITLE),
        paragraph(settings.date_line(), style=gbt.STYLE_NOTE),
        table(header, rows, widths, size=EVAL_SIZE, aligns=aligns, min_row_height=gbt.mm(12)),
    ]
    if settings.rater_line:
        elements.append(paragraph(settings.rater_line, font=gbt.FONT_BODY, size=EVAL_SIZE, compact=True))
    if settings.instructions:
        for line in settings.instructions.split("\n"):
            if line.strip():
                elements.append(paragraph(line.strip(), font=gbt.FONT_HEADING2, size=SMALL_FOUR, compact=True))
    for el in elements:
        sect.addprevious(el)
    return finish(doc)
