"""Finding templates: the built-in ``templates/*.docx`` and the user's own in the user-data folder.

A template's kind (which context it gets) is read from the document's 类别 property
(``cp:category``, set to ``shufa-report`` / ``shuzhi-section`` / ``speech`` in the built-in ones and
kept when a clerk copies one), else from a file name starting with a kind name, else
``shufa-report``. A user template with the same name as a built-in one takes its place.

A .docx without any Jinja tag (``{{ }}`` / ``{% %}``) is not a template: rendering it would only copy
the file. :func:`template_problem` says so; :func:`list_templates` leaves such user files out (so no
menu offers them) and :func:`skipped_templates` gives them with the reason; naming one with ``-t``
or rendering it raises :class:`TemplateError`.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import TemplateError
from .context import KINDS

_CATEGORY = re.compile(rb"<cp:category>([^<]*)</cp:category>")
_XML_TAG = re.compile(r"<[^>]*>")
#: Parts whose text docxtpl renders: the body, headers and footers (and foot/endnotes).
_TEXT_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_log = logging.getLogger(__name__)


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


def has_template_tags(path: Path) -> bool:
    """Whether the document's text holds a ``{{ }}`` or ``{% %}`` tag (also when Word split it over runs)."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if _TEXT_PART.match(name):
                text = _XML_TAG.sub("", zf.read(name).decode("utf-8", "replace"))
                if "{{" in text or "{%" in text:
                    return True
    return False


def template_problem(path: Path) -> str:
    """Why ``path`` cannot serve as a template ("" when it can)."""
    try:
        ok = has_template_tags(path)
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return f"“{path.name}”不是有效的 Word 文档（文件可能已损坏）"
    if not ok:
        return f"“{path.name}”不是述法报告模板：其中没有任何填充标记（{{{{ }}}} 或 {{% %}}），用它只会生成这份文件的原样副本"
    return ""


NO_TAGS_HINT = (
    "最省事的做法是复制一个内置模板（“shuifa templates”列出它们的位置）再在 WPS 或 Word 中修改；"
    "需要填入报告内容的地方写 {{ 变量 }}，写法和全部变量见说明文档 docs/templates.md。"
)


def check_template(path: Path) -> None:
    """Raise TemplateError when ``path`` cannot serve as a template."""
    problem = template_problem(path)
    if problem:
        raise TemplateError(problem + "。", hint=NO_TAGS_HINT)


def _builtin() -> list[TemplateInfo]:
    out = []
    for kind, title in KINDS.items():
        p = builtin_dir() / f"{kind}.docx"
        if p.is_file():
            out.append(TemplateInfo(name=kind, kind=kind, title=title, path=p, builtin=True))
    return out


def _user_files() -> list[Path]:
    d = paths.user_templates_dir()
    # Word/WPS lock files (~$…) and our temporary files (.…) are not templates.
    return [p for p in sorted(d.glob("*.docx")) if not p.name.startswith(("~$", "."))]


def skipped_templates() -> list[tuple[Path, str]]:
    """User-folder .docx files left out of :func:`list_templates`, with the reason (Chinese)."""
    out = []
    for p in _user_files():
        problem = template_problem(p)
        if problem:
            out.append((p, problem))
    return out


def _user(warn: bool) -> list[TemplateInfo]:
    out = []
    for p in _user_files():
        problem = template_problem(p)
        if problem:
            if warn:
                _log.warning("跳过自定义模板：%s。", problem)
            continue
        kind = template_kind(p)
        out.append(TemplateInfo(name=p.stem, kind=kind, title=f"{p.stem}（{KINDS[kind]}）", path=p, builtin=False))
    return out


def list_templates(*, warn: bool = True) -> list[TemplateInfo]:
    """Built-in templates first (a user template of the same name replaces one), then the user's.

    User files that are no template (:func:`skipped_templates`) are left out, each with a logged
    warning (on the command line it appears on stderr) unless ``warn`` is false."""
    user = _user(warn)
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
        available = list_templates(warn=False)
        for t in available:
            if t.name == s:
                return t
        for p, problem in skipped_templates():
            if p.stem == s:
                raise TemplateError(problem + "。", hint=NO_TAGS_HINT)
        names = "、".join(t.name for t in available) or "（无）"
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
    check_template(p)
    kind = template_kind(p)
    return TemplateInfo(name=p.stem, kind=kind, title=f"{p.stem}（{KINDS[kind]}）", path=p.resolve(), builtin=False)
