"""Builds .docx test inputs with python-docx: Word automatic numbering (numbering.xml) and tables
with merged cells, as WPS and Word save them."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# abstractNum 1: 一、 / （一） / 1. ; abstractNum 2: 第一条 ; abstractNum 3: ① (decimalEnclosedCircle);
# abstractNum 4: 1 (a 序号 column numbered by Word)
NUMBERING = f"""
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1条"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="3">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="4">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>
"""


def new_document() -> docx.document.Document:
    d = docx.Document()
    part = d.part.numbering_part
    el = part.element
    for child in list(el):
        el.remove(child)
    for child in parse_xml(NUMBERING):
        el.append(child)
    return d


def numbered(d, text: str, num_id: int, ilvl: int = 0):
    p = d.add_paragraph(text)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def merge_down(table, col: int, first_row: int, last_row: int) -> None:
    """Merge a column vertically (Word writes vMerge restart/continue)."""
    a = table.cell(first_row, col)
    b = table.cell(last_row, col)
    a.merge(b)


def save(d, path: Path) -> Path:
    d.save(str(path))
    return path
