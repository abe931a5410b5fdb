"""Build the built-in report templates ``templates/*.docx`` reproducibly.

Run ``python scripts/make_templates.py``; the output is byte-for-byte the same on every run (fixed
zip timestamps and document properties), so the .docx files are committed next to this script.
Every part is written here by hand so that the format follows GB/T 9704-2012 exactly (see
docs/format.md): page, margins, grid, styles with ``w:eastAsia`` fonts, even/odd page-number
footers as PAGE fields, a font table with free fallbacks and a theme that names only common fonts.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuifa.render import gbt  # noqa: E402

W = gbt.W_NS
R = gbt.R_NS
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FIXED_TIME = "2024-01-01T00:00:00Z"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------- run/paragraph properties


def rfonts(east_asia: str, latin: str = gbt.FONT_LATIN) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:eastAsia="{east_asia}" w:hAnsi="{latin}" w:cs="{latin}"/>'


def rpr(east_asia: str, size: int = gbt.BODY_SIZE_HALF_PT, latin: str = gbt.FONT_LATIN, spacing: bool = True) -> str:
    sp = f'<w:spacing w:val="{gbt.CHAR_SPACING}"/>' if spacing else ""
    return f'<w:rPr>{rfonts(east_asia, latin)}{sp}<w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def line_spacing() -> str:
    return f'<w:spacing w:before="0" w:after="0" w:line="{gbt.LINE_PITCH}" w:lineRule="exact"/>'


def indent_first() -> str:
    return f'<w:ind w:firstLineChars="{gbt.FIRST_LINE_CHARS}" w:firstLine="{gbt.FIRST_LINE_INDENT}"/>'


def indent_none() -> str:
    return '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


# --------------------------------------------------------------------------- styles


def paragraph_style(
    style_id: str,
    name: str,
    ppr_inner: str,
    rpr_xml: str,
    *,
    based_on: str | None = "Normal",
    next_style: str = "Normal",
    ui_priority: int = 1,
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}<w:next w:val="{next_style}"/>'
        f'<w:uiPriority w:val="{ui_priority}"/><w:qFormat/>'
        f"<w:pPr>{ppr_inner}</w:pPr>{rpr_xml}</w:style>"
    )


def styles_xml() -> str:
    body_rpr = rpr(gbt.FONT_BODY)
    styles = [
        # Normal = 正文: 仿宋_GB2312 三号, exact 28.95 pt, 2-character first-line indent, justified.
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>{line_spacing()}{indent_first()}<w:jc w:val="both"/></w:pPr>'
        f"{body_rpr}</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        paragraph_style(
            gbt.STYLE_TITLE,
            "公文标题",
            f'<w:keepNext/>{line_spacing()}{indent_none()}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
            rpr(gbt.FONT_TITLE, gbt.TITLE_SIZE_HALF_PT, spacing=False),
        ),
        paragraph_style(
            gbt.STYLE_BYLINE,
            "公文署名行",
            f'<w:keepNext/>{line_spacing()}{indent_none()}<w:jc w:val="center"/>',
            rpr(gbt.FONT_HEADING2),
        ),
        paragraph_style(
            gbt.STYLE_NOTE,
            "公文说明",
            f'{line_spacing()}{indent_none()}<w:jc w:val="center"/>',
            rpr(gbt.FONT_HEADING2),
        ),
        paragraph_style(
            gbt.STYLE_SALUTATION,
            "公文称谓",
            f'<w:keepNext/>{line_spacing()}{indent_none()}<w:jc w:val="left"/>',
            body_rpr,
        ),
    ]
    names = {1: "公文一级标题", 2: "公文二级标题", 3: "公文三级标题", 4: "公文四级标题"}
    for level, style_id in gbt.STYLE_HEADING.items():
        styles.append(
            paragraph_style(
                style_id,
                names[level],
                f'<w:keepNext/>{line_spacing()}{indent_first()}<w:jc w:val="both"/><w:outlineLvl w:val="{level}"/>',
                rpr(gbt.HEADING_FONTS[level]),
            )
        )
    right = f'<w:ind w:rightChars="{gbt.FIRST_LINE_CHARS}" w:right="{gbt.FIRST_LINE_INDENT}" w:firstLineChars="0" w:firstLine="0"/>'
    styles += [
        paragraph_style(
            gbt.STYLE_ANNEX_LABEL,
            "公文附件标识",
            f'<w:pageBreakBefore/>{line_spacing()}{indent_none()}<w:jc w:val="left"/>',
            rpr(gbt.FONT_HEADING1),
        ),
        paragraph_style(
            gbt.STYLE_ANNEX_TITLE,
            "公文附件标题",
            f'<w:keepNext/>{line_spacing()}{indent_none()}<w:jc w:val="center"/>',
            rpr(gbt.FONT_TITLE, gbt.TITLE_SIZE_HALF_PT, spacing=False),
        ),
        paragraph_style(
            gbt.STYLE_TABLE,
            "公文表格",
            f'<w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="auto"/>{indent_none()}<w:jc w:val="left"/>',
            rpr(gbt.FONT_BODY, gbt.TABLE_SIZE_HALF_PT, spacing=False),
        ),
        paragraph_style(
            gbt.STYLE_SIGNER, "公文落款", f'<w:keepNext/>{line_spacing()}{right}<w:jc w:val="right"/>', body_rpr
        ),
        paragraph_style(gbt.STYLE_DATE, "公文成文日期", f'{line_spacing()}{right}<w:jc w:val="right"/>', body_rpr),
        paragraph_style(
            gbt.STYLE_PAGE_NUMBER,
            "公文页码",
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>',
            rpr(gbt.FONT_PAGE_NUMBER, gbt.PAGE_NUMBER_SIZE_HALF_PT, latin=gbt.FONT_PAGE_NUMBER, spacing=False),
        ),
    ]
    doc_defaults = (
        "<w:docDefaults><w:rPrDefault>"
        f'<w:rPr>{rfonts(gbt.FONT_BODY)}<w:kern w:val="0"/><w:sz w:val="{gbt.BODY_SIZE_HALF_PT}"/>'
        f'<w:szCs w:val="{gbt.BODY_SIZE_HALF_PT}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
        "</w:rPrDefault><w:pPrDefault><w:pPr>"
        f"{line_spacing()}"
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return f'{XML_DECL}<w:styles xmlns:w="{W}" xmlns:r="{R}">{doc_defaults}{"".join(styles)}</w:styles>'


# --------------------------------------------------------------------------- settings, fonts, theme, footers


def settings_xml() -> str:
    return (
        f'{XML_DECL}<w:settings xmlns:w="{W}" xmlns:r="{R}">'
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
        "<w:evenAndOddHeaders/>"
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="{charset}"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, (alt, charset, family, pitch) in gbt.FONTS.items()
    )
    return f'{XML_DECL}<w:fonts xmlns:w="{W}" xmlns:r="{R}">{fonts}</w:fonts>'


def theme_xml() -> str:
    """A minimal theme whose fonts are ones every Chinese office machine has (no Japanese/Korean script fonts)."""
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    colors = (
        '<a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>'
        '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>'
        '<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>'
        '<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>'
        '<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>'
        '<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>'
    )
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    fmt = (
        f'<a:fmtScheme name="Office"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>"
    )
    fonts = (
        '<a:fontScheme name="GBT9704">'
        f'<a:majorFont><a:latin typeface="{gbt.FONT_LATIN}"/><a:ea typeface="{gbt.FONT_HEADING1}"/><a:cs typeface=""/>'
        f'<a:font script="Hans" typeface="{gbt.FONT_HEADING1}"/></a:majorFont>'
        f'<a:minorFont><a:latin typeface="{gbt.FONT_LATIN}"/><a:ea typeface="{gbt.FONT_PAGE_NUMBER}"/><a:cs typeface=""/>'
        f'<a:font script="Hans" typeface="{gbt.FONT_PAGE_NUMBER}"/></a:minorFont></a:fontScheme>'
    )
    return (
        f'{XML_DECL}<a:theme xmlns:a="{a}" name="GBT9704"><a:themeElements>'
        f'<a:clrScheme name="Office">{colors}</a:clrScheme>{fonts}{fmt}</a:themeElements>'
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def footer_xml(odd: bool) -> str:
    """“— N —” in 14 pt 宋体, with the page number as a PAGE field; odd pages right, even pages left,
    each with one character's indent."""
    if odd:
        ind = f'<w:ind w:rightChars="{gbt.PAGE_NUMBER_INDENT_CHARS}" w:right="{gbt.PAGE_NUMBER_INDENT}" w:firstLineChars="0" w:firstLine="0"/>'
        jc = "right"
    else:
        ind = f'<w:ind w:leftChars="{gbt.PAGE_NUMBER_INDENT_CHARS}" w:left="{gbt.PAGE_NUMBER_INDENT}" w:firstLineChars="0" w:firstLine="0"/>'
        jc = "left"

    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    body = (
        run('<w:t xml:space="preserve">— </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run('<w:t xml:space="preserve"> —</w:t>')
    )
    return (
        f'{XML_DECL}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="{gbt.STYLE_PAGE_NUMBER}"/>'
        f'{ind}<w:jc w:val="{jc}"/></w:pPr>{body}</w:p></w:ftr>'
    )


def sect_pr() -> str:
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
        f'<w:pgSz w:w="{gbt.PAGE_WIDTH}" w:h="{gbt.PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{gbt.MARGIN_TOP}" w:right="{gbt.MARGIN_RIGHT}" w:bottom="{gbt.MARGIN_BOTTOM}" '
        f'w:left="{gbt.MARGIN_LEFT}" w:header="{gbt.HEADER_DISTANCE}" w:footer="{gbt.FOOTER_DISTANCE}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{gbt.LINE_PITCH}" w:charSpace="{gbt.GRID_CHAR_SPACE}"/></w:sectPr>'
    )


# --------------------------------------------------------------------------- document bodies


def para(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def tag(text: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag ``{%p … %}`` (the paragraph disappears on render)."""
    return para(text)


def body_loop(var: str) -> list[str]:
    return [tag(f"{{%p for p in {var} %}}"), para("{{ p }}"), tag("{%p endfor %}")]


def title_loop() -> list[str]:
    """The title, one paragraph per line (``title_lines``: a long title broken at a word, GB/T 9704 7.3.1)."""
    return [tag("{%p for line in title_lines %}"), para("{{ line }}", gbt.STYLE_TITLE), tag("{%p endfor %}")]


def blocks_loop(var: str) -> list[str]:
    """Headings at levels 2–4 and body paragraphs of the 履职情况 section, one paragraph each."""
    return [
        tag(f"{{%p for b in {var} %}}"),
        tag("{%p if b.level == 2 %}"),
        para("{{ b.text }}", gbt.STYLE_HEADING[2]),
        tag("{%p elif b.level == 3 %}"),
        para("{{ b.text }}", gbt.STYLE_HEADING[3]),
        tag("{%p elif b.level == 4 %}"),
        para("{{ b.text }}", gbt.STYLE_HEADING[4]),
        tag("{%p else %}"),
        para("{{ b.text }}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


def section(key: str, heading: str, level: int, *, blocks: bool = False) -> list[str]:
    out = [
        tag(f"{{%p if sections.{key}.present %}}"),
        para(f"{{{{ sections.{key}.number }}}}{heading}", gbt.STYLE_HEADING[level]),
    ]
    out += blocks_loop(f"sections.{key}.blocks") if blocks else body_loop(f"sections.{key}.paragraphs")
    out.append(tag("{%p endif %}"))
    return out


def report_sections(level: int) -> list[str]:
    """The four parts; each holds topic / problem headings (levels 2–4) and body paragraphs."""
    return [
        *section("performance", "履职情况", level, blocks=True),
        *section("rectification", "上年度问题整改情况", level, blocks=True),
        *section("problems", "存在的问题和不足", level, blocks=True),
        *section("next_steps", "下一步工作打算", level, blocks=True),
    ]


def cell(text: str, width: int, *, header: bool = False, merge: str = "") -> str:
    """A table cell; ``merge`` is a Jinja test: when true the cell continues the one above (vMerge)."""
    font = gbt.FONT_HEADING1 if header else gbt.FONT_BODY
    jc = "center" if header else "left"
    run_props = rpr(font, gbt.TABLE_SIZE_HALF_PT, spacing=False)
    vmerge = f'{{% if {merge} %}}<w:vMerge/>{{% else %}}<w:vMerge w:val="restart"/>{{% endif %}}' if merge else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{vmerge}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{gbt.STYLE_TABLE}"/><w:jc w:val="{jc}"/></w:pPr>'
        f'<w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
    )


def row(cells: list[str], *, header: bool = False) -> str:
    props = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tag_row(text: str) -> str:
    """A table row holding only a docxtpl row tag ``{%tr … %}`` (the row disappears on render)."""
    span = len(gbt.ANNEX_COLUMNS)
    return (
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="{sum(gbt.ANNEX_COLUMNS)}" w:type="dxa"/><w:gridSpan w:val="{span}"/>'
        f"</w:tcPr>{para(text, gbt.STYLE_TABLE)}</w:tc></w:tr>"
    )


def annex_table() -> str:
    """职责清单落实情况对照表: a bordered table, the header row repeated on every page, one row per
    requirement (``annex.rows``)."""
    widths = gbt.ANNEX_COLUMNS
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = row(
        [cell(t, w, header=True) for t, w in zip(("职责", "清单要求", "完成情况", "是否达标"), widths, strict=True)],
        header=True,
    )
    body = row(
        [cell("{% if not r.continued %}{{ r.duty }}{% endif %}", widths[0], merge="r.continued")]
        + [cell(f"{{{{ r.{k} }}}}", w) for k, w in zip(("requirement", "value", "met"), widths[1:], strict=True)]
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        f"{header}{tag_row('{%tr for r in annex.rows %}')}{body}{tag_row('{%tr endfor %}')}</w:tbl>"
    )


def annex() -> list[str]:
    return [
        tag("{%p if annex.present %}"),
        para("附件", gbt.STYLE_ANNEX_LABEL),
        para("{{ annex.title }}", gbt.STYLE_ANNEX_TITLE),
        para(""),
        annex_table(),
        tag("{%p endif %}"),
    ]


def shufa_report_body() -> list[str]:
    return [
        *title_loop(),
        para("{{ byline }}", gbt.STYLE_BYLINE),
        para(""),
        *body_loop("opening"),
        *report_sections(1),
        # 附件说明 (GB/T 9704 7.3.4): a blank line, then 附件：name, indented two characters
        tag("{%p if annex.present %}"),
        para(""),
        para("附件：{{ annex.title }}"),
        tag("{%p endif %}"),
        para(""),
        para("{{ signature.name }}", gbt.STYLE_SIGNER),
        para("{{ signature.date }}", gbt.STYLE_DATE),
        *annex(),
    ]


def shuzhi_section_body() -> list[str]:
    return [
        para("{{ heading }}", gbt.STYLE_HEADING[1]),
        *body_loop("opening"),
        *report_sections(2),
    ]


def speech_body() -> list[str]:
    """Spoken: no headings read aloud and no time note in the document (the app and the CLI say it)."""
    return [
        *title_loop(),
        para("{{ byline }}", gbt.STYLE_BYLINE),
        para(""),
        para("{{ salutation }}", gbt.STYLE_SALUTATION),
        *body_loop("opening"),
        tag("{%p for s in section_list %}"),
        *body_loop("s.paragraphs"),
        tag("{%p endfor %}"),
        *body_loop("closing"),
    ]


def outline_body() -> list[str]:
    """述法提纲: a cue card — a heading per topic, cue lines with key figures under it."""
    return [
        *title_loop(),
        para("{{ byline }}", gbt.STYLE_BYLINE),
        para(""),
        *body_loop("opening"),
        tag("{%p for s in section_list %}"),
        para("{{ s.heading }}", gbt.STYLE_HEADING[1]),
        *body_loop("s.paragraphs"),
        tag("{%p endfor %}"),
        *body_loop("closing"),
    ]


KINDS = {
    "shufa-report": ("书面述法报告", shufa_report_body),
    "shuzhi-section": ("述职报告述法部分", shuzhi_section_body),
    "speech": ("现场述法发言稿", speech_body),
    "speech-outline": ("述法提纲", outline_body),
}


def document_xml(paragraphs: list[str]) -> str:
    return (
        f'{XML_DECL}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
        f"{''.join(paragraphs)}{sect_pr()}</w:body></w:document>"
    )


# --------------------------------------------------------------------------- package


def content_types() -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    return (
        f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/>'
        f'<Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/>'
        f'<Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/>'
        f'<Override PartName="/word/footer2.xml" ContentType="{main}.footer+xml"/>'
        '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def rels(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
    return f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def core_xml(kind: str, title: str) -> str:
    return (
        f'{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>述法助手</dc:creator><cp:lastModifiedBy>述法助手</cp:lastModifiedBy>"
        f"<cp:category>{kind}</cp:category>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>述法助手</Application></Properties>"
    )


def build(kind: str) -> bytes:
    import io

    title, body = KINDS[kind]
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": rels(
            [
                ("rId1", f"{OD}/officeDocument", "word/document.xml"),
                (
                    "rId2",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml",
                ),
                ("rId3", f"{OD}/extended-properties", "docProps/app.xml"),
            ]
        ),
        "docProps/core.xml": core_xml(kind, title),
        "docProps/app.xml": app_xml(),
        "word/document.xml": document_xml(body()),
        "word/_rels/document.xml.rels": rels(
            [
                ("rIdStyles", f"{OD}/styles", "styles.xml"),
                ("rIdSettings", f"{OD}/settings", "settings.xml"),
                ("rIdFonts", f"{OD}/fontTable", "fontTable.xml"),
                ("rIdTheme", f"{OD}/theme", "theme/theme1.xml"),
                ("rIdFooterOdd", f"{OD}/footer", "footer1.xml"),
                ("rIdFooterEven", f"{OD}/footer", "footer2.xml"),
            ]
        ),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/theme/theme1.xml": theme_xml(),
        "word/footer1.xml": footer_xml(odd=True),
        "word/footer2.xml": footer_xml(odd=False),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def main(out_dir: Path | None = None) -> list[Path]:
    out_dir = out_dir or ROOT / "templates"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out_dir / f"{kind}.docx"
        path.write_bytes(build(kind))
        written.append(path)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
