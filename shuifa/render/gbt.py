"""GB/T 9704-2012 numbers used by the built-in templates and the render fix-ups.

All lengths in twips (1/20 pt) unless the name says otherwise. See docs/format.md for the reasons.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def mm(value: float) -> int:
    """Millimetres to twips, rounded."""
    return round(value / 25.4 * 1440)


PAGE_WIDTH = 11906  # A4 210 mm
PAGE_HEIGHT = 16838  # A4 297 mm
MARGIN_TOP = mm(37)  # 2098 天头
MARGIN_BOTTOM = mm(35)  # 1984
MARGIN_LEFT = mm(28)  # 1587 订口
MARGIN_RIGHT = mm(26)  # 1474
HEADER_DISTANCE = mm(15)
FOOTER_DISTANCE = mm(25)  # page number's line sits ≈ 7 mm below the 版心 (see docs/format.md)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips = 156 mm

LINE_PITCH = 579  # 28.95 pt exact: 22 lines in the 225 mm 版心
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE_HALF_PT = 32  # 三号 16 pt
TITLE_SIZE_HALF_PT = 44  # 二号 22 pt
PAGE_NUMBER_SIZE_HALF_PT = 28  # 四号 14 pt
#: Character spacing in twentieths of a point: 16 pt − 0.25 pt = 15.75 pt a character;
#: 28 × 15.75 = 441 pt fits the 442.2 pt line, 29 do not.
CHAR_SPACING = -5
#: docGrid charSpace (1/4096 pt) so Word's 页面设置 shows 每行 28 字 (informational; type "lines").
GRID_CHAR_SPACE = round((TEXT_WIDTH / 20 / CHARS_PER_LINE - BODY_SIZE_HALF_PT / 2) * 4096)
FIRST_LINE_INDENT = 640  # 2 × 16 pt
FIRST_LINE_CHARS = 200
PAGE_NUMBER_INDENT = 280  # one 14 pt character
PAGE_NUMBER_INDENT_CHARS = 100

# Fonts (the licensed names clerks' machines have) and the free stand-ins named as w:altName.
FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEADING1 = "黑体"
FONT_HEADING2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"
#: name -> (altName, charset, family, pitch)
FONTS: dict[str, tuple[str, str, str, str]] = {
    FONT_BODY: ("仿宋", "86", "modern", "fixed"),
    FONT_TITLE: ("宋体", "86", "script", "variable"),
    FONT_HEADING1: ("SimHei", "86", "modern", "fixed"),
    FONT_HEADING2: ("楷体", "86", "modern", "fixed"),
    FONT_PAGE_NUMBER: ("SimSun", "86", "auto", "variable"),
    FONT_LATIN: ("Liberation Serif", "00", "roman", "variable"),
}
# LibreOffice ignores w:altName; shuifa.render.pdf.FONT_STAND_INS names the free stand-ins it is given.

# Paragraph styles of the built-in templates: id -> (name shown in Word/WPS, east-asian font, size, outline level)
STYLE_TITLE = "GwTitle"
STYLE_BYLINE = "GwByline"
STYLE_NOTE = "GwNote"
STYLE_SALUTATION = "GwSalutation"
STYLE_HEADING = {1: "GwHeading1", 2: "GwHeading2", 3: "GwHeading3", 4: "GwHeading4"}
STYLE_SIGNER = "GwSigner"
STYLE_DATE = "GwDate"
STYLE_PAGE_NUMBER = "GwPageNumber"
STYLE_ANNEX_LABEL = "GwAnnexLabel"  # “附件” above an annex: 黑体 三号, flush left
STYLE_ANNEX_TITLE = "GwAnnexTitle"  # the annex's own title: as the document title, but not the title
STYLE_TABLE = "GwTable"  # table cells: 仿宋 四号, single spacing
TABLE_SIZE_HALF_PT = 28  # 四号 14 pt
#: Annex table columns (twips, summing to TEXT_WIDTH): 职责 | 清单要求 | 完成情况 | 是否达标.
ANNEX_COLUMNS = (3345, 2700, 1500, 1300)
HEADING_FONTS = {1: FONT_HEADING1, 2: FONT_HEADING2, 3: FONT_BODY, 4: FONT_BODY}
HEADING_STYLE_IDS = frozenset(STYLE_HEADING.values()) | {STYLE_TITLE}

# Schema order of the children of w:pPr and w:rPr (ECMA-376 CT_PPr / CT_RPr).
PPR_ORDER: tuple[str, ...] = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
RPR_ORDER: tuple[str, ...] = (
    "ins", "del", "moveFrom", "moveTo",
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)  # fmt: skip
