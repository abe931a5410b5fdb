"""GB/T 9704 .docx documents holding one table: the 述法情况汇总表 and the 述法评议表.

Nothing here re-invents the format: the document starts from the built-in ``shufa-report.docx``
template (its GB/T 9704 page setup, 公文 styles with ``w:eastAsia`` fonts, font table with free
fallbacks named as ``w:altName``, and the odd/even "— N —" page-number footers), its body is
emptied, and :func:`shuifa.render.docx.fix_up` runs at the end (schema order, east-asian fonts,
``gridCol`` widths). A wide table turns the page to landscape with the margins turned with it
(the 版心 stays 156 × 225 mm).
"""

from __future__ import annotations

from collections.abc import Sequence
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
    _sub(mar, "left", w="85", type="dxa")
    _sub(mar, "right", w="85", type="dxa")
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


def finish(doc: Any) -> Any:
    fix_up(doc)
    return doc


# --------------------------------------------------------------------------- 述法情况汇总表

_SUMMARY_WEIGHTS: dict[str, float] = {
    "序号": 3.0, "单位": 7.5, "姓名": 3.8, "职务": 6.5, "类别": 6.0, "年度": 3.2, "职责填写": 3.8,
    "未达标量化要求": 4.0, "列出问题的职责": 4.0, "字数": 3.2, "好": 3.0, "较好": 3.0, "一般": 3.0, "差": 3.0,
    "好评率": 3.8,
}  # fmt: skip
_SUMMARY_LEFT = {"单位", "职务", "类别"}


def summary_document(title: str, header: Sequence[str], values: Sequence[Sequence[Any]]) -> Any:
    """The 述法情况汇总表 as a document (landscape: the table has 10–15 columns)."""
    landscape = len(header) > 6
    doc = base_document(landscape=landscape, title=title)
    body = doc.element.body
    sect = body.find(W + "sectPr")
    width = text_width(landscape)
    widths = scale_widths([_SUMMARY_WEIGHTS.get(h, 3.0) for h in header], width)
    size = SMALL_FOUR if len(header) <= 10 else FIVE
    # headers that are long for their column get a line break so they wrap at a word boundary
    shown = [{"未达标量化要求": "未达标\n量化要求", "列出问题的职责": "列出问题\n的职责"}.get(h, h) for h in header]
    aligns = ["left" if h in _SUMMARY_LEFT else "center" for h in header]
    for el in (
        paragraph(title, style=gbt.STYLE_TITLE),
        paragraph(f"（共 {len(values)} 份报告）", style=gbt.STYLE_NOTE),
        table(shown, [[str(v) for v in row] for row in values], widths, size=size, aligns=aligns),
        paragraph(
            "注：职责填写为已完成条数/应填写条数；未达标量化要求为填报值低于清单要求的项数；"
            + ("好评率为“好”“较好”票数占总票数的比例。" if "好评率" in header else "字数不含标题和落款。"),
            font=gbt.FONT_BODY,
            size=size,
            compact=True,
        ),
    ):
        sect.addprevious(el)
    return finish(doc)


# --------------------------------------------------------------------------- 述法评议表

EVAL_HEADER = ("序号", "单位", "姓名", "职务", "好", "较好", "一般", "差", "意见建议")
_EVAL_WEIGHTS = (2.6, 8.0, 3.8, 7.0, 3.0, 3.0, 3.0, 3.0, 10.0)


def evaluation_document(settings: Any, speakers: Sequence[Sequence[str]]) -> Any:
    """The 述法评议表: title, meeting date, one row per speaker with a tick box per grade and
    room for 意见建议, then the 评议人 line and the 填表说明 (landscape A4)."""
    doc = base_document(landscape=True, title=settings.title)
    sect = doc.element.body.find(W + "sectPr")
    widths = scale_widths(_EVAL_WEIGHTS, LANDSCAPE_TEXT_WIDTH)
    rows = [[*s[:4], "□", "□", "□", "□", ""] for s in speakers]
    aligns = ["center", "left", "center", "left", "center", "center", "center", "center", "left"]
    elements = [
        paragraph(settings.title, style=gbt.STYLE_TITLE),
        paragraph(settings.date_line(), style=gbt.STYLE_NOTE),
        table(EVAL_HEADER, rows, widths, size=SMALL_FOUR + 4, aligns=aligns, min_row_height=gbt.mm(12)),
    ]
    if settings.rater_line:
        elements.append(paragraph(settings.rater_line, font=gbt.FONT_BODY, size=SMALL_FOUR + 4, compact=True))
    if settings.instructions:
        for line in settings.instructions.split("\n"):
            if line.strip():
                elements.append(paragraph(line.strip(), font=gbt.FONT_HEADING2, size=SMALL_FOUR, compact=True))
    for el in elements:
        sect.addprevious(el)
    return finish(doc)
