"""Public entry points: :func:`import_file`, :func:`import_text` → :class:`ImportResult`."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidFileError
from ..model import DutyList
from .clean import clean_lines
from .decode import MAX_BYTES, decode_bytes
from .meta import TERMINAL
from .structure import Hint, classify_sections, heading_like, parse_lines, to_nodes

MAX_TEXT_CHARS = 5_000_000


@dataclass
class ImportWarning:  # noqa: A001 - the name is part of the shared API
    """Something the user should check on the review screen (Chinese message)."""

    message: str
    line: int | None = None
    node_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "line": self.line, "node_id": self.node_id}


@dataclass
class ImportResult:
    duty_list: DutyList
    warnings: list[ImportWarning] = field(default_factory=list)
    source_lines: list[str] = field(default_factory=list)
    encoding: str = "utf-8"

    def to_json_dict(self) -> dict[str, Any]:
        dl = self.duty_list
        duties = []
        for path, node in dl.duty_paths():
            duties.append(
                {
                    "path": [p.heading() for p in path],
                    "label": node.label,
                    "text": node.text,
                    "role": node.role,
                    "responsible_units": list(node.responsible_units),
                    "requirements": [
                        {
                            "kind": r.kind,
                            "min": r.min,
                            "max": r.max,
                            "per": r.per,
                            "deadline": r.deadline,
                            "text": r.text,
                        }
                        for r in node.requirements
                    ],
                }
            )
        return {
            "title": dl.title,
            "issuer": dl.issuer,
            "date": dl.date,
            "duties": duties,
            "context": dl.context_headings(),
            "warnings": [w.to_dict() for w in self.warnings],
        }


def _build(lines: list[str], notes: list[tuple[int, str]], name: str, hints: dict[int, Hint] | None) -> ImportResult:
    parsed = parse_lines(lines, hints)
    reportable = classify_sections(parsed.items)
    nodes = to_nodes(parsed.items, reportable, parsed.meta.title)
    meta = parsed.meta
    digest = hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()[:10]
    title = meta.title or re.sub(r"\.(txt|md|docx|markdown|text)$", "", name, flags=re.I)
    dl = DutyList(
        id=f"imported-{digest}",
        title=title,
        issuer=meta.issuer,
        date=meta.date,
        source=f"导入自“{name}”",
        children=nodes,
    )
    duties = dl.duties()
    if not duties:
        raise InvalidFileError(
            f"“{name}”中没有找到职责清单：未识别到编号的职责条目。",
            hint="职责清单的条目通常以“一、”“（一）”“1.”“第X条”等编号开头；请确认选择的文件，或复制清单正文后粘贴导入。",
        )
    spans = [(n.source_lines, n.id) for _, n in dl.walk() if n.source_lines]
    item_of: dict[int, str] = {}
    for (first, _last), nid in spans:
        item_of.setdefault(first, nid)
    warnings: list[ImportWarning] = []
    if not meta.title:
        warnings.append(ImportWarning("未识别到清单标题，已用文件名代替，请在核对时修改。"))
    for msg, line, _item in parsed.warnings:
        warnings.append(ImportWarning(msg, line, item_of.get(line) if line else None))
    # a note belongs to the deepest node whose lines include its line (walk order puts descendants later)
    note_lines = sorted({line for line, _ in notes})
    owner: dict[int, str] = {}
    for (first, last), nid in spans:
        for line in note_lines[bisect.bisect_left(note_lines, first) : bisect.bisect_right(note_lines, last)]:
            owner[line] = nid
    for line, msg in notes:
        warnings.append(ImportWarning(msg, line, owner.get(line)))
    last = duties[-1]
    last_text = (last.text or last.title or "").rstrip()
    if not last_text or last_text[-1] not in TERMINAL + "”』":
        first = last.source_lines[0] if last.source_lines else None
        name = _quoted(last.label or last_text[:10])
        if last_text and heading_like(last_text) and not last.title:
            why = f"“{last.label}{last_text}”像是标题，下面没有职责条目"
        elif last_text:
            why = f"职责{name}没有以句号结束"
        else:
            why = f"职责{name}只有编号没有内容"
        warnings.append(ImportWarning(f"最后一条可能不完整：{why}，可能复制时被截断，请对照原文补全。", first, last.id))
    for n in duties:
        if len(n.text) < 4 and n is not last:
            warnings.append(
                ImportWarning(
                    f"职责 {n.label} 的内容过短，请核对。", n.source_lines[0] if n.source_lines else None, n.id
                )
            )
    warnings.sort(key=lambda w: (w.line is None, w.line or 0))
    return ImportResult(duty_list=dl, warnings=warnings, source_lines=lines)


def _quoted(label: str) -> str:
    return label if label.startswith(("（", "(", "第")) or len(label) > 6 else f"“{label}”"


def import_text(text: str, name: str = "粘贴的文本") -> ImportResult:
    """Import pasted text (or already-decoded file content)."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidFileError(f"“{name}”没有内容。", hint="请粘贴职责清单的正文。")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidFileError(f"“{name}”太长，职责清单不会有这么多文字。", hint="请只粘贴清单正文。")
    lines, notes = clean_lines(text)
    res = _build(lines, notes, name, None)
    if res.duty_list.date is None:
        m = _PUBLISHED_RE.search(text[:20000])
        if m:
            y, mo, d = (int(x) for x in m.group("y", "m", "d"))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                res.duty_list.date = f"{y:04d}-{mo:02d}-{d:02d}"
                res.warnings.insert(0, ImportWarning("未找到落款日期，已采用网页的发布日期，请核对。", None, None))
    return res


_PUBLISHED_RE = re.compile(
    r"(?:发布|成文|印发|发文)(?:时间|日期)\s*[:：]\s*(?P<y>(?:19|20|21)\d\d)\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})"
)


def import_file(path: str | Path) -> ImportResult:
    """Import a .txt/.md/.docx file. Raises InvalidFileError (Chinese message) when it holds no duty list."""
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InvalidFileError(f"找不到文件“{p}”。", hint="请检查文件路径是否正确。") from None
    except OSError as exc:
        raise InvalidFileError(
            f"无法读取文件“{p}”：{exc.strerror or exc}。", hint="请检查文件是否存在以及读取权限。"
        ) from None
    if p.is_dir():
        raise InvalidFileError(f"“{p}”是文件夹，不是文件。", hint="请选择职责清单文件。")
    if size > MAX_BYTES:
        raise InvalidFileError(
            f"“{name}”太大（{size / 1024 / 1024:.1f} MB），职责清单不会超过 10 MB。",
            hint="请确认选择的是职责清单本身，或只复制清单正文后粘贴导入。",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InvalidFileError(f"无法读取文件“{p}”：{exc.strerror or exc}。", hint="请检查文件读取权限。") from None
    suffix = p.suffix.lower()
    if suffix in (".doc", ".wps"):
        raise InvalidFileError(
            f"“{name}”是旧版 Word/WPS 格式，无法直接读取。",
            hint="请在 WPS 或 Word 中打开它，“另存为” .docx 格式后再导入。",
        )
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        raise InvalidFileError(
            f"“{name}”是 PDF 文件，无法直接读取。",
            hint="请在 WPS 中打开 PDF 并复制文字后粘贴导入，或转换为 .docx；扫描件需先做文字识别。",
        )
    if suffix in (".docx", ".docm", ".wpsx") or data.startswith(b"PK\x03\x04"):
        from .docx import docx_lines

        lines_raw, hints = docx_lines(data, name)
        lines_raw = [x.replace("\r", "").replace("\n", "") for x in lines_raw]
        lines, notes = clean_lines("\n".join(lines_raw))
        if len(lines) != len(lines_raw):  # a cell holding a line break: keep numbering consistent
            lines = lines[: len(lines_raw)] + [""] * (len(lines_raw) - len(lines))
        return _build(lines, notes, name, hints)
    text, encoding = decode_bytes(data, name)
    res = import_text(text, name)
    res.encoding = encoding
    if encoding not in ("utf-8", "ascii"):
        res.warnings.insert(0, ImportWarning(f"文件按 {encoding.upper()} 编码读取。"))
    return res
