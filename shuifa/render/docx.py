"""Render a Report into a .docx with docxtpl, then fix the result up to GB/T 9704 and the schema.

Fix-ups after Jinja (they make user templates behave like the built-in ones):
- no heading paragraph left empty (a 不涉及 group, an empty part, an empty variable in a heading);
- children of ``w:pPr``/``w:rPr`` in schema order (some readers drop misplaced ones silently);
- ``w:eastAsia`` set wherever a run names a Chinese font only as ``w:ascii`` (else Chinese text
  falls back to another font);
- tables get ``w:tblGrid``/``w:gridCol`` widths (WPS needs them);
- 落款 and 成文日期: the date right-indented two characters, the signer placed so the date starts two
  characters to the right of it (GB/T 9704 7.3.5.2).
Multi-paragraph values become separate paragraphs in the Jinja environment (see environment.py).
"""

from __future__ import annotations

import re
import traceback
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from lxml import etree

from .. import atomic
from ..errors import OutputError, TemplateError
from ..model import Report
from . import gbt
from .context import build_context
from .environment import get_environment
from .templates import TemplateInfo, check_template, resolve_template

W = f"{{{gbt.W_NS}}}"
_P, _R, _T, _PPR, _RPR, _PSTYLE = W + "p", W + "r", W + "t", W + "pPr", W + "rPr", W + "pStyle"
_VAL = W + "val"
_PPR_RANK = {W + n: i for i, n in enumerate(gbt.PPR_ORDER)}
_RPR_RANK = {W + n: i for i, n in enumerate(gbt.RPR_ORDER)}
_CJK_LATIN_NAMES = {
    "simsun",
    "simhei",
    "fangsong",
    "kaiti",
    "fangsong_gb2312",
    "kaiti_gb2312",
    "microsoft yahei",
    "nsimsun",
}
_FOOTER_OR_HEADER = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
)


class _Template(DocxTemplate):
    """docxtpl that remembers the XML it fed to Jinja, so errors can point at a paragraph."""

    def render_xml_part(self, src_xml, part, context, jinja_env=None):  # type: ignore[override]
        self._shuifa_src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
        self._shuifa_part = getattr(part, "partname", "")
        return super().render_xml_part(src_xml, part, context, jinja_env)


# --------------------------------------------------------------------------- errors


def _template_line(exc: BaseException) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if isinstance(exc, jinja2.TemplateSyntaxError) and lineno:
        return lineno
    found = None
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            found = line
    return found or lineno


def _place(tpl: _Template, exc: BaseException) -> str:
    src = getattr(tpl, "_shuifa_src", "")
    part = str(getattr(tpl, "_shuifa_part", ""))
    where = "页眉" if "header" in part else "页脚" if "footer" in part else "正文"
    line = _template_line(exc)
    if not src or not line:
        return where
    lines = src.split("\n")
    if not 1 <= line <= len(lines):
        return where
    text = re.sub(r"<[^>]+>", "", lines[line - 1]).strip()
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')
    if len(text) > 60:
        text = text[:60] + "…"
    n = sum(1 for x in lines[: line - 1] if x.startswith("<w:p")) + (1 if lines[line - 1].startswith("<w:p") else 0)
    return f"{where}第{n}段附近“{text}”" if text else f"{where}第{n}段附近"


def _explain(exc: BaseException) -> str:
    msg = str(exc)
    if isinstance(exc, SecurityError):
        return "模板使用了不允许的写法（例如访问以下划线开头的内部属性），出于安全考虑已拒绝"
    if isinstance(exc, jinja2.UndefinedError):
        m = re.match(r"'([^']+)' is undefined", msg)
        if m:
            return f"模板里的变量“{m.group(1)}”不存在（请对照 docs/templates.md 检查拼写）"
        m = re.search(r"has no attribute '([^']+)'", msg)
        if m:
            return f"模板里的字段“{m.group(1)}”不存在（请对照 docs/templates.md 检查拼写）"
        return f"模板引用了不存在的变量（{msg}）"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        m = re.search(
            r"looking for the following tags: (.+?)\. The innermost block that needs to be closed is '(\w+)'", msg
        )
        if m:
            return f"“{m.group(2)}”块没有结束标记（缺少 {m.group(1).replace(' or ', ' 或 ')}）"
        m = re.match(r"Encountered unknown tag '(\w+)'", msg)
        if m:
            return f"不认识的标签“{m.group(1)}”（可能是 {{% %}} 配对出错）"
        if "unexpected end of template" in msg.lower():
            return "模板提前结束：有标签没有闭合"
        if "unexpected" in msg or "expected" in msg:
            return f"标签写法有误：缺少或多出了括号、引号或花括号（{msg}）"
        return f"模板语法错误（{msg}）"
    if isinstance(exc, etree.XMLSyntaxError):
        return "模板标签出现在 Word 无法容纳文字的位置（例如被拆开或放进了格式属性中），生成的文档结构损坏"
    return f"{type(exc).__name__}: {msg}"


def _template_error(info: TemplateInfo, tpl: _Template, exc: BaseException) -> TemplateError:
    return TemplateError(
        f"模板“{info.path.name}”有错误：{_explain(exc)}。位置：{_place(tpl, exc)}。",
        hint="请在 WPS 或 Word 中打开该模板修改后重试；标签请一次输入完整，不要中途改格式。",
    )


# --------------------------------------------------------------------------- fix-ups


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(_T))


def _heading_style_ids(doc: Any) -> set[str]:
    ids = set(gbt.HEADING_STYLE_IDS)
    try:
        styles = doc.styles.element
    except Exception:  # noqa: BLE001 - a template without a styles part
        return ids
    for st in styles.iterchildren(W + "style"):
        sid = st.get(W + "styleId") or ""
        name_el = st.find(W + "name")
        name = (name_el.get(_VAL) if name_el is not None else "") or ""
        low = name.lower()
        if low.startswith("heading") or low == "title" or name.startswith("标题"):
            ids.add(sid)
        elif st.find(f"{W}pPr/{W}outlineLvl") is not None:
            ids.add(sid)
    return ids


def _remove_empty_headings(body: etree._Element, heading_ids: set[str]) -> None:
    for p in list(body.iter(_P)):
        ppr = p.find(_PPR)
        if ppr is None:
            continue
        st = ppr.find(_PSTYLE)
        is_heading = (st is not None and st.get(_VAL) in heading_ids) or ppr.find(W + "outlineLvl") is not None
        if not is_heading or _text(p).strip() or ppr.find(W + "sectPr") is not None:
            continue
        if any(True for _ in p.iter(W + "drawing", W + "pict", W + "object")):
            continue
        parent = p.getparent()
        if parent is not None and not (parent.tag == W + "tc" and len(parent.findall(_P)) == 1):
            parent.remove(p)


def _reorder(root: etree._Element) -> None:
    for el in root.iter(_PPR, _RPR):
        rank = _PPR_RANK if el.tag == _PPR else _RPR_RANK
        children = list(el)
        if len(children) < 2:
            continue
        keys = [rank.get(c.tag, 999) for c in children]
        if keys != sorted(keys):
            pairs = sorted(zip(keys, range(len(children)), children, strict=True), key=lambda x: (x[0], x[1]))
            for c in children:
                el.remove(c)
            for _, _, c in pairs:
                el.append(c)


def _fix_fonts(root: etree._Element) -> None:
    for rf in root.iter(W + "rFonts"):
        if rf.get(W + "eastAsia") or rf.get(W + "eastAsiaTheme"):
            continue
        name = rf.get(W + "ascii") or rf.get(W + "hAnsi")
        if name and (not name.isascii() or name.lower() in _CJK_LATIN_NAMES):
            rf.set(W + "eastAsia", name)


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "—…“”‘’" else 1.0 for ch in text)


def _style_of(p: etree._Element) -> str:
    st = p.find(f"{_PPR}/{_PSTYLE}")
    return st.get(_VAL) if st is not None else ""


def _set_right_indent(p: etree._Element, chars: float) -> None:
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.SubElement(p, _PPR)
        p.insert(0, ppr)
    ind = ppr.find(W + "ind")
    if ind is None:
        ind = etree.SubElement(ppr, W + "ind")
    ind.set(W + "rightChars", str(round(chars * 100)))
    ind.set(W + "right", str(round(chars * (gbt.BODY_SIZE_HALF_PT * 10 + gbt.CHAR_SPACING))))
    ind.set(W + "firstLineChars", "0")
    ind.set(W + "firstLine", "0")


def _place_signature(body: etree._Element) -> None:
    paras = list(body.iterchildren(_P))
    for i, p in enumerate(paras[:-1]):
        if _style_of(p) != gbt.STYLE_SIGNER or _style_of(paras[i + 1]) != gbt.STYLE_DATE:
            continue
        _keep_with_signature(paras[:i])
        s, d = _width(_text(p).strip()), _width(_text(paras[i + 1]).strip())
        if not s or not d:
            continue
        date_right = max(2.0, s - d)
        _set_right_indent(paras[i + 1], date_right)
        _set_right_indent(p, date_right + d - s + 2)


def _keep_with_signature(before: list[etree._Element]) -> None:
    """The 落款 never stands alone on a page: the last paragraph of text (and the blank line and the
    附件 note between) keep with it (GB/T 9704 7.3.5: adjust rather than leave the signature alone)."""
    for p in reversed(before):
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = etree.Element(_PPR)
            p.insert(0, ppr)
        if ppr.find(W + "keepNext") is None:
            ppr.append(etree.Element(W + "keepNext"))  # (schema order is restored by _reorder)
        if _text(p).strip() and not _text(p).startswith("附件："):
            break


def _fix_tables(body: etree._Element) -> None:
    for tbl in body.iter(W + "tbl"):
        rows = tbl.findall(W + "tr")
        if not rows:
            continue
        ncols = 0
        widths: list[int] = []
        for tc in rows[0].findall(W + "tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(_VAL, "1")) if span_el is not None else 1
            w_el = tc.find(f"{W}tcPr/{W}tcW")
            w = int(w_el.get(W + "w", "0") or 0) if w_el is not None and w_el.get(W + "type") in (None, "dxa") else 0
            widths += [w // span] * span
            ncols += span
        grid = tbl.find(W + "tblGrid")
        cols = grid.findall(W + "gridCol") if grid is not None else []
        if grid is not None and len(cols) == ncols and all((c.get(W + "w") or "0") not in ("0", "") for c in cols):
            continue
        if not all(widths):
            widths = [gbt.TEXT_WIDTH // max(ncols, 1)] * ncols
        if grid is not None:
            tbl.remove(grid)
        grid = etree.Element(W + "tblGrid")
        for w in widths:
            etree.SubElement(grid, W + "gridCol").set(W + "w", str(w))
        tblpr = tbl.find(W + "tblPr")
        tbl.insert(tbl.index(tblpr) + 1 if tblpr is not None else 0, grid)


def fix_up(doc: Any) -> None:
    """Apply the fix-ups to a python-docx Document (body, headers, footers, styles)."""
    body = doc.element.body
    _remove_empty_headings(body, _heading_style_ids(doc))
    _place_signature(body)
    _fix_tables(body)
    roots = [doc.element]
    for rel in doc.part.rels.values():
        if rel.reltype in _FOOTER_OR_HEADER and not rel.is_external:
            el = getattr(rel.target_part, "element", None)
            if el is None:
                el = getattr(rel.target_part, "_element", None)
            if el is not None:
                roots.append(el)
    try:
        roots.append(doc.styles.element)
    except Exception:  # noqa: BLE001
        pass
    for root in roots:
        _reorder(root)
        _fix_fonts(root)


# --------------------------------------------------------------------------- render


def render_document(
    report: Report, template: str | Path | TemplateInfo = "shufa-report", *, today: date | None = None
) -> _Template:
    """Render into an in-memory docxtpl document (not saved yet)."""
    info = resolve_template(template)  # a name or a path is checked there
    if isinstance(template, TemplateInfo) and not info.builtin:
        check_template(info.path)  # made elsewhere (a list, a batch): the file may have changed since
    context = build_context(report, info.kind, today=today)
    try:
        tpl = _Template(str(info.path))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        raise TemplateError(
            f"无法打开模板“{info.path.name}”：它不是有效的 Word 文档（{type(exc).__name__}）。",
            hint="请在 WPS 或 Word 中打开并另存为 .docx 后重试。",
        ) from exc
    _fix_tables(tpl.docx.element.body)  # docxtpl itself trips over a table without w:tblGrid
    try:
        tpl.render(context, get_environment())
    except (jinja2.TemplateError, etree.XMLSyntaxError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise _template_error(info, tpl, exc) from exc
    doc = tpl.docx
    fix_up(doc)
    now = datetime.now().replace(microsecond=0)
    doc.core_properties.created = now
    doc.core_properties.modified = now
    doc.core_properties.last_modified_by = "述法助手"
    if context.get("title"):
        doc.core_properties.title = context["title"]
    return tpl


def render_docx(
    report: Report,
    template: str | Path | TemplateInfo = "shufa-report",
    out_path: str | Path | None = None,
    *,
    today: date | None = None,
) -> Path:
    """Render ``report`` with ``template`` (a kind name, a user template name or a .docx path) to
    ``out_path`` atomically; returns the path written."""
    if out_path is None:
        raise TypeError("render_docx() needs out_path")
    out = Path(out_path)
    tpl = render_document(report, template, today=today)
    try:
        atomic.write_with(out, lambda tmp: tpl.save(str(tmp)))
    except OutputError:
        raise
    except OSError as exc:
        raise atomic.explain_os_error(exc, out) from exc
    return out
