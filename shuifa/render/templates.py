"""Finding templates: the built-in ``templates/*.docx`` and the user's own in the user-data folder.

A template's kind (which context it gets) is read from the document's 类别 property
(``cp:category``, set to ``shufa-report`` / ``shuzhi-section`` / ``speech`` in the built-in ones and
kept when a clerk copies one), else from a file name starting with a kind name, else
``shufa-report``. A user template with the same name as a built-in one takes its place.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import TemplateError
from .context import KINDS

_CATEGORY = re.compile(rb"<cp:category>([^<]*)</cp:category>")


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    kind: str
    title: str
    path: Path
    builtin: bool


def builtin_dir() -> Path:
    return paths.BUILTIN_TEMPLATES


def template_kind(path: Path) -> str:
    """The kind of a template file (see module docstring)."""
    try:
        with zipfile.ZipFile(path) as zf:
            core = zf.read("docProps/core.xml") if "docProps/core.xml" in zf.namelist() else b""
    except (OSError, zipfile.BadZipFile, KeyError):
        core = b""
    m = _CATEGORY.search(core)
    if m:
        cat = m.group(1).decode("utf-8", "replace").strip()
        if cat in KINDS:
            return cat
    stem = path.stem
    for kind in sorted(KINDS, key=len, reverse=True):
        if stem.startswith(kind):
            return kind
    return "shufa-report"


def _builtin() -> list[TemplateInfo]:
    out = []
    for kind, title in KINDS.items():
        p = builtin_dir() / f"{kind}.docx"
        if p.is_file():
            out.append(TemplateInfo(name=kind, kind=kind, title=title, path=p, builtin=True))
    return out


def _user() -> list[TemplateInfo]:
    d = paths.user_templates_dir()
    out = []
    for p in sorted(d.glob("*.docx")):
        if p.name.startswith(("~$", ".")):  # Word/WPS lock files, our temporary files
            continue
        kind = template_kind(p)
        out.append(TemplateInfo(name=p.stem, kind=kind, title=f"{p.stem}（{KINDS[kind]}）", path=p, builtin=False))
    return out


def list_templates() -> list[TemplateInfo]:
    """Built-in templates first (a user template of the same name replaces one), then the user's."""
    user = _user()
    user_names = {t.name for t in user}
    builtin = [t for t in _builtin() if t.name not in user_names]
    overriding = [t for t in user if t.name in KINDS]
    rest = [t for t in user if t.name not in KINDS]
    ordered = sorted(builtin + overriding, key=lambda t: list(KINDS).index(t.name))
    return ordered + rest


def resolve_template(template: str | Path | TemplateInfo) -> TemplateInfo:
    """A kind name, a user template's name, or a path to a .docx file → the template to use."""
    if isinstance(template, TemplateInfo):
        return template
    s = str(template).strip()
    looks_like_path = isinstance(template, Path) or "/" in s or "\\" in s or s.lower().endswith((".docx", ".doc"))
    if not looks_like_path:
        for t in list_templates():
            if t.name == s:
                return t
        names = "、".join(t.name for t in list_templates()) or "（无）"
        raise TemplateError(
            f"找不到名为“{s}”的模板。",
            hint=f"可用的模板：{names}。也可以直接给出 .docx 模板文件的路径；自定义模板请放在“{paths.user_templates_dir()}”。",
        )
    p = Path(s).expanduser()
    if not p.is_file():
        raise TemplateError(f"模板文件“{p}”不存在。", hint="请检查路径是否正确。")
    if p.suffix.lower() != ".docx":
        raise TemplateError(
            f"“{p.name}”不是 .docx 格式的模板。",
            hint="请在 WPS 或 Word 中用“另存为”保存为“Word 文档（*.docx）”后再使用。",
        )
    if not zipfile.is_zipfile(p):
        raise TemplateError(
            f"“{p.name}”不是有效的 Word 文档（文件可能已损坏）。", hint="请在 WPS 或 Word 中打开并重新保存。"
        )
    kind = template_kind(p)
    return TemplateInfo(name=p.stem, kind=kind, title=f"{p.stem}（{KINDS[kind]}）", path=p.resolve(), builtin=False)
