"""Word (.docx) → lines for the structure parser.

- Paragraphs in body order, with Word's automatic numbering rendered from numbering.xml (the
  numbers are not in the text): ``第%1条``, ``%1、`` with 一二三 counting, ``（%1）``, ``%1.``, ①…
- Tables: a header row names the columns (序号 / 职责、类别 / 具体内容、职责内容 / 责任单位); a
  category cell (also merged over several rows) becomes a group, each row an item with its
  responsible units. Several numbered paragraphs in one content cell become several items.
- Guards: not a zip, zip bombs, a missing document part, image-only documents.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from ..errors import InvalidFileError
from .numbering import match_label
from .structure import Hint, role_columns, role_value, take_role_column
from .tables import layout
from .units import split_top

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_ENTRIES = 2000

_CN_DIGIT = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _cn_number(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGIT[n]
    if n < 20:
        return "十" + (_CN_DIGIT[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGIT[n // 10] + "十" + (_CN_DIGIT[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _cn_number(rest) if rest < 10 else _cn_number(rest))
        if 10 <= rest < 20:
            tail = "一" + _cn_number(rest)
        return _CN_DIGIT[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")]
    vals += [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting"):
        return _cn_number(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x245F + n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


class Numbering:
    """Counters for Word's automatic numbering."""

    def __init__(self, root) -> None:  # root: numbering.xml element or None
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.num_to_abs: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for an in root.findall(f"{W}abstractNum"):
            aid = an.get(f"{W}abstractNumId")
            levels: dict[int, _Level] = {}
            for lvl in an.findall(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0") or 0)
                lv = _Level()
                el = lvl.find(f"{W}numFmt")
                if el is not None:
                    lv.fmt = el.get(f"{W}val", "decimal")
                el = lvl.find(f"{W}lvlText")
                if el is not None:
                    lv.text = el.get(f"{W}val", "")
                el = lvl.find(f"{W}start")
                if el is not None:
                    try:
                        lv.start = int(el.get(f"{W}val", "1"))
                    except ValueError:
                        lv.start = 1
                levels[ilvl] = lv
            if aid is not None:
                self.abstract[aid] = levels
        for num in root.findall(f"{W}num"):
            nid = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if nid is None or ref is None:
                continue
            self.num_to_abs[nid] = ref.get(f"{W}val", "")
            for ov in num.findall(f"{W}lvlOverride"):
                so = ov.find(f"{W}startOverride")
                if so is not None:
                    try:
                        self.overrides.setdefault(nid, {})[int(ov.get(f"{W}ilvl", "0"))] = int(so.get(f"{W}val", "1"))
                    except ValueError:
                        pass

    def label(self, num_id: str, ilvl: int) -> str:
        aid = self.num_to_abs.get(num_id)
        if aid is None or num_id == "0":
            return ""
        levels = self.abstract.get(aid, {})
        # numIds with a start override count on their own; others share the abstract list's counters
        key = f"n{num_id}" if num_id in self.overrides else f"a{aid}"
        counters = self.counters.setdefault(key, {})
        lv = levels.get(ilvl, _Level())
        start = self.overrides.get(num_id, {}).get(ilvl, lv.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if lv.fmt in ("bullet", "none"):
            return ""

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k, _Level())
            value = counters.get(k, other.start)
            return format_number(value, other.fmt if k != ilvl else lv.fmt)

        return re.sub(r"%([1-9])", sub, lv.text)


# --------------------------------------------------------------------------- tables


class _Labels:
    """Renders Word's automatic numbering of a paragraph (direct numPr or a numbered style)."""

    def __init__(self, numbering: Numbering, style_num: dict[str, tuple[str, int]]) -> None:
        self.numbering = numbering
        self.style_num = style_num

    def __call__(self, p, text: str, empty_ok: bool = False) -> str:
        ppr = p.find(f"{W}pPr")
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        num: tuple[str, int] | None = None
        if numpr is not None:
            nid = numpr.find(f"{W}numId")
            il = numpr.find(f"{W}ilvl")
            if nid is not None:
                try:
                    num = (nid.get(f"{W}val", "0"), int(il.get(f"{W}val", "0")) if il is not None else 0)
                except ValueError:
                    num = None
        elif ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            if ps is not None:
                num = self.style_num.get(ps.get(f"{W}val", ""))
        if num is None or not (text.strip() or empty_ok):
            return ""
        return self.numbering.label(num[0], max(0, min(8, num[1])))


def _cell_paragraphs(tc, labels: _Labels | None = None) -> list[str]:
    out = []
    for p in tc.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}tab", f"{W}br") if t.tag == f"{W}t")
        # (an empty numbered paragraph in a cell shows its number: a 序号 column numbered by Word)
        label = labels(p, text, empty_ok=True) if labels is not None else ""
        out.append(f"{label}{text}" if label else text)
    return out


def _grid(tbl, labels: _Labels | None = None) -> list[list[tuple[object, list[str]]]]:
    """Rows of (cell identity, paragraphs), merged cells repeated with the same identity."""
    rows: list[list[tuple[object, list[str]]]] = []
    for tr in tbl.findall(f"{W}tr"):
        row: list[tuple[object, list[str]]] = []
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(f"{W}gridSpan")
                if gs is not None:
                    try:
                        span = max(1, min(50, int(gs.get(f"{W}val", "1"))))
                    except ValueError:
                        span = 1
                vm = tcpr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val", "continue")
            col = len(row)
            if vmerge == "continue" and rows and col < len(rows[-1]):
                ident, paras = rows[-1][col]
            else:
                ident, paras = tc, _cell_paragraphs(tc, labels)
            for _ in range(span):
                row.append((ident, paras))
        rows.append(row)
    return rows


def _table_lines(tbl, out: list[str], hints: dict[int, Hint], labels: _Labels | None = None) -> None:
    grid = [r for r in _grid(tbl, labels) if any("".join(p).strip() for _, p in r)]
    if not grid:
        return
    ncols = max(len(r) for r in grid)
    if len(grid) == 1 and ncols == 1:
        # a one-cell table used as a frame: its paragraphs are ordinary text
        out.extend(grid[0][0][1])
        return
    while len(grid) > 1 and ncols > 1 and len({id(ident) for ident, _ in grid[0]}) == 1:
        # a row spanning the whole table is a caption (the list's title or a section heading)
        out.append("".join(grid[0][0][1]))
        grid = grid[1:]
    header = ["".join(p).strip() for _, p in grid[0]]
    role_cols = role_columns(header)
    if role_cols:
        # 类别 | 县委主要负责人 | 县政府主要负责人: one group per role column, the other columns shared
        others = [i for i in range(ncols) if i not in role_cols]
        for rc in role_cols:
            out.append(header[rc])
            hints[len(out)] = Hint("tcat", level=0)
            sub = [[r[i] for i in others if i < len(r)] + ([r[rc]] if rc < len(r) else []) for r in grid]
            sub[0] = sub[0][:-1] + [(object(), ["具体内容"])]
            _table_rows(sub, out, hints, base_level=1)
        return
    _table_rows(grid, out, hints)


_EMPTY_CELLS = {"/", "／", "—", "——", "-", "无", "——/——"}


def _table_rows(
    grid: list[list[tuple[object, list[str]]]], out: list[str], hints: dict[int, Hint], base_level: int = 0
) -> None:
    texts = [["".join(p).strip() for _, p in r] for r in grid]
    lay = layout(texts)
    body = grid[1:] if lay.header else grid
    rcol = take_role_column(lay, texts)
    current: dict[int, str] = {}
    for r in body:
        for level, ci in enumerate(lay.cats, start=base_level):
            if ci >= len(r):
                continue
            text = "".join(r[ci][1]).strip()
            if not text or current.get(ci) == text:
                continue
            current[ci] = text
            for deeper in lay.cats[level - base_level + 1 :]:
                current.pop(deeper, None)
            lab = match_label(text)
            out.append(lab.rest if lab else text)
            hints[len(out)] = Hint("tcat", label=lab.label if lab else "", level=level)
        if lay.content >= len(r):
            continue
        paras = [p.strip() for p in r[lay.content][1] if p.strip() and p.strip() not in _EMPTY_CELLS]
        if not paras:
            continue
        units = None
        if lay.units is not None and lay.units < len(r):
            utext = "".join(r[lay.units][1]).strip()
            units = split_top(utext) if utext else None
        seq = "".join(r[lay.seq][1]).strip() if lay.seq is not None and lay.seq < len(r) else ""
        numbered = [p for p in paras if match_label(p)]
        if len(numbered) >= 2 and not seq:
            for p in paras:
                out.append(f"{p}（责任单位：{'、'.join(units)}）" if units and match_label(p) else p)
            continue
        lab = match_label(paras[0]) if not seq else None
        out.append(lab.rest if lab else paras[0])
        rtext = "".join(r[rcol][1]).strip() if rcol is not None and rcol < len(r) else ""
        role = role_value(rtext) if rtext else None
        hints[len(out)] = Hint("table", label=seq or (lab.label if lab else ""), units=units, role=role)
        out.extend(paras[1:])


def _walk(document) -> tuple[list[str], dict[int, Hint]]:
    try:
        numbering_root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        numbering_root = None
    numbering = Numbering(numbering_root)
    style_num: dict[str, tuple[str, int]] = {}
    try:
        for st in document.styles.element.findall(f"{W}style"):
            sid = st.get(f"{W}styleId")
            ppr = st.find(f"{W}pPr")
            numpr = ppr.find(f"{W}numPr") if ppr is not None else None
            if sid and numpr is not None:
                nid = numpr.find(f"{W}numId")
                il = numpr.find(f"{W}ilvl")
                if nid is not None:
                    style_num[sid] = (nid.get(f"{W}val", "0"), int(il.get(f"{W}val", "0")) if il is not None else 0)
    except (AttributeError, ValueError):
        pass
    labels = _Labels(numbering, style_num)
    out: list[str] = []
    hints: dict[int, Hint] = {}
    body = document.element.body
    after_table = False
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            text = "".join(t.text or "" for t in child.iter(f"{W}t"))
            label = labels(child, text)
            out.append(f"{label}{text}" if label else text)
            if after_table and out[-1].strip():
                # the first paragraph after a table of duties does not continue the table's last row
                hints[len(out)] = Hint("plain")
                after_table = False
        elif child.tag == f"{W}tbl":
            before = len(hints)
            _table_lines(child, out, hints, labels)
            after_table = len(hints) > before
    return out, hints


def docx_lines(data: bytes, name: str = "文件") -> tuple[list[str], dict[int, Hint]]:
    """(lines, hints by 1-based line number) of a .docx file's body."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InvalidFileError(
            f"“{name}”不是有效的 Word（.docx）文件，可能已损坏。", hint="请在 WPS 或 Word 中打开并另存为 .docx 后重试。"
        ) from exc
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise InvalidFileError(
            f"“{name}”解压后过大，不像是一份职责清单（可能是压缩炸弹）。",
            hint="请确认文件来源，或复制清单正文后粘贴导入。",
        )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise InvalidFileError(
            f"“{name}”不是 Word 文档（可能是其他压缩包或表格文件）。", hint="请导入 .docx、.txt 或 .md 格式的职责清单。"
        )
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any parser failure means a broken file
        raise InvalidFileError(
            f"“{name}”无法作为 Word 文档打开，可能已损坏。", hint="请在 WPS 或 Word 中打开并另存为 .docx 后重试。"
        ) from exc
    try:
        out, hints = _walk(document)
    except InvalidFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed XML inside a valid zip
        raise InvalidFileError(
            f"“{name}”的内部结构异常，无法读取。", hint="请在 WPS 或 Word 中打开并另存为 .docx 后重试。"
        ) from exc
    if not any(line.strip() for line in out):
        has_images = any(n.startswith("word/media/") for n in names)
        if has_images:
            raise InvalidFileError(
                f"“{name}”里只有图片，没有可读取的文字（可能是扫描件）。",
                hint="请先用 WPS 的“图片转文字”功能识别文字，或找到清单的文字版。",
            )
        raise InvalidFileError(f"“{name}”是空白文档。", hint="请选择含有职责清单正文的文件。")
    return out, hints
