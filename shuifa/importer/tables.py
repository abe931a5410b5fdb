"""Which column of a duty table is what: 序号 / 类别（职责） / 具体内容 / 责任单位.

Used for Word tables (docx.py) and for tables pasted as text (tab-separated cells, or markdown
``| a | b |`` rows) in structure.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SEQ = re.compile(r"^(序号|编号|序|号)$")
_CONTENT = re.compile(
    r"具体内容|职责内容|具体职责|职责事项|工作任务|任务内容|主要内容|履职内容|工作内容|内容|具体措施|任务|要求"
)
_STRONG_CONTENT = re.compile(
    r"具体内容|职责内容|具体职责|任务内容|履职内容|工作内容|具体措施|主要内容|具体任务|工作任务|清单内容"
)
_CATEGORY = re.compile(r"职责类别|类别|分类|类型|领域|方面|项目|事项|职责|板块|工作")
_UNITS = re.compile(
    r"责任单位|牵头单位|责任部门|牵头部门|配合单位|责任主体|责任领导|主体|责任科室|责任处室|责任股室|科室|处室|股室"
)
_IGNORED = re.compile(r"责任人|适用对象|对象|岗位|备注|完成时限|时限|时间")
_SEQ_VALUE = re.compile(r"[\d一二三四五六七八九十（）().、．]*")


@dataclass
class Layout:
    header: bool = False
    seq: int | None = None
    cats: list[int] = field(default_factory=list)
    content: int = 0
    units: int | None = None


def layout(rows: list[list[str]]) -> Layout:
    """Column roles of a table given as rows of cell texts (the first row may be a header)."""
    out = Layout()
    if not rows:
        return out
    ncols = max(len(r) for r in rows)
    header = [h.strip().replace(" ", "") for h in rows[0]]
    named = sum(
        1
        for h in header
        if h and len(h) <= 10 and (_SEQ.match(h) or _CONTENT.search(h) or _UNITS.search(h) or _CATEGORY.search(h))
    )
    content: int | None = None
    if named >= 2:
        out.header = True
        strong = [i for i, h in enumerate(header) if h and _STRONG_CONTENT.search(h) and not _UNITS.search(h)]
        for i, h in enumerate(header):
            if not h:
                continue
            if _SEQ.match(h) and out.seq is None:
                out.seq = i
            elif _UNITS.search(h) and out.units is None:
                out.units = i
            elif _IGNORED.search(h):
                continue
            elif strong:
                if i == strong[0]:
                    content = i
                elif i < strong[0]:
                    out.cats.append(i)
            elif _CONTENT.search(h) and content is None and not (h in ("职责", "事项") and i < ncols - 1):
                content = i
            elif _CATEGORY.search(h):
                out.cats.append(i)
        if content is None and out.cats:
            content = out.cats.pop()
        body = rows[1:]
    else:
        body = rows
    if content is None:
        lengths = [0] * ncols
        for r in body:
            for i, cell in enumerate(r):
                lengths[i] += len(cell)
        content = max(range(ncols), key=lambda i: lengths[i])
        for i in range(content):
            vals = [r[i].strip() for r in body if i < len(r)]
            if vals and all(_SEQ_VALUE.fullmatch(v) for v in vals):
                out.seq = i
            elif i != out.units:
                out.cats.append(i)
    out.content = content
    return out


def split_text_row(line: str) -> list[str] | None:
    """Cells of a table row pasted as text: tab-separated or markdown pipes; None for ordinary lines."""
    if "\t" in line.strip():
        cells = [c.strip() for c in line.strip().split("\t")]
        return cells if sum(1 for c in cells if c) >= 2 else None
    if line.count("|") >= 2:
        s = line.strip()
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        cells = [c.strip() for c in s.split("|")]
        return cells if len(cells) >= 2 else None
    return None
