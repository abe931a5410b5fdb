"""Helpers for render tests: read .docx parts back, make small templates from the built-in one."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from shuifa.paths import BUILTIN_TEMPLATES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph."""
    body = part(path, "word/document.xml").find(f"{W}body")
    out = []
    for p in body.iterchildren(f"{W}p"):
        st = p.find(f"{W}pPr/{W}pStyle")
        out.append((st.get(f"{W}val") if st is not None else "", "".join(t.text or "" for t in p.iter(f"{W}t"))))
    return out


def para(text: str, style: str | None = None, runs: list[str] | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    pieces = runs if runs is not None else [text]
    body = "".join(
        f'<w:r><w:rPr><w:sz w:val="{32 + i % 2}"/></w:rPr><w:t xml:space="preserve">{escape(t)}</w:t></w:r>'
        for i, t in enumerate(pieces)
    )
    return f"<w:p>{ppr}{body}</w:p>"


def make_template(target: Path, body: list[str], *, category: str | None = "shufa-report") -> Path:
    """A copy of the built-in shufa-report template with its body paragraphs replaced."""
    src = BUILTIN_TEMPLATES / "shufa-report.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:body>") + len("<w:body>")
                end = text.index("<w:sectPr>")
                text = text[:start] + "".join(body) + text[end:]
                data = text.encode("utf-8")
            elif item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<cp:category>[^<]*</cp:category>", f"<cp:category>{category or ''}</cp:category>", text)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return target
